"""/api/events: the network's events and how full they are."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from litestar import get
from litestar.params import FromQuery, QueryParameter

from events.listing import list_events
from kring.web.auth import signed_in


class EventSummary(msgspec.Struct):
    id: int
    uid: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    venue: str
    address: str
    online_url: str
    capacity: int
    members_only: bool
    status: str
    taken: int
    waitlisted: int


@get("/api/events", guards=[signed_in], tags=["events"], summary="Upcoming (or past) events")
async def list_events_api(
    past: FromQuery[bool] = False,
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 50,
    offset: Annotated[int, QueryParameter(ge=0, le=10_000_000)] = 0,
) -> list[EventSummary]:
    rows = await list_events(upcoming=not past, limit=limit, offset=offset)
    return [msgspec.convert(row, EventSummary) for row in rows]


ROUTES = [list_events_api]
