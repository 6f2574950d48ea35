"""The registrations desk says whom an action concerned ("Ingecheckt: Inès Aerts.", "De
inschrijving van Inès Aerts was al geannuleerd") without putting the name in the one-time
message cookie: a cookie travels with every request and lingers on the desk's device, so it
carries the registration's number and the desk page, open only to the event's organisers,
looks the name up. Over HTTP, against the real app and database."""

from __future__ import annotations

import base64
from html import unescape

from events.check_in import check_in_code
from events.tables import Registration
from kring.choices import Role
from kring.web.flash import FLASH_COOKIE
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event

HTML = {"accept": "text/html"}


def _registration_id(event_id: int, member_id: int) -> int:
    return run(
        Registration.select(Registration.id)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )["id"]


def _cookie_text(answer) -> str:
    """Everything the message cookie holds, its encoded parts decoded."""
    value = answer.cookies[FLASH_COOKIE]
    decoded = []
    for part in value.split("."):
        try:
            decoded.append(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode())
        except ValueError:
            decoded.append(part)
    return value + " " + " ".join(decoded)


def _desk_with(client, person_first: str, person_last: str):
    organiser = factories.account(Role.organiser)
    person = factories.member(
        factories.organisation(), first_name=person_first, last_name=person_last
    )
    member = factories.account(Role.member, member_id=person)
    event_id = event(organiser, capacity=5)
    answer = client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    assert answer.status_code in (200, 201), answer.text
    return organiser, member, event_id, _registration_id(event_id, person)


def test_a_check_in_names_the_person_on_the_desk_but_not_in_the_cookie(client):
    organiser, member, event_id, registration_id = _desk_with(client, "Inès", "Vercauteren")
    doors_open(event_id, started=False)
    factories.log_in(client, organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    code = check_in_code(event_id, registration_id)

    answer = client.post(
        f"/events/{event_id}/check-in",
        data={**form, "code": code},
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert "Vercauteren" not in _cookie_text(answer) and "In" + "ès" not in _cookie_text(answer)
    shown = client.get(answer.headers["location"], headers=HTML)
    assert "Ingecheckt: Inès Vercauteren." in unescape(shown.text)

    again = client.post(
        f"/events/{event_id}/check-in",
        data={**form, "code": str(member.member_id)},
        headers=HTML,
        follow_redirects=False,
    )
    assert again.status_code == 303 and "Vercauteren" not in _cookie_text(again)
    shown = client.get(again.headers["location"], headers=HTML)
    assert "Inès Vercauteren was al ingecheckt" in unescape(shown.text)


def test_the_message_read_on_another_page_still_shows_without_a_name(client):
    """A desk message that reaches another page (a second tab) reads without the name and
    never breaks that page."""
    organiser, _member, event_id, registration_id = _desk_with(client, "Inès", "Vercauteren")
    doors_open(event_id, started=False)
    factories.log_in(client, organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    answer = client.post(
        f"/events/{event_id}/check-in",
        data={**form, "code": check_in_code(event_id, registration_id)},
        headers=HTML,
        follow_redirects=False,
    )
    elsewhere = client.get(f"/events/{event_id}", headers=HTML)
    assert elsewhere.status_code == 200
    assert "Ingecheckt: iemand." in unescape(elsewhere.text)
    assert "Vercauteren" not in _cookie_text(answer)


def test_cancelling_a_registration_the_member_already_cancelled_says_whose(client):
    organiser, member, event_id, registration_id = _desk_with(client, "Inès", "Vercauteren")
    factories.log_in(client, organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    desk = client.get(f"/events/{event_id}/registrations", headers=HTML).text
    assert f"/registrations/{registration_id}/cancel" in desk
    # Meanwhile the member cancels; the desk page still offers the button.
    gone = client.delete(f"/api/events/{event_id}/registration", headers=member.headers)
    assert gone.status_code in (200, 204), gone.text

    answer = client.post(
        f"/events/{event_id}/registrations/{registration_id}/cancel",
        data=form,
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 303 and "Vercauteren" not in _cookie_text(answer)
    shown = unescape(client.get(answer.headers["location"], headers=HTML).text)
    assert "De inschrijving van Inès Vercauteren was al geannuleerd" in shown
