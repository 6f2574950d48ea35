"""A refusal quotes what was typed briefly: a 5000-character value sent for a choice of the event
form or the API is named by its start, not echoed whole."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from tests import factories

LONG = "x" * 5000
FORM = {
    "title": "Bedrijfsbezoek",
    "starts_at": "2027-05-01T10:00",
    "ends_at": "2027-05-01T12:00",
    "capacity": "20",
    "timezone": "Europe/Brussels",
}


_field_error = factories.field_error


def test_a_long_choice_on_the_event_form_is_quoted_briefly(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = factories.post_page_form(client, "/events/new", **FORM | {"list_visibility": LONG})
    assert answer.status_code == 400
    message = _field_error(answer.text, "list_visibility")
    assert "xxxx…" in message and len(message) < 300, message
    assert unescape(answer.text).count(LONG) <= 1


def test_a_long_choice_in_the_api_is_quoted_briefly(client):
    organiser = factories.account(Role.organiser)
    body = {**FORM, "capacity": 20, "starts_at": "2027-05-01T10:00:00", "listing": LONG}
    body["ends_at"] = "2027-05-01T12:00:00"
    answer = client.post("/api/events", json=body, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert LONG not in answer.text and "listing" in answer.text
