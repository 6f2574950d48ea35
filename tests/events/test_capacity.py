"""Capacity is never exceeded, also when an organiser lowers it while seats are on offer, and
a cancelled event leaves nothing open (found from outside)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from zoneinfo import ZoneInfo

from events import management, registration
from events.choices import RegistrationStatus
from events.tables import Event, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal

START = (utc_now() + timedelta(days=10)).replace(microsecond=0)
NEW_EVENT = {
    "title": "Lerend netwerk ISO 45001",
    "starts_at": START.isoformat(),
    "ends_at": (START + timedelta(hours=2)).isoformat(),
    "capacity": 1,
}


def _setting(client, organiser: factories.Login, n: int) -> tuple[int, list[factories.Login]]:
    """An event of one seat made over the API, and ``n`` members who registered in turn."""
    answer = client.post("/api/events", json=NEW_EVENT, headers=organiser.headers)
    assert answer.status_code == 201, answer.text
    event_id = answer.json()["id"]
    org = factories.organisation()
    people = [factories.account(Role.member, member_id=factories.member(org)) for _ in range(n)]
    start = utc_now()
    for k, person in enumerate(people):
        # Registered a second apart, so the line is the order of this list.
        run(
            registration.register(
                event_id, member_id=person.member_id, now=start + timedelta(seconds=k)
            )
        )
    return event_id, people


def _state(client, event_id: int, person: factories.Login) -> dict:
    answer = client.get(f"/api/events/{event_id}/registration", headers=person.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _capacity(client, organiser: factories.Login, event_id: int, capacity: int):
    return client.patch(
        f"/api/events/{event_id}", json={"capacity": capacity}, headers=organiser.headers
    )


def _accepted(event_id: int) -> int:
    return run(
        Registration.count().where(
            (Registration.event == event_id)
            & Registration.status.is_in([RegistrationStatus.confirmed, RegistrationStatus.attended])
        )
    )


def test_lowering_capacity_withdraws_the_offers_beyond_the_free_seats(client):
    organiser = factories.account(Role.organiser)
    event_id, (_, second, third) = _setting(client, organiser, 3)
    assert _capacity(client, organiser, event_id, 3).status_code == 200
    assert _state(client, event_id, second)["status"] == "offered"
    assert _state(client, event_id, third)["status"] == "offered"

    lowered = _capacity(client, organiser, event_id, 2)
    assert lowered.status_code == 200 and lowered.json()["taken"] == 2
    # The last in line gives the offer back and is first on the waitlist again.
    assert _state(client, event_id, second)["status"] == "offered"
    back = _state(client, event_id, third)
    assert back["status"] == "waitlisted" and back["waitlist_position"] == 1
    assert back["offer_expires_at"] is None

    lowered = _capacity(client, organiser, event_id, 1)
    assert lowered.status_code == 200 and lowered.json()["taken"] == 1
    assert [_state(client, event_id, p)["waitlist_position"] for p in (second, third)] == [1, 2]
    for person in (second, third):
        refused = client.post(f"/api/events/{event_id}/registration/accept", headers=person.headers)
        assert refused.status_code == 404, refused.text
        assert "no seat offered to you" in refused.json()["detail"]
    assert _accepted(event_id) == 1
    # Raised again, the seat goes to the first in line once more.
    assert _capacity(client, organiser, event_id, 2).status_code == 200
    assert _state(client, event_id, second)["status"] == "offered"
    assert _state(client, event_id, third)["waitlist_position"] == 1


def test_capacity_cannot_go_below_the_seats_people_accepted(client):
    organiser = factories.account(Role.organiser)
    event_id, (_, second) = _setting(client, organiser, 2)
    assert _capacity(client, organiser, event_id, 2).status_code == 200
    accept = client.post(f"/api/events/{event_id}/registration/accept", headers=second.headers)
    assert accept.status_code == 200 and accept.json()["status"] == "confirmed"

    refused = _capacity(client, organiser, event_id, 1)
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"] == (
        "the capacity cannot be lower than the seats already taken (2)"
    )
    assert run(Event.select(Event.capacity).where(Event.id == event_id).first())["capacity"] == 2


def test_the_event_form_says_why_capacity_cannot_go_lower(client):
    organiser = factories.account(Role.organiser)
    event_id, (_, second) = _setting(client, organiser, 2)
    assert _capacity(client, organiser, event_id, 2).status_code == 200
    run(registration.accept_offer(event_id, second.member_id))
    factories.log_in(client, organiser.email)
    brussels = ZoneInfo("Europe/Brussels")
    form = {
        "_csrf_token": factories.csrf_token(client),
        "title": NEW_EVENT["title"],
        "starts_at": START.astimezone(brussels).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (START + timedelta(hours=2)).astimezone(brussels).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "1",
        "timezone": "Europe/Brussels",
    }
    edit = client.get(f"/events/{event_id}/edit")
    assert "Minder plaatsen trekt aanbiedingen in die nog niet aanvaard zijn" in edit.text
    answer = client.post(f"/events/{event_id}/edit", data=form)
    assert answer.status_code == 400
    assert "niet lager dan de plaatsen die al ingenomen zijn (2)" in answer.text
    assert _accepted(event_id) == 2


def test_an_accept_that_would_exceed_capacity_is_refused(client):
    """However the offers came about (here: rows from before the capacity was guarded), the
    accept itself never takes a seat beyond capacity."""
    organiser = factories.account(Role.organiser)
    event_id, (_, second) = _setting(client, organiser, 2)
    run(
        Registration.update(
            {
                Registration.status: RegistrationStatus.offered,
                Registration.offer_expires_at: utc_now() + timedelta(hours=48),
            }
        ).where(Registration.member == second.member_id)
    )
    refused = client.post(f"/api/events/{event_id}/registration/accept", headers=second.headers)
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"] == "every seat is taken: the event's capacity is 1"
    assert _state(client, event_id, second)["status"] == "offered"
    assert _accepted(event_id) == 1


def test_concurrent_accepts_of_more_offers_than_seats_confirm_only_the_free_ones(client):
    organiser = factories.account(Role.organiser)
    event_id, people = _setting(client, organiser, 5)
    offered = [p.member_id for p in people[1:]]
    run(
        Registration.update(
            {
                Registration.status: RegistrationStatus.offered,
                Registration.offer_expires_at: utc_now() + timedelta(hours=48),
            }
        ).where(Registration.member.is_in(offered))
    )
    run(Event.update({Event.capacity: 3}).where(Event.id == event_id))

    async def all_at_once() -> list:
        return await asyncio.gather(
            *[registration.accept_offer(event_id, m) for m in offered], return_exceptions=True
        )

    results = run(all_at_once())
    assert results.count(None) == 2
    assert [type(r) for r in results if r is not None] == [Conflict, Conflict]
    assert _accepted(event_id) == 3


def test_lowering_capacity_while_offers_are_accepted_never_exceeds_it(client):
    organiser = factories.account(Role.organiser)
    event_id, people = _setting(client, organiser, 4)
    assert _capacity(client, organiser, event_id, 4).status_code == 200
    staff = principal(organiser)
    offered = [p.member_id for p in people[1:]]

    async def at_once() -> list:
        return await asyncio.gather(
            management.update_event(staff, event_id, {"capacity": 2}),
            *[registration.accept_offer(event_id, m) for m in offered],
            return_exceptions=True,
        )

    results = run(at_once())
    assert all(r is None or isinstance(r, Conflict | NotFound) for r in results), results
    capacity = run(Event.select(Event.capacity).where(Event.id == event_id).first())["capacity"]
    held = run(
        Registration.count().where(
            (Registration.event == event_id)
            & Registration.status.is_in([RegistrationStatus.confirmed, RegistrationStatus.offered])
        )
    )
    assert held <= capacity
    assert _accepted(event_id) <= capacity


def test_a_cancelled_event_leaves_no_offer_or_waitlist_place_open(client):
    organiser = factories.account(Role.organiser)
    event_id, (first, second, third, fourth) = _setting(client, organiser, 4)
    assert _capacity(client, organiser, event_id, 3).status_code == 200
    assert [_state(client, event_id, p)["status"] for p in (first, second, third, fourth)] == [
        "confirmed",
        "offered",
        "offered",
        "waitlisted",
    ]
    cancelled = client.post(f"/api/events/{event_id}/cancel", headers=organiser.headers)
    assert cancelled.status_code == 200
    desk = client.get(f"/api/events/{event_id}/registrations", headers=organiser.headers).json()
    # Only who held a seat is still on the desk: their calendar shows the event cancelled.
    assert [(row["member_id"], row["status"]) for row in desk] == [(first.member_id, "confirmed")]
    assert [_state(client, event_id, p)["status"] for p in (second, third, fourth)] == [
        "cancelled"
    ] * 3
    assert run(Registration.count().where(Registration.offer_expires_at.is_not_null())) == 0
    accept = client.post(f"/api/events/{event_id}/registration/accept", headers=second.headers)
    assert accept.status_code == 404
