"""/api/usage/logins: the members' area usage per month, by the same rule as the page."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import Controller, get
from litestar.params import QueryParameter
from msgspec import Struct

from kring.choices import Role
from kring.web.auth import requires
from members.usage import DEFAULT_MONTHS, MAX_MONTHS, ROW_NAMES, login_usage
from members.usage_rule import MINIMUM


class UsageCell(Struct):
    month: str
    state: Literal["shown", "hidden", "too_small", "in_other", "not_kept", "no_members"]
    """`shown`: the count is given; `hidden`: fewer than 5 signed in or did not (or it would
    reveal another hidden count); `too_small`: the pooled organisations are fewer than 5 members
    together; `in_other`: counted in the `other` row that month; `not_kept`: older than the
    retention of login months."""
    members: int | None
    signed_in: int | None
    share: float | None


class UsageRow(Struct):
    kind: Literal["all", "organisation", "without_organisation", "other"]
    organisation: int | None
    name: str
    cells: list[UsageCell]


class LoginUsage(Struct):
    months: list[str]
    minimum_group: int
    kept_months: int
    rows: list[UsageRow]


class UsageController(Controller):
    path = "/api/usage"
    tags = ["usage"]
    guards = [requires(Role.organiser)]

    @get(
        "/logins",
        summary="Share of members who signed in, per completed month and organisation",
        description=(
            "Organisers. `months`: 1 to 36 (12 by default). Never per person: no count below 5 "
            "is given, and hidden counts cannot be worked out from the others (README)."
        ),
    )
    async def logins(
        self, months: Annotated[int, QueryParameter(ge=1, le=MAX_MONTHS)] = DEFAULT_MONTHS
    ) -> LoginUsage:
        usage = await login_usage(months)
        return LoginUsage(
            months=list(usage.months),
            minimum_group=MINIMUM,
            kept_months=usage.kept_months,
            rows=[
                UsageRow(
                    kind=row.kind.value,  # type: ignore[arg-type]
                    organisation=row.organisation_id,
                    name=row.name or ROW_NAMES[row.kind],
                    cells=[
                        UsageCell(
                            month=cell.month,
                            state=cell.state.value,  # type: ignore[arg-type]
                            members=None if cell.state == "in_other" else cell.members,
                            signed_in=cell.signed_in,
                            share=None if cell.share is None else round(cell.share, 4),
                        )
                        for cell in row.cells
                    ],
                )
                for row in usage.rows
            ],
        )
