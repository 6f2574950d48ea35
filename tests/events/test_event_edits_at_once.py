"""Two organisers of one event changing it at once each keep their change. The event form sends
every field it shows, so a save wrote back what it held when it was opened: a co-organiser who
raised the capacity from 10 to 40 while another had the form open saw it fall back to 10 when
the other saved a new venue (seats then offered to the waiting list were more than the event
held), without a word (found probing `kring serve`). The form carries the event as it was shown
(`_seen`), and a save writes only the fields its organiser changed."""

from __future__ import annotations

from events.management import add_organiser
from events.tables import Event
from kring.choices import Role
from tests import factories
from tests.conftest import run
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
