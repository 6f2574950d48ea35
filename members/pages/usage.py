"""The organisers' page of the members' area usage, and its CSV download."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.params import FromQuery
from litestar.response import Template

from kring.choices import Role
from kring.i18n import gettext_for
from kring.web.auth import requires
from kring.web.templating import language_of, page
from members.usage import DEFAULT_MONTHS, ROW_NAMES, CellState, login_usage, parse_months
from members.usage_csv import NOTES, usage_csv
from members.usage_rule import MINIMUM

organisers = requires(Role.organiser)
CHOICES = (3, 6, DEFAULT_MONTHS, 24, 36)


@get("/usage", guards=[organisers], name="usage")
async def usage_page(request: Request, months: FromQuery[str | None] = None) -> Template:
    count = parse_months(months)
    usage = await login_usage(count)
    return page(
        request,
        "members/usage.html",
        usage=usage,
        months=count,
        choices=sorted({*CHOICES, count}),
        minimum=MINIMUM,
        row_names=ROW_NAMES,
        notes=NOTES,
        states=CellState,
    )


@get("/usage/csv", guards=[organisers])
async def usage_download(request: Request, months: FromQuery[str | None] = None) -> Response:
    usage = await login_usage(parse_months(months))
    _ = gettext_for(language_of(request))
    last = usage.months[-1]
    return Response(
        usage_csv(usage, _),
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="area-usage-{usage.months[0]}-{last}.csv"'
        },
    )


ROUTES = [usage_page, usage_download]
