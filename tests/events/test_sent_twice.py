"""A member's registration form sent twice (a double click on 'Inschrijven', on 'Ja, annuleer
mijn inschrijving' or on accepting an offered seat, or a form sent again after going back)
says what the first one did: the second click showed an error page, 'Niet mogelijk … Al
ingeschreven' or 'Niet gevonden … Je bent niet ingeschreven', as if it had failed, while it had
been stored (found by the events probe on the served demo). Anything else is still refused."""

from __future__ import annotations

from html import unescape

from events.registration import cancel, register
from events.tables import Registration
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

_post = factories.post_page_form


def _signed_in(client, capacity: int = 5) -> int:
    """A member signed in on the client, and an event for them."""
    organiser, login = factories.account(Role.organiser), factories.account(Role.member)
    event_id = event(organiser, capacity=capacity)
    assert factories.log_in(client, login.email).status_code == 303
    return event_id


def _said(answer) -> str:
    assert answer.status_code == 200, answer.text
    return unescape(answer.text)


def test_registering_twice_says_registered_twice(client):
    event_id = _signed_in(client)
    for _ in range(2):
        assert "Je bent ingeschreven." in _said(_post(client, f"/events/{event_id}/register"))
    assert run(Registration.count().where(Registration.event == event_id)) == 1


def test_joining_the_waitlist_twice_says_so_twice(client):
    event_id = _signed_in(client, capacity=1)
    run(register(event_id, member_id=factories.member(factories.organisation())))
    for _ in range(2):
        page = _said(_post(client, f"/events/{event_id}/register"))
        assert "Het evenement is volzet: je staat op de wachtlijst." in page


def test_cancelling_twice_says_cancelled_twice(client):
    event_id = _signed_in(client)
    _post(client, f"/events/{event_id}/register")
    for _ in range(2):
        page = _said(_post(client, f"/events/{event_id}/cancel"))
        assert "Je inschrijving is geannuleerd." in page


def test_accepting_an_offered_seat_twice_says_it_is_yours_twice(client):
    event_id = _signed_in(client, capacity=1)
    seated = factories.member(factories.organisation())
    run(register(event_id, member_id=seated))
    _post(client, f"/events/{event_id}/register")  # waitlisted
    run(cancel(event_id, seated))  # the seat is offered to the member
    for _ in range(2):
        assert "De plaats is voor jou." in _said(_post(client, f"/events/{event_id}/accept"))


def test_a_form_for_what_never_happened_is_still_refused(client):
    event_id = _signed_in(client)
    assert _post(client, f"/events/{event_id}/cancel").status_code == 404
    assert _post(client, f"/events/{event_id}/accept").status_code == 404


def test_turning_the_calendar_address_off_twice_says_it_was_off_already(client):
    """Found from outside: turning off an address that was never made, or a second click,
    said 'Je agenda-adres werkt niet meer.' as if it had just stopped one."""
    _signed_in(client)
    assert "Er was geen agenda-adres om uit te zetten" in _said(
        _post(client, "/events/calendar/revoke")
    )
    _post(client, "/events/calendar", password=factories.PASSWORD)  # makes one
    assert "Je agenda-adres werkt niet meer." in _said(_post(client, "/events/calendar/revoke"))
    assert "Er was geen agenda-adres om uit te zetten" in _said(
        _post(client, "/events/calendar/revoke")
    )
