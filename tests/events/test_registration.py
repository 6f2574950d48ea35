import asyncio
from datetime import timedelta

import pytest

from events import jobs, registration
from events.choices import RegistrationStatus
from events.tables import Event, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from kring.tables import Activity
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event


def statuses(event_id: int) -> dict[int, str]:
    rows = run(
        Registration.select(Registration.member, Registration.status).where(
            Registration.event == event_id
        )
    )
    return {row["member"]: row["status"] for row in rows}


def test_fifty_concurrent_sign_ups_for_ten_seats_never_exceed_capacity():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=10)
    organisation = factories.organisation()
    members = [factories.member(organisation) for _ in range(50)]

    async def everyone() -> list[str]:
        return await asyncio.gather(
            *[registration.register(event_id, member_id=m) for m in members]
        )

    results = run(everyone())
    assert results.count("confirmed") == 10
    assert results.count("waitlisted") == 40
    rows = run(
        Registration.select(Registration.member, Registration.status).where(
            Registration.event == event_id
        )
    )
    assert len(rows) == 50
    assert len({row["member"] for row in rows}) == 50
    assert sum(row["status"] == "confirmed" for row in rows) == 10
    assert sum(row["status"] == "waitlisted" for row in rows) == 40


def test_concurrent_duplicate_sign_ups_of_one_member_give_one_registration():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5)
    member_id = factories.member(factories.organisation())

    async def twice() -> list:
        return await asyncio.gather(
            *[registration.register(event_id, member_id=member_id) for _ in range(5)],
            return_exceptions=True,
        )

    results = run(twice())
    assert results.count("confirmed") == 1
    assert all(isinstance(r, Conflict) for r in results if r != "confirmed")
    assert run(Registration.count().where(Registration.event == event_id)) == 1


def test_cancellation_offers_the_seat_to_the_first_waiting_who_accepts():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    org = factories.organisation()
    first, second, third = (factories.member(org) for _ in range(3))
    assert run(registration.register(event_id, member_id=first)) == "confirmed"
    assert run(registration.register(event_id, member_id=second)) == "waitlisted"
    assert run(registration.register(event_id, member_id=third)) == "waitlisted"
    run(registration.cancel(event_id, first))
    state = statuses(event_id)
    assert state == {first: "cancelled", second: "offered", third: "waitlisted"}
    offer = run(registration.my_registration(event_id, second))
    assert offer["offer_expires_at"] > utc_now() + timedelta(hours=47)
    with pytest.raises(NotFound):
        run(registration.accept_offer(event_id, third))
    run(registration.accept_offer(event_id, second))
    assert statuses(event_id)[second] == "confirmed"
    # a newcomer queues behind the waitlist even though nobody holds an offer now
    assert run(registration.register(event_id, member_id=first)) == "waitlisted"


def test_an_expired_offer_moves_on_to_the_next_in_line():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    org = factories.organisation()
    first, second, third = (factories.member(org) for _ in range(3))
    for member_id in (first, second, third):
        run(registration.register(event_id, member_id=member_id))
    run(registration.cancel(event_id, first))
    run(
        Registration.update(
            {Registration.offer_expires_at: utc_now() - timedelta(minutes=1)}
        ).where(Registration.member == second)
    )
    with pytest.raises(Conflict):
        run(registration.accept_offer(event_id, second))
    assert run(jobs.expire_offers()) == 1
    assert statuses(event_id) == {first: "cancelled", second: "cancelled", third: "offered"}
    assert run(jobs.expire_offers()) == 0  # idempotent


def test_two_workers_at_once_expire_each_offer_once():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=2)
    org = factories.organisation()
    people = [factories.member(org) for _ in range(6)]
    for member_id in people:
        run(registration.register(event_id, member_id=member_id))
    run(registration.cancel(event_id, people[0]))
    run(registration.cancel(event_id, people[1]))
    run(
        Registration.update(
            {Registration.offer_expires_at: utc_now() - timedelta(minutes=1)}
        ).where(Registration.status == RegistrationStatus.offered)
    )

    async def two_workers() -> list[int]:
        return await asyncio.gather(jobs.expire_offers(), jobs.expire_offers())

    done = run(two_workers())
    assert sum(done) <= 2  # PostgreSQL may skip a busy event: the next round gets it
    state = statuses(event_id)
    held = [m for m, s in state.items() if s in ("confirmed", "offered", "attended")]
    assert len(held) <= 2
    assert sorted(s for s in state.values() if s == "offered") == ["offered", "offered"]


def test_a_seat_freed_after_the_start_is_offered_to_nobody():
    """Found from outside: a no-show freed a seat that an unrelated change later offered."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    first, second = (factories.member(factories.organisation()) for _ in range(2))
    run(registration.register(event_id, member_id=first))
    run(registration.register(event_id, member_id=second))
    doors_open(event_id)
    reg_id = run(Registration.select(Registration.id).where(Registration.member == first).first())
    run(registration.record_attendance(reg_id["id"], event_id, attended=False))
    run(jobs.expire_offers())  # the job that hands freed seats on
    assert statuses(event_id) == {first: "no_show", second: "waitlisted"}


def test_check_in_feeds_the_activity_history_once():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=3)
    member_id = factories.member(factories.organisation())
    run(registration.register(event_id, member_id=member_id))
    reg_id = run(Registration.select(Registration.id).first())["id"]
    with pytest.raises(Conflict, match="check-in opens 3 hours before"):
        run(registration.record_attendance(reg_id, event_id, attended=True))
    doors_open(event_id, started=False)
    with pytest.raises(Conflict, match="no-show is recorded once the event has started"):
        run(registration.record_attendance(reg_id, event_id, attended=False))
    assert run(Activity.count().where(Activity.member == member_id)) == 0
    run(registration.record_attendance(reg_id, event_id, attended=True))
    run(registration.record_attendance(reg_id, event_id, attended=True))
    activities = run(Activity.select().where(Activity.member == member_id))
    assert len(activities) == 1 and activities[0]["source"] == "event"
    later = utc_now() + timedelta(hours=2)  # the event has started
    run(registration.record_attendance(reg_id, event_id, attended=False, now=later))
    assert run(Activity.count().where(Activity.member == member_id)) == 0
    assert statuses(event_id)[member_id] == "no_show"


def test_registration_rules():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=3)
    member_id = factories.member(factories.organisation())
    with pytest.raises(NotFound):
        run(registration.register(999_999, member_id=member_id))
    guest = registration.Guest("Ann", "Peeters", "ann@example.be")
    with pytest.raises(Conflict):  # members only by default
        run(registration.register(event_id, guest=guest))
    open_event = event(organiser, capacity=3, members_only=False)
    assert run(registration.register(open_event, guest=guest)) == "confirmed"
    run(Event.update({Event.registration_closes_at: utc_now()}).where(Event.id == event_id))
    with pytest.raises(Conflict):
        run(registration.register(event_id, member_id=member_id))


def test_an_offer_accepted_three_times_at_once_confirms_once_and_the_others_conflict(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    org = factories.organisation()
    first = factories.member(org)
    second = factories.account(Role.member, member_id=factories.member(org))
    run(registration.register(event_id, member_id=first))
    run(registration.register(event_id, member_id=second.member_id))
    run(registration.cancel(event_id, first))

    async def three_at_once() -> list:
        return await asyncio.gather(
            *[registration.accept_offer(event_id, second.member_id) for _ in range(3)],
            return_exceptions=True,
        )

    results = run(three_at_once())
    assert results.count(None) == 1
    assert [type(r) for r in results if r is not None] == [Conflict, Conflict]
    assert statuses(event_id)[second.member_id] == "confirmed"
    again = client.post(f"/api/events/{event_id}/registration/accept", headers=second.headers)
    assert again.status_code == 409 and "already accepted" in again.json()["detail"]


def test_waitlist_places_are_the_order_seats_go_in_even_when_cancellations_race(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=3)
    org = factories.organisation()
    seated = [factories.member(org) for _ in range(3)]
    waiting = [factories.account(Role.member, member_id=factories.member(org)) for _ in range(6)]
    start = utc_now()
    for n, member_id in enumerate([*seated, *(w.member_id for w in waiting)]):
        run(registration.register(event_id, member_id=member_id, now=start + timedelta(seconds=n)))

    def places() -> dict[int, int | None]:
        answer = client.get(f"/api/events/{event_id}/registrations", headers=organiser.headers)
        assert answer.status_code == 200
        line = [row["waitlist_position"] for row in answer.json() if row["waitlist_position"]]
        assert line == sorted(line)  # the waitlist is listed in line, after the seats
        return {row["member_id"]: row["waitlist_position"] for row in answer.json()}

    in_line = places()
    assert [in_line[w.member_id] for w in waiting] == [1, 2, 3, 4, 5, 6]
    assert all(in_line[m] is None for m in seated)
    mine = client.get(f"/api/events/{event_id}/registration", headers=waiting[3].headers)
    assert mine.json()["waitlist_position"] == 4 and mine.json()["status"] == "waitlisted"

    async def three_cancel_at_once() -> None:
        await asyncio.gather(*[registration.cancel(event_id, m) for m in seated])

    run(three_cancel_at_once())
    state = statuses(event_id)
    assert [state[w.member_id] for w in waiting] == ["offered"] * 3 + ["waitlisted"] * 3
    in_line = places()
    assert [in_line[w.member_id] for w in waiting] == [None, None, None, 1, 2, 3]
    assert (
        client.get(f"/api/events/{event_id}/registration", headers=waiting[5].headers).json()[
            "waitlist_position"
        ]
        == 3
    )
    # Another organiser, and a member, may not read the registrations.
    other = factories.account(Role.organiser)
    assert client.get(
        f"/api/events/{event_id}/registrations", headers=other.headers
    ).status_code in (403, 404)
    assert (
        client.get(f"/api/events/{event_id}/registrations", headers=waiting[0].headers).status_code
        == 403
    )
