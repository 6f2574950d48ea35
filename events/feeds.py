"""Personal calendar subscriptions: a secret URL per member, revocable, stored as a hash."""

from __future__ import annotations

from collections.abc import Iterable

from events.choices import RegistrationStatus
from events.icalendar import calendar
from events.tables import CalendarFeed, Event, Registration
from kring.calendar_entries import CalendarEntry, CalendarSource
from kring.clock import utc_now
from kring.credentials import new_token, token_hash
from kring.member_lock import member_locked

IN_FEED = (
    RegistrationStatus.confirmed,
    RegistrationStatus.waitlisted,
    RegistrationStatus.offered,
    RegistrationStatus.attended,
    RegistrationStatus.no_show,
)
TENTATIVE = (RegistrationStatus.waitlisted, RegistrationStatus.offered)
"""No seat yet: the feed says TENTATIVE, so a calendar does not block the time as certain."""


async def new_feed(member_id: int) -> str:
    """A fresh secret token; earlier feed URLs of the member stop working. One transaction
    per member at a time (the member's row locked on PostgreSQL, the write lock on SQLite):
    two clicks at once each revoked only the feeds before both, and left two addresses on."""
    async with member_locked(member_id):
        await revoke_feeds(member_id)
        token = new_token()
        await CalendarFeed.insert(
            CalendarFeed(member=member_id, token_hash=token_hash(token), created_at=utc_now())
        )
    return token


async def revoke_feeds(member_id: int) -> int:
    revoked = (
        await CalendarFeed.update({CalendarFeed.revoked_at: utc_now()})
        .where((CalendarFeed.member == member_id) & CalendarFeed.revoked_at.is_null())
        .returning(CalendarFeed.id)
    )
    return len(revoked)


async def has_feed(member_id: int) -> bool:
    return await CalendarFeed.exists().where(
        (CalendarFeed.member == member_id) & CalendarFeed.revoked_at.is_null()
    )


async def feed_member(token: str) -> int | None:
    row = (
        await CalendarFeed.select(CalendarFeed.member)
        .where((CalendarFeed.token_hash == token_hash(token)) & CalendarFeed.revoked_at.is_null())
        .first()
    )
    return row["member"] if row else None


async def feed_ics(member_id: int, sources: Iterable[CalendarSource] = ()) -> bytes:
    """The events the member registered for, as sure as their seat: CONFIRMED with a seat,
    TENTATIVE while waitlisted or offered a seat; a cancelled registration leaves the feed, a
    cancelled event stays in as CANCELLED. Then the other apps' entries for the member
    (`sources`: their milestones…), as all-day events."""
    entries: list[CalendarEntry] = []
    for source in sources:
        entries.extend(await source(member_id))
    entries.sort(key=lambda entry: (entry.day, entry.uid))
    rows = await Registration.select(Registration.event, Registration.status).where(
        (Registration.member == member_id) & Registration.status.is_in(list(IN_FEED))
    )
    sure = {row["event"]: row["status"] not in TENTATIVE for row in rows}
    events = await Event.select().where(Event.id.is_in(list(sure) or [0])).order_by(Event.starts_at)
    tentative = {e for e, seat in sure.items() if not seat}
    return calendar(events, name="Kring", tentative=tentative, entries=entries)
