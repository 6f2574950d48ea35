"""Which events there are, with how full they are. No participant is named here."""

from __future__ import annotations

from typing import Any

from events.choices import HOLDS_A_SEAT, EventStatus, RegistrationStatus
from events.tables import Event, Registration
from kring.clock import utc_now

EVENT_COLUMNS = (
    Event.id,
    Event.uid,
    Event.title,
    Event.description,
    Event.starts_at,
    Event.ends_at,
    Event.timezone,
    Event.venue,
    Event.address,
    Event.online_url,
    Event.capacity,
    Event.members_only,
    Event.status,
    Event.list_visibility,
    Event.listing,
)


async def seat_counts(event_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {
        event_id: {"taken": 0, "waitlisted": 0} for event_id in event_ids
    }
    if not event_ids:
        return counts
    rows = await Registration.select(Registration.event, Registration.status).where(
        Registration.event.is_in(event_ids)
        & Registration.status.is_in([*HOLDS_A_SEAT, RegistrationStatus.waitlisted])
    )
    for row in rows:
        key = "waitlisted" if row["status"] == RegistrationStatus.waitlisted else "taken"
        counts[row["event"]][key] += 1
    return counts


SHOWN_AS_MINE = (
    RegistrationStatus.confirmed,
    RegistrationStatus.offered,
    RegistrationStatus.waitlisted,
    RegistrationStatus.attended,
)


async def own_registrations(member_id: int | None, event_ids: list[int]) -> dict[int, str]:
    """The viewer's own registration status per listed event, so the list says which events
    they are in without opening each one. Nobody else's registration is read."""
    if member_id is None or not event_ids:
        return {}
    rows = await Registration.select(Registration.event, Registration.status).where(
        (Registration.member == member_id)
        & Registration.event.is_in(event_ids)
        & Registration.status.is_in(list(SHOWN_AS_MINE))
    )
    return {row["event"]: row["status"] for row in rows}


async def list_events(
    upcoming: bool, limit: int = 50, offset: int = 0, cancelled_too: bool = False
) -> list[dict[str, Any]]:
    """Coming events soonest first, or past ones newest first. Cancelled events are left out
    unless `cancelled_too` (for organisers, who must find again what they cancelled)."""
    now = utc_now()
    query = Event.select(*EVENT_COLUMNS)
    if not cancelled_too:
        query = query.where(Event.status != EventStatus.cancelled)
    if upcoming:
        query = query.where(Event.ends_at >= now).order_by(Event.starts_at)
    else:
        query = query.where(Event.ends_at < now).order_by(Event.starts_at, ascending=False)
    events = await query.limit(limit).offset(offset)
    counts = await seat_counts([event["id"] for event in events])
    for event in events:
        event.update(counts[event["id"]])
    return events
