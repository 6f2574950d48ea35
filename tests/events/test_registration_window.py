"""An event's registration window: it opens before the event starts and closes by its end, on
the form and the API; a PATCH is judged with the stored times it leaves as they are."""

from __future__ import annotations

from datetime import datetime

import pytest

from events.tables import Event
from kring.choices import Role
from tests import factories
from tests.conftest import run

FORM = {
    "title": "Bedrijfsbezoek",
    "starts_at": "2027-05-01T10:00",
    "ends_at": "2027-05-01T12:00",
    "capacity": "20",
    "timezone": "Europe/Brussels",
}
API = FORM | {"starts_at": "2027-05-01T10:00:00", "ends_at": "2027-05-01T12:00:00", "capacity": 20}
TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
_post = factories.post_page_form


_field_error = factories.field_error


def _stored(event_id: int) -> dict[str, datetime]:
    return run(
        Event.select(*(getattr(Event, f) for f in TIMES)).where(Event.id == event_id).first()
    )


@pytest.mark.parametrize(
    ("field", "typed", "words", "dutch"),
    [
        ("registration_opens_at", "2027-05-02T10:00", "must be before starts_at", "voor ‘Begin’"),
        ("registration_opens_at", "2027-05-01T10:00", "must be before starts_at", "voor ‘Begin’"),
        ("registration_closes_at", "2027-05-01T12:01", "must not be after ends_at", "‘Einde’"),
    ],
)
def test_a_registration_window_after_the_event_is_refused_naming_its_field(
    client, field, typed, words, dutch
):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/events", json=API | {field: f"{typed}:00"}, headers=organiser.headers
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == field
    assert words in answer.json()["detail"]
    factories.log_in(client, organiser.email)
    form = _post(client, "/events/new", **FORM | {field: typed})
    assert form.status_code == 400
    assert dutch in _field_error(form.text, field)
    shown = datetime.fromisoformat(typed).strftime("%d-%m-%Y %H:%M")  # as the form shows it
    assert f'value="{shown}"' in form.text and 'value="Bedrijfsbezoek"' in form.text
    assert run(Event.count()) == 0


def test_a_window_up_to_the_event_is_taken(client):
    organiser = factories.account(Role.organiser)
    window = {
        "registration_opens_at": "2027-05-01T09:59:00",
        "registration_closes_at": "2027-05-01T12:00:00",
    }
    answer = client.post("/api/events", json=API | window, headers=organiser.headers)
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"registration_closes_at": "2027-05-01T13:00:00"}, "registration_closes_at"),
        ({"ends_at": "2027-05-01T11:00:00"}, "registration_closes_at"),
        ({"starts_at": "2027-04-20T10:00:00"}, "registration_opens_at"),
        ({"registration_opens_at": "2027-05-01T11:00:00"}, "registration_opens_at"),
    ],
)
def test_a_patch_is_checked_with_the_stored_times(client, change, field):
    organiser = factories.account(Role.organiser)
    window = {
        "registration_opens_at": "2027-04-25T10:00:00",
        "registration_closes_at": "2027-05-01T11:30:00",
    }
    made = client.post("/api/events", json=API | window, headers=organiser.headers)
    assert made.status_code == 201, made.text
    event_id = made.json()["id"]
    before = _stored(event_id)
    answer = client.patch(f"/api/events/{event_id}", json=change, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == field
    assert _stored(event_id) == before
