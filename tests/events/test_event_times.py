"""An event's times as organisers keep and read them: an event at a time the clock shows twice
stays editable from its form and its page says which of the two; the time-change refusals say
how far the clock really moves; a long typed zone or time is quoted briefly."""

from __future__ import annotations

from datetime import datetime
from html import unescape
from html.parser import HTMLParser

import pytest

from events.tables import Event
from kring.choices import Role
from kring.typed_dates import moment_text
from tests import factories
from tests.conftest import run

FOLD_EVENT = {
    "title": "Nachtwandeling",
    "starts_at": "2027-10-31T02:30:00+02:00",  # the first 02:30 in Brussels
    "ends_at": "2027-10-31T02:45:00+01:00",  # the second 02:45, 1 h 15 min later
    "registration_closes_at": "2027-10-31T02:10:00+01:00",  # the second 02:10
    "capacity": 12,
    "timezone": "Europe/Brussels",
}
TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
FORM = {
    "title": "Bedrijfsbezoek",
    "starts_at": "2027-05-01T10:00",
    "ends_at": "2027-05-01T12:00",
    "capacity": "20",
    "timezone": "Europe/Brussels",
}
API = FORM | {"starts_at": "2027-05-01T10:00:00", "ends_at": "2027-05-01T12:00:00", "capacity": 20}
_post = factories.post_page_form


class _Form(HTMLParser):
    """The fields of a page's form as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name = found.get("name", "")
        if tag == "input" and name and not name.startswith("_"):
            if found.get("type") != "checkbox" or "checked" in found:
                self.fields[name] = found.get("value", "")
        elif tag == "textarea":
            self._textarea, self.fields[name] = name, ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in found:
            self.fields[self._select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def _shown_form(text: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(text)
    return parser.fields


_field_error = factories.field_error


def _stored(event_id: int) -> dict[str, datetime]:
    return run(
        Event.select(*(getattr(Event, f) for f in TIMES)).where(Event.id == event_id).first()
    )


def test_an_event_in_the_repeated_hour_is_saved_unchanged_from_its_edit_form(client):
    organiser = factories.account(Role.organiser)
    made = client.post("/api/events", json=FOLD_EVENT, headers=organiser.headers)
    assert made.status_code == 201, made.text
    event_id = made.json()["id"]
    before = _stored(event_id)
    factories.log_in(client, organiser.email)
    shown = _shown_form(client.get(f"/events/{event_id}/edit").text)
    assert shown["starts_at"] == "31-10-2027 02:30" and shown["ends_at"] == "31-10-2027 02:45"
    saved = _post(client, f"/events/{event_id}/edit", **shown | {"title": "Nachtwandeling 2"})
    assert saved.status_code == 200 and saved.url.path == f"/events/{event_id}", saved.text
    assert _stored(event_id) == before
    title = run(Event.select(Event.title).where(Event.id == event_id).first())["title"]
    assert title == "Nachtwandeling 2"


def test_the_event_page_says_which_of_two_equal_clock_times_is_meant(client):
    organiser = factories.account(Role.organiser)
    event_id = client.post("/api/events", json=FOLD_EVENT, headers=organiser.headers).json()["id"]
    factories.log_in(client, organiser.email)
    when = unescape(client.get(f"/events/{event_id}").text)
    assert "31 okt 2027, 02:30 (UTC+2) – 02:45 (UTC+1)" in when, when
    english = client.patch(
        f"/api/events/{event_id}",
        json={"starts_at": "2027-10-30T22:30:00+00:00"},
        headers=organiser.headers,
    )
    assert english.status_code == 200, english.text
    client.cookies.set("kring_lang", "en")
    assert "31 Oct 2027, 00:30 – 02:45 (UTC+1)" in unescape(client.get(f"/events/{event_id}").text)


def test_a_new_time_in_the_repeated_hour_is_still_refused_on_the_edit_form(client):
    organiser = factories.account(Role.organiser)
    event_id = client.post("/api/events", json=FOLD_EVENT, headers=organiser.headers).json()["id"]
    before = _stored(event_id)
    factories.log_in(client, organiser.email)
    shown = _shown_form(client.get(f"/events/{event_id}/edit").text)
    answer = _post(client, f"/events/{event_id}/edit", **shown | {"starts_at": "2027-10-31T02:20"})
    assert answer.status_code == 400
    assert "komt twee keer voor" in _field_error(answer.text, "starts_at")
    assert 'value="31-10-2027 02:20"' in answer.text
    assert _stored(event_id) == before


def test_the_api_keeps_a_stored_time_in_the_repeated_hour_sent_back_without_offset(client):
    organiser = factories.account(Role.organiser)
    event_id = client.post("/api/events", json=FOLD_EVENT, headers=organiser.headers).json()["id"]
    before = _stored(event_id)
    answer = client.patch(
        f"/api/events/{event_id}",
        json={"ends_at": "2027-10-31T02:45:00", "title": "Anders"},
        headers=organiser.headers,
    )
    assert answer.status_code == 200, answer.text
    assert _stored(event_id) == before


@pytest.mark.parametrize(
    ("zone", "typed", "english", "dutch"),
    [
        ("Australia/Lord_Howe", "2027-04-04T01:45", "moves back 30 minutes", "30 minuten terug"),
        ("Australia/Lord_Howe", "2027-10-03T02:15", "moves forward 30 minutes", "30 minuten"),
        ("Antarctica/Troll", "2027-03-28T01:30", "moves forward 2 hours", "de klok 2 uur vooruit"),
        ("Europe/Brussels", "2027-03-28T02:30", "moves forward an hour", "de klok een uur vooruit"),
    ],
)
def test_a_time_change_refusal_says_how_far_the_clock_moves(client, zone, typed, english, dutch):
    organiser = factories.account(Role.organiser)
    body = API | {"timezone": zone, "starts_at": f"{typed}:00", "ends_at": "2027-12-01T12:00:00"}
    answer = client.post("/api/events", json=body, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "starts_at"
    assert english in answer.json()["detail"], answer.text
    factories.log_in(client, organiser.email)
    typed_form = FORM | {"timezone": zone, "starts_at": typed, "ends_at": "2027-12-01T12:00"}
    form = _post(client, "/events/new", **typed_form)
    assert form.status_code == 400
    assert dutch in _field_error(form.text, "starts_at")
    assert f'value="{moment_text(typed)}"' in form.text  # as the field asks: dd-mm-jjjj uu:mm
    assert run(Event.count()) == 0


def test_a_long_refused_zone_is_quoted_briefly(client):
    field, typed = "timezone", "Europe/" + "a" * 5000
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/events", json=API | {field: typed[:64]}, headers=organiser.headers)
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == field
    factories.log_in(client, organiser.email)
    form = _post(client, "/events/new", **FORM | {field: typed})
    assert form.status_code == 400
    message = _field_error(form.text, field)
    assert typed[:12] in message and len(message) < 300, message
    assert unescape(form.text).count(typed) == 1  # the field keeps it; nothing repeats it
    assert f'value="{typed}"' in form.text


def test_a_long_refused_time_is_quoted_briefly(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    typed = "2027-05-01T" + "9" * 5000
    form = _post(client, "/events/new", **FORM | {"starts_at": typed})
    assert form.status_code == 400
    assert len(_field_error(form.text, "starts_at")) < 300
    assert unescape(form.text).count(typed) == 1
