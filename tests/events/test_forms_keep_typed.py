"""The organisers' event forms and the check-in desk come back with what was typed when a text
holds a control character: 400 with the message at the field, nothing stored."""

from __future__ import annotations

from html import unescape

from events.tables import Event
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event

EVENT = {
    "title": "Netwerkavond kwaliteit",
    "description": "Drie korte praatjes en een drankje.",
    "starts_at": "2026-12-20T18:00",
    "ends_at": "2026-12-20T21:00",
    "timezone": "Europe/Brussels",
    "venue": "Het Pand",
    "address": "Onderbergen 1, 9000 Gent",
    "capacity": "40",
    "members_only": "1",
}


_post = factories.post_page_form


def test_a_new_and_an_edited_event_keep_what_was_typed(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(client, "/events/new", **EVENT | {"venue": "Het\x00Pand"})
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Drie korte praatjes en een drankje.</textarea>" in text
    assert 'value="20-12-2026 21:00"' in text and 'value="40"' in text and "U+0000" in text
    assert 'id="field-venue" name="venue" aria-invalid="true"' in text
    assert run(Event.count()) == 0
    event_id = event(organiser)
    answer = _post(client, f"/events/{event_id}/edit", **EVENT | {"title": "Avond \u202e"})
    assert answer.status_code == 400
    assert 'value="Onderbergen 1, 9000 Gent"' in answer.text and "U+202E" in answer.text
    stored = run(Event.select(Event.title).where(Event.id == event_id).first())
    assert stored["title"] == "Netwerkavond kwaliteit"


def test_a_typed_check_in_code_with_a_control_character_stays_in_the_field(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    event_id = event(organiser)
    doors_open(event_id, started=False)
    answer = _post(client, f"/events/{event_id}/check-in", code="AB12\x1bCD")
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="AB12\ufffdCD"' in text and "U+001B" in text
    assert 'id="field-code" name="code" aria-invalid="true"' in text
