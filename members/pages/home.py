"""The start page after login."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from kring.choices import RecordStatus
from kring.tables import Challenge, Expertise
from kring.web.auth import current, signed_in
from kring.web.templating import page
from members.records import list_records


@get("/", guards=[signed_in], name="home")
async def home(request: Request) -> Template:
    viewer = current(request)
    challenges = expertise = []
    if viewer.member_id is not None:
        challenges = await list_records(Challenge, viewer, viewer.member_id, RecordStatus.open)
        expertise = await list_records(Expertise, viewer, viewer.member_id, RecordStatus.open)
    return page(request, "home.html", challenges=challenges, expertise=expertise)


ROUTES = [home]
