"""An event's times and zone as organisers type them: a wall-clock time the zone skips (spring) or
shows twice (autumn) is refused naming the field, not moved an hour or guessed; the zone is an
IANA region/city name or UTC, not `localtime` or `posixrules`; events stored earlier under an old
name keep working."""

from __future__ import annotations

import pytest

from events.tables import Event
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

GAP = "2027-03-28T02:30"  # Brussels: 02:00 becomes 03:00
FOLD = "2027-10-31T02:30"  # Brussels: 03:00 becomes 02:00 again
GAP_SHOWN, FOLD_SHOWN = "28-03-2027 02:30", "31-10-2027 02:30"
"""How the form shows them again: as a Dutch reader types a moment (kring.typed_dates)."""
FORM = {
    "title": "Bedrijfsbezoek",
    "starts_at": "2027-03-27T18:30",
    "ends_at": "2027-03-27T21:00",
    "capacity": "20",
    "timezone": "Europe/Brussels",
}
API = {
    "title": "Lerend netwerk",
    "starts_at": "2027-03-27T18:30:00",
    "ends_at": "2027-03-27T21:00:00",
    "capacity": 10,
    "timezone": "Europe/Brussels",
}
_post = factories.post_page_form


_field_error = factories.field_error


def test_a_start_in_the_spring_gap_is_refused_at_its_field_on_the_form(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client, "/events/new", **FORM | {"starts_at": GAP, "ends_at": "2027-03-28T05:00"}
    )
    assert answer.status_code == 400
    message = _field_error(answer.text, "starts_at")
    assert "2027-03-28 02:30 bestaat niet in Europe/Brussels" in message
    assert "de klok een uur vooruit" in message
    assert f'value="{GAP_SHOWN}"' in answer.text and 'value="Bedrijfsbezoek"' in answer.text
    assert run(Event.count()) == 0


def test_an_end_in_the_autumn_fold_is_refused_at_its_field_on_the_edit_form(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    event_id = event(organiser)
    before = run(Event.select(Event.ends_at).where(Event.id == event_id).first())
    typed = FORM | {"starts_at": "2027-10-30T22:00", "ends_at": FOLD}
    answer = _post(client, f"/events/{event_id}/edit", **typed)
    assert answer.status_code == 400
    message = _field_error(answer.text, "ends_at")
    assert "2027-10-31 02:30 komt twee keer voor in Europe/Brussels" in message
    assert "de klok een uur terug; kies een tijd buiten de herhaalde periode" in message
    assert f'value="{FOLD_SHOWN}"' in answer.text
    after = run(Event.select(Event.ends_at).where(Event.id == event_id).first())
    assert after == before


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("starts_at", f"{GAP}:00", "does not exist in Europe/Brussels"),
        ("ends_at", f"{FOLD}:00", "happens twice in Europe/Brussels"),
        ("registration_closes_at", f"{GAP}:00", "clock moves forward an hour"),
    ],
)
def test_the_api_refuses_a_skipped_or_repeated_wall_clock_time_naming_the_field(
    client, field, value, words
):
    organiser = factories.account(Role.organiser)
    made = client.post("/api/events", json=API, headers=organiser.headers)
    assert made.status_code == 201, made.text
    body = API | {"starts_at": "2027-03-27T18:30:00", "ends_at": "2027-11-01T21:00:00"}
    for method, path, sent in (
        ("POST", "/api/events", body | {field: value}),
        ("PATCH", f"/api/events/{made.json()['id']}", {field: value}),
    ):
        answer = client.request(method, path, json=sent, headers=organiser.headers)
        assert answer.status_code == 400, (method, answer.text)
        assert answer.json()["errors"][0]["field"] == field, answer.text
        assert words in answer.json()["detail"], answer.text
    assert run(Event.count()) == 1


def test_a_time_in_the_fold_with_its_offset_says_which_one_and_is_taken(client):
    organiser = factories.account(Role.organiser)
    body = API | {"starts_at": "2027-10-31T02:30:00+01:00", "ends_at": "2027-10-31T05:00:00+01:00"}
    answer = client.post("/api/events", json=body, headers=organiser.headers)
    assert answer.status_code == 201, answer.text
    assert answer.json()["starts_at"].startswith("2027-10-31T01:30:00")


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "US/Eastern", "CET"])
def test_a_zone_that_is_no_region_and_city_is_refused_by_api_and_form(client, zone):
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/events", json=API | {"timezone": zone}, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "timezone"
    made = client.post("/api/events", json=API, headers=organiser.headers).json()
    patched = client.patch(
        f"/api/events/{made['id']}", json={"timezone": zone}, headers=organiser.headers
    )
    assert patched.status_code == 400 and patched.json()["errors"][0]["field"] == "timezone"
    factories.log_in(client, organiser.email)
    form = _post(client, "/events/new", **FORM | {"timezone": zone})
    assert form.status_code == 400
    assert zone in _field_error(form.text, "timezone")
    assert f'value="{zone}"' in form.text and 'value="Bedrijfsbezoek"' in form.text
    assert run(Event.count()) == 1


@pytest.mark.parametrize("zone", ["UTC", "America/Argentina/Buenos_Aires", "Asia/Kolkata"])
def test_region_and_city_zones_and_utc_are_taken(client, zone):
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/events", json=API | {"timezone": zone}, headers=organiser.headers)
    assert answer.status_code == 201, answer.text
    ics = client.get(f"/api/events/{answer.json()['id']}/ics", headers=organiser.headers)
    assert f"TZID={zone}" in ics.text or zone == "UTC"


def test_an_event_stored_under_an_old_zone_name_still_shows_and_can_be_edited(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    run(Event.update({Event.timezone: "CET"}).where(Event.id == event_id))
    headers = organiser.headers
    assert client.get(f"/api/events/{event_id}/ics", headers=headers).status_code == 200
    kept = client.patch(
        f"/api/events/{event_id}", json={"title": "Nieuw", "timezone": "CET"}, headers=headers
    )
    assert kept.status_code == 200, kept.text
    factories.log_in(client, organiser.email)
    assert client.get(f"/events/{event_id}").status_code == 200
    form = client.get(f"/events/{event_id}/edit")
    assert 'value="CET"' in form.text
    saved = _post(client, f"/events/{event_id}/edit", **FORM | {"timezone": "CET"})
    assert saved.status_code == 200 and saved.url.path == f"/events/{event_id}", saved.text
    stored = run(Event.select(Event.timezone, Event.title).where(Event.id == event_id).first())
    assert stored == {"timezone": "CET", "title": "Bedrijfsbezoek"}
