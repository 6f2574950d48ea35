"""At the registrations desk, marking someone attended or a no-show, or hiding them from the
participant list, said only 'Bewaard.': an organiser working down a list of sixty names read
nothing about whom it concerned, nor which way it went (seen walking the organiser's journey).
Each message now names the person and what was recorded."""

from __future__ import annotations

from html import unescape
from typing import Any

from events.registration import register
from events.tables import Registration
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event

_post = factories.post_page_form


def _flash(page: Any) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


def _registered(client: Any) -> tuple[int, int]:
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    member_id = factories.member(None, first_name="Griet", last_name="Van Damme")
    run(register(event_id, member_id))
    registration_id = run(
        Registration.select(Registration.id)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )["id"]
    factories.log_in(client, organiser.email)
    return event_id, registration_id


def test_attendance_names_the_person_and_which_way(client):
    event_id, registration_id = _registered(client)
    doors_open(event_id)
    action = f"/events/{event_id}/registrations/{registration_id}/attendance"
    attended = _post(client, action, attended="1")
    assert attended.status_code == 200
    assert _flash(attended) == "Griet Van Damme is genoteerd als aanwezig."
    absent = _post(client, action, attended="0")
    assert _flash(absent) == "Griet Van Damme is genoteerd als niet opgedaagd."


def test_hiding_from_the_list_names_the_person_and_which_way(client):
    event_id, registration_id = _registered(client)
    action = f"/events/{event_id}/registrations/{registration_id}/hidden"
    hidden = _post(client, action, hidden="1")
    assert hidden.status_code == 200
    assert _flash(hidden) == "Griet Van Damme is verborgen op de deelnemerslijst."
    shown = _post(client, action, hidden="0")
    assert _flash(shown) == "Griet Van Damme is niet langer verborgen op de deelnemerslijst."
