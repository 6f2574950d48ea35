"""The events page: upcoming and past events of the network."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from events.listing import list_events
from kring.web.auth import signed_in
from kring.web.templating import page


@get("/events", guards=[signed_in], name="events")
async def events(request: Request) -> Template:
    upcoming = await list_events(upcoming=True)
    past = await list_events(upcoming=False, limit=20)
    return page(request, "events.html", upcoming=upcoming, past=past)


ROUTES = [events]
