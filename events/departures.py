"""When a person leaves, the seats they held for events still to come go back to the waitlist
through the same path as a cancellation (`registration.give_back`), so the first in line gets
the offer. Erasure: every active registration for a coming event is given back before the row
is anonymised; past events keep their anonymous count. Merge: where both records of one person
registered for the same event, the better registration stays and the other is given back.

Declared to the privacy module (`kring.declarations.declare_departure`) and imported by
`events/piccolo_app.py`, so an erasure or merge from any entry point runs it."""

from __future__ import annotations

from typing import Any

from events.choices import RegistrationStatus
from events.locking import event_locked
from events.tables import Registration
from kring.clock import utc_now
from kring.declarations import Departure, declare_departure

# Which of two registrations of one person for one event is kept on a merge: the one that
# went furthest.
RANK = {
    RegistrationStatus.attended: 0,
    RegistrationStatus.no_show: 1,
    RegistrationStatus.confirmed: 2,
    RegistrationStatus.offered: 3,
    RegistrationStatus.waitlisted: 4,
    RegistrationStatus.cancelled: 5,
}


def _coming(event: dict[str, Any]) -> bool:
    return event["ends_at"] > utc_now()


async def release_seats(member_id: int) -> None:
    """Before an erasure: give back every seat and waitlist place for events still to come."""
    # Imported here: this module is loaded with the tables (`events.piccolo_app`), and the
    # registration service brings the mail templates and the web layer, which `kring migrate`
    # and the other commands that need only the tables should not wait for.
    from events.registration import ACTIVE, event_row, give_back

    rows = await Registration.select(Registration.id, Registration.event).where(
        (Registration.member == member_id) & Registration.status.is_in(list(ACTIVE))
    )
    # One event at a time in id order: the same lock order as every other writer.
    for row in sorted(rows, key=lambda r: r["event"]):
        async with event_locked(row["event"]):
            event = await event_row(row["event"])
            if _coming(event):
                await give_back(event, row["id"], utc_now())


async def settle_doubles(survivor_id: int, loser_id: int) -> None:
    """Before a merge: where both registered for one event, keep the registration that went
    furthest. A worse registration of the survivor is deleted (the loser's moves over); a
    worse one of the loser is given back, and the merge then drops it."""
    from events.registration import ACTIVE, event_row, give_back  # see release_seats

    rows = await Registration.select(
        Registration.id, Registration.event, Registration.member, Registration.status
    ).where(Registration.member.is_in([survivor_id, loser_id]))
    by_event: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(row["event"], []).append(row)
    for event_id, pair in sorted(by_event.items()):
        if len(pair) < 2:
            continue
        dropped = max(pair, key=lambda r: (RANK[r["status"]], r["member"] != survivor_id))
        async with event_locked(event_id):
            event = await event_row(event_id)
            if dropped["status"] in ACTIVE and _coming(event):
                await give_back(event, dropped["id"], utc_now())
            if dropped["member"] == survivor_id:
                await Registration.delete().where(Registration.id == dropped["id"])


declare_departure(Registration, Departure(erasing=release_seats, merging=settle_doubles))
