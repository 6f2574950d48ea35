"""Two organisers of one event changing it at once each keep their change. The event form sends
every field it shows, so a save wrote back what it held when it was opened: a co-organiser who
raised the capacity from 10 to 40 while another had the form open saw it fall back to 10 when
the other saved a new venue (seats then offered to the waiting list were more than the event
held), without a word (found probing `kring serve`). The form carries the event as it was shown
(`_seen`), and a save writes only the fields its organiser changed."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from litestar.testing import TestClient

from events.management import add_organiser
from events.tables import Event
from kring.choices import Role
from tests import factories
from tests.conftest import _app, run
from tests.events.helpers import event, principal
from tests.members.test_profile_edits_at_once import HTML, _fields


def test_a_save_keeps_the_capacity_a_co_organiser_changed_meanwhile(client):
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    event_id = event(first, capacity=10)
    run(add_organiser(principal(first), event_id, second.account_id))
    factories.log_in(client, first.email)
    path = f"/events/{event_id}/edit"
    opened = _fields(client.get(path, headers=HTML).text, path)

    raised = client.patch(f"/api/events/{event_id}", json={"capacity": 40}, headers=second.headers)
    assert raised.status_code == 200, raised.text

    saved = client.post(path, data=opened | {"venue": "De Bijloke"}, headers=HTML)
    assert saved.status_code in (200, 303), saved.text[:300]
    row = run(Event.select(Event.capacity, Event.venue).where(Event.id == event_id).first())
    assert row == {"capacity": 40, "venue": "De Bijloke"}


def test_a_save_keeps_the_title_a_co_organiser_changed_meanwhile(client):
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    event_id = event(first)
    run(add_organiser(principal(first), event_id, second.account_id))
    factories.log_in(client, first.email)
    path = f"/events/{event_id}/edit"
    opened = _fields(client.get(path, headers=HTML).text, path)
    before = run(Event.select(Event.starts_at).where(Event.id == event_id).first())["starts_at"]

    moved = client.patch(
        f"/api/events/{event_id}",
        json={"title": "Netwerkavond (verplaatst)"},
        headers=second.headers,
    )
    assert moved.status_code == 200, moved.text

    saved = client.post(path, data=opened | {"capacity": "25"}, headers=HTML)
    assert saved.status_code in (200, 303), saved.text[:300]
    row = run(
        Event.select(Event.title, Event.capacity, Event.starts_at)
        .where(Event.id == event_id)
        .first()
    )
    assert row == {"title": "Netwerkavond (verplaatst)", "capacity": 25, "starts_at": before}


def _two_organisers_on_one_form(client, capacity: int = 10):
    """The event's form open in the first organiser's session; the second organiser logged in
    in a session of their own, on the same form."""
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    event_id = event(first, capacity=capacity)
    run(add_organiser(principal(first), event_id, second.account_id))
    factories.log_in(client, first.email)
    path = f"/events/{event_id}/edit"
    opened = _fields(client.get(path, headers=HTML).text, path)
    return second, event_id, path, opened


def _saved_by_the_other(other_client, email: str, path: str, changes: dict) -> None:
    factories.log_in(other_client, email)
    theirs = _fields(other_client.get(path, headers=HTML).text, path)
    saved = other_client.post(path, data=theirs | changes, headers=HTML, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:300]


def test_a_save_of_the_capacity_a_co_organiser_changed_too_is_refused_with_both_values(client):
    second, event_id, path, opened = _two_organisers_on_one_form(client)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        _saved_by_the_other(other, second.email, path, {"capacity": "40"})

    refused = client.post(
        path, data=opened | {"capacity": "25", "venue": "De Bijloke"}, headers=HTML
    )

    assert refused.status_code == 409, refused.text[:300]
    page = refused.text
    assert "intussen door iemand anders gewijzigd" in page
    assert re.search(r'class="meanwhile-value">\s*40\s*<', page), page
    assert re.search(r'name="capacity"[^>]*value="25"', page)  # the person's own, in the field
    assert 'name="_keep.capacity"' in page
    row = run(Event.select(Event.capacity, Event.venue).where(Event.id == event_id).first())
    assert row == {"capacity": 40, "venue": "Het Pand"}  # nothing of the refused save is stored

    again = _fields(page, path)
    saved = client.post(path, data=again, headers=HTML, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:300]
    row = run(Event.select(Event.capacity, Event.venue).where(Event.id == event_id).first())
    assert row == {"capacity": 25, "venue": "De Bijloke"}


def test_a_refused_save_keeps_the_other_value_when_its_person_chooses_it(client):
    second, event_id, path, opened = _two_organisers_on_one_form(client)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        _saved_by_the_other(other, second.email, path, {"capacity": "40", "title": "Avond"})

    refused = client.post(
        path, data=opened | {"capacity": "25", "venue": "De Bijloke"}, headers=HTML
    )
    assert refused.status_code == 409, refused.text[:300]
    again = _fields(refused.text, path) | {"_keep.capacity": "1"}
    saved = client.post(path, data=again, headers=HTML, follow_redirects=False)

    assert saved.status_code == 303, saved.text[:300]
    row = run(
        Event.select(Event.capacity, Event.venue, Event.title).where(Event.id == event_id).first()
    )
    assert row == {"capacity": 40, "venue": "De Bijloke", "title": "Avond"}


def test_the_same_change_by_both_is_no_conflict(client):
    second, _event_id, path, opened = _two_organisers_on_one_form(client)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        _saved_by_the_other(other, second.email, path, {"capacity": "40"})

    saved = client.post(
        path, data=opened | {"capacity": "40"}, headers=HTML, follow_redirects=False
    )

    assert saved.status_code == 303, saved.text[:300]


def test_a_start_stored_with_seconds_is_kept_by_a_save_of_another_field(client):
    """The form shows a time to the minute: a start stored with seconds (through the API, an
    import) looked changed by every save, which wrote it back without them, counted the event
    as moved and mailed everyone coming."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    start = datetime(2031, 3, 14, 18, 0, 30, tzinfo=UTC)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=3)}).where(
            Event.id == event_id
        )
    )
    before = run(Event.select(Event.sequence).where(Event.id == event_id).first())["sequence"]
    factories.log_in(client, organiser.email)
    path = f"/events/{event_id}/edit"
    opened = _fields(client.get(path, headers=HTML).text, path)

    saved = client.post(path, data=opened | {"capacity": "25"}, headers=HTML)

    assert saved.status_code in (200, 303), saved.text[:300]
    row = run(
        Event.select(Event.starts_at, Event.ends_at, Event.sequence)
        .where(Event.id == event_id)
        .first()
    )
    assert row["starts_at"].astimezone(UTC) == start
    assert row["ends_at"].astimezone(UTC) == start + timedelta(hours=3)
    assert row["sequence"] == before


def test_a_start_stored_with_seconds_moved_by_a_minute_is_saved(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    start = datetime(2031, 3, 14, 18, 0, 30, tzinfo=UTC)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=3)}).where(
            Event.id == event_id
        )
    )
    factories.log_in(client, organiser.email)
    path = f"/events/{event_id}/edit"
    opened = _fields(client.get(path, headers=HTML).text, path)

    saved = client.post(path, data=opened | {"starts_at": "14-03-2031 19:01"}, headers=HTML)

    assert saved.status_code in (200, 303), saved.text[:300]
    row = run(Event.select(Event.starts_at).where(Event.id == event_id).first())
    assert row["starts_at"].astimezone(UTC) == datetime(2031, 3, 14, 18, 1, tzinfo=UTC)
