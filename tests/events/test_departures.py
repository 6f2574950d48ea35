"""Issue #21.1: a person who leaves (erasure) or turns out to be a double (merge) gives their
seats for coming events back to the waitlist through the cancellation path, so the first in
line gets the offer; past events keep their anonymous count. Real database, both engines."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from events import registration
from events.choices import RegistrationStatus
from events.tables import Event, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Forbidden
from members.importing.merge import merge_members
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.events.helpers import event


def _rows(event_id: int) -> list[dict]:
    return run(
        Registration.select(Registration.member, Registration.status)
        .where(Registration.event == event_id)
        .order_by(Registration.id)
    )


def _status_of(event_id: int, member_id: int) -> str | None:
    found = [r["status"] for r in _rows(event_id) if r["member"] == member_id]
    return found[0] if found else None


def test_erasing_a_confirmed_member_offers_their_seat_to_the_first_in_line():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    organisation = factories.organisation()
    leaving, first, second = (factories.member(organisation) for _ in range(3))
    for member_id in (leaving, first, second):
        run(registration.register(event_id, member_id=member_id))

    run(erase_member(leaving))

    rows = _rows(event_id)
    anonymous = [r for r in rows if r["member"] is None]
    assert [r["status"] for r in anonymous] == [RegistrationStatus.cancelled]
    assert _status_of(event_id, first) == RegistrationStatus.offered
    assert _status_of(event_id, second) == RegistrationStatus.waitlisted
    run(registration.accept_offer(event_id, first))
    assert _status_of(event_id, first) == RegistrationStatus.confirmed


def test_an_erased_members_waitlist_place_goes_and_past_events_keep_their_count():
    organiser = factories.account(Role.organiser)
    past = event(organiser, capacity=5)
    coming = event(organiser, capacity=1)
    organisation = factories.organisation()
    leaving, holder = factories.member(organisation), factories.member(organisation)
    run(registration.register(past, member_id=leaving))
    run(registration.register(coming, member_id=holder))
    run(registration.register(coming, member_id=leaving))  # waitlisted
    start = utc_now() - timedelta(days=30)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=2)}).where(
            Event.id == past
        )
    )

    run(erase_member(leaving))

    assert [r["status"] for r in _rows(past)] == [RegistrationStatus.confirmed]
    assert _rows(past)[0]["member"] is None
    statuses = sorted(r["status"] for r in _rows(coming))
    assert statuses == [RegistrationStatus.cancelled, RegistrationStatus.confirmed]
    assert _status_of(coming, holder) == RegistrationStatus.confirmed


def test_erasure_and_registrations_at_the_same_time_leave_no_anonymous_seat():
    """Capacity 2: the leaving member holds a seat while three others sign up at once. However
    the writers interleave, no anonymous registration holds a seat of a coming event, seats
    never exceed capacity, and a freed seat is offered while someone waits."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=2)
    other_event = event(organiser, capacity=2)
    organisation = factories.organisation()
    leaving = factories.member(organisation)
    others = [factories.member(organisation) for _ in range(3)]
    run(registration.register(event_id, member_id=leaving))

    async def at_once() -> list:
        return await asyncio.gather(
            erase_member(leaving),
            registration.register(other_event, member_id=leaving),
            *[registration.register(event_id, member_id=m) for m in others],
            return_exceptions=True,
        )

    results = run(at_once())
    assert not isinstance(results[0], Exception), results[0]
    assert results[1] is not None
    if isinstance(results[1], Exception):
        assert isinstance(results[1], Forbidden)
    for r in results[2:]:
        assert not isinstance(r, Exception), r
    for event_rows in (_rows(event_id), _rows(other_event)):
        anonymous = [r for r in event_rows if r["member"] is None]
        assert all(r["status"] == RegistrationStatus.cancelled for r in anonymous), event_rows
    rows = _rows(event_id)
    holding = [
        r for r in rows if r["status"] in (RegistrationStatus.confirmed, RegistrationStatus.offered)
    ]
    assert len(holding) == 2
    assert {r["member"] for r in holding} <= set(others)


def test_a_merge_keeps_the_better_registration_and_offers_the_other_seat():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=2)
    organisation = factories.organisation()
    survivor, loser, waiting = (factories.member(organisation) for _ in range(3))
    for member_id in (survivor, loser, waiting):
        run(registration.register(event_id, member_id=member_id))
    assert _status_of(event_id, waiting) == RegistrationStatus.waitlisted

    run(merge_members(None, survivor, loser, {}))

    assert _status_of(event_id, survivor) == RegistrationStatus.confirmed
    assert _status_of(event_id, loser) is None
    assert _status_of(event_id, waiting) == RegistrationStatus.offered


def test_a_merge_moves_the_losers_seat_when_the_survivor_only_waited():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    organisation = factories.organisation()
    survivor, loser, third = (factories.member(organisation) for _ in range(3))
    run(registration.register(event_id, member_id=loser))
    run(registration.register(event_id, member_id=survivor))  # waitlisted
    run(registration.register(event_id, member_id=third))  # waitlisted

    run(merge_members(None, survivor, loser, {}))

    assert _status_of(event_id, survivor) == RegistrationStatus.confirmed
    assert _status_of(event_id, third) == RegistrationStatus.waitlisted
    assert len(_rows(event_id)) == 2
