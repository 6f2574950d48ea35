"""An event that is over keeps its history: nobody gives a seat back or takes an offered one,
the organiser cannot cancel it (which mailed every attendee a cancellation), and its page offers
none of it. The event page offers registering only while one can register, and says why not.
Over HTTP, against `kring serve`."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from events import registration
from events.choices import EventMailKind
from events.tables import Event, EventMail, Registration
from kring.choices import Role
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, signed_in_browser


def _status(event_id: int, member_id: int) -> str:
    row = run(
        Registration.select(Registration.status)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )
    return row["status"]


def _move_to_the_past(event_id: int) -> None:
    start = utc_now() - timedelta(days=2)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=3)}).where(
            Event.id == event_id
        )
    )


@pytest.fixture
def ended() -> dict:
    """An event that ended yesterday: one seat held, one offered, one member waiting."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=2, title="Terugblik kwaliteit")
    org = factories.organisation()
    seated, leaving, offered, waiting = (
        factories.account(Role.member, member_id=factories.member(org)) for _ in range(4)
    )
    for login in (seated, leaving, offered, waiting):
        run(registration.register(event_id, member_id=login.member_id))
    run(registration.cancel(event_id, leaving.member_id))
    assert _status(event_id, offered.member_id) == "offered"
    _move_to_the_past(event_id)
    return {
        "event_id": event_id,
        "organiser": organiser,
        "seated": seated,
        "offered": offered,
        "waiting": waiting,
    }


def test_no_seat_is_given_back_or_taken_once_the_event_is_over(served_app, ended):
    event_id, url = ended["event_id"], served_app.url
    for login, method, path, before in (
        (ended["seated"], "DELETE", "/registration", "confirmed"),
        (ended["offered"], "POST", "/registration/accept", "offered"),
        (ended["waiting"], "DELETE", "/registration", "waitlisted"),
    ):
        answer = httpx.request(
            method, f"{url}/api/events/{event_id}{path}", headers=login.headers, timeout=30
        )
        assert answer.status_code == 409, (path, answer.text)
        assert answer.json()["detail"] == "this event is over"
        assert _status(event_id, login.member_id) == before
    with signed_in_browser(url, ended["seated"].email) as browser:
        form = browser.post(
            f"/events/{event_id}/cancel", data={"_csrf_token": browser.cookies["kring_csrf"]}
        )
        assert form.status_code == 409
        assert "Dit evenement is voorbij" in form.text
    assert _status(event_id, ended["seated"].member_id) == "confirmed"


def test_an_event_that_is_over_cannot_be_cancelled_nor_its_attendees_mailed(served_app, ended):
    event_id = ended["event_id"]
    answer = httpx.post(
        f"{served_app.url}/api/events/{event_id}/cancel",
        headers=ended["organiser"].headers,
        timeout=30,
    )
    assert answer.status_code == 409, answer.text
    assert answer.json()["detail"] == "this event is over"
    stored = run(Event.select(Event.status, Event.sequence).where(Event.id == event_id).first())
    assert stored["status"] == "scheduled"
    assert not run(EventMail.exists().where(EventMail.kind == EventMailKind.event_cancelled))


def test_the_page_of_an_event_that_is_over_offers_nothing_to_do(served_app, ended):
    event_id = ended["event_id"]
    newcomer = factories.account(Role.member)
    for login in (ended["seated"], ended["offered"], ended["waiting"], newcomer):
        with signed_in_browser(served_app.url, login.email) as browser:
            page = browser.get(f"/events/{event_id}")
        assert page.status_code == 200
        assert 'id="registration-closed">Dit evenement is voorbij.' in page.text, login
        for action in ("register", "cancel", "accept"):
            assert f'action="/events/{event_id}/{action}"' not in page.text, (login, action)
        assert 'id="ticket"' not in page.text and "in de rij" not in page.text
    with signed_in_browser(served_app.url, ended["organiser"].email) as browser:
        page = browser.get(f"/events/{event_id}")
    assert f'action="/events/{event_id}/cancel-event"' not in page.text


def test_the_page_offers_registering_only_while_the_window_is_open(served_app):
    organiser = factories.account(Role.organiser)
    now = utc_now()
    later = event(organiser, registration_opens_at=now + timedelta(days=3))
    closed = event(organiser, registration_closes_at=now - timedelta(hours=1))
    open_now = event(organiser)
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        pages = {ref: browser.get(f"/events/{ref}").text for ref in (later, closed, open_now)}
    assert 'id="registration-closed">De inschrijving opent op ' in pages[later]
    assert 'id="registration-closed">De inschrijving is gesloten.' in pages[closed]
    for ref in (later, closed):
        assert f'action="/events/{ref}/register"' not in pages[ref]
    assert f'action="/events/{open_now}/register"' in pages[open_now]
    assert 'id="registration-closed"' not in pages[open_now]
