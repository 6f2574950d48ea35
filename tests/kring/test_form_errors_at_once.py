"""A refused form names every field at fault at once, each message beside its field and all of
them in the summary, and keeps what was typed (`kring.validation.Checks`)."""

from __future__ import annotations

import re

from kring.choices import Role
from tests import factories
from tests.awards import helpers as award_helpers
from tests.events.test_api import NEW_EVENT, event_form


def errors_beside_fields(html: str) -> dict[str, str]:
    """Each field's message, read from the `field-<name>-error` paragraph the form shows."""
    return {
        name: re.sub(r"<[^>]+>", "", text).strip()
        for name, text in re.findall(
            r'<p class="field-error" id="field-([a-z_]+)-error">(.*?)</p>', html, re.S
        )
    }


def summary_items(html: str) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r"<li>", summary.group(0))


def test_the_event_form_names_every_missing_field(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    form = event_form(client, title="", starts_at="", ends_at="", capacity="", venue="Zaal Leie")
    answer = client.post("/events/new", data=form)
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert beside == dict.fromkeys(
        ("title", "starts_at", "ends_at", "capacity"), "Fout: Is verplicht"
    )
    assert len(summary_items(answer.text)) == 4
    assert 'value="Zaal Leie"' in answer.text


def test_the_event_form_names_a_bad_time_zone_with_the_other_fields(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    form = event_form(client, title="", timezone="Mars/Olympus", ends_at="2031-05-04T18:00")
    answer = client.post("/events/new", data=form)
    assert set(errors_beside_fields(answer.text)) == {"title", "timezone", "ends_at"}
    assert 'value="Mars/Olympus"' in answer.text


def test_the_event_form_names_a_bad_link_and_a_bad_capacity_together(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    form = event_form(client, online_url="javascript:alert(1)", capacity="0", title="Avond")
    answer = client.post("/events/new", data=form)
    assert answer.status_code == 400
    assert set(errors_beside_fields(answer.text)) == {"online_url", "capacity"}
    assert 'value="Avond"' in answer.text and 'value="0"' in answer.text
    assert 'value="javascript:alert(1)"' in answer.text


def test_the_edition_form_names_the_deadlines_and_the_weight_together(client):
    factories.log_in(client, award_helpers.organiser().email)
    answer = client.post(
        "/awards/editions/new",
        data={
            "_csrf_token": factories.csrf_token(client),
            "name": "Prijs",
            "year": "2030",
            "submission_deadline": "2030-03-01T17:00",
            "jury_deadline": "2030-02-01T17:00",
            "category_name": "Kmo's",
            "criterion_name": "Resultaten",
            "criterion_weight": "-5",
        },
    )
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert set(beside) == {"jury_deadline", "criteria"}, beside
    assert "1 tot 100" in beside["criteria"] or "1 to 100" in beside["criteria"]
    assert len(summary_items(answer.text)) == 2
    assert 'value="-5"' in answer.text and 'value="01-02-2030 17:00"' in answer.text


def test_the_api_lists_every_refused_field(client):
    organiser = factories.account(Role.organiser)
    body = {
        **NEW_EVENT,
        "online_url": "javascript:alert(1)",
        "timezone": "Mars/Olympus",
        "ends_at": NEW_EVENT["starts_at"],
    }
    answer = client.post("/api/events", json=body, headers=organiser.headers)
    assert answer.status_code == 400
    fields = [e["field"] for e in answer.json()["errors"]]
    assert fields == ["timezone", "online_url", "ends_at"]
