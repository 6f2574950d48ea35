"""A member scanning the events list saw nowhere which events they had registered for (only on
each event's own page): the list now says beside each event what their registration is, and
shows nobody else's. Over HTTP, against `kring serve`."""

from __future__ import annotations

import re

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, signed_in_browser


def _row(html: str, event_id: int) -> str:
    found = re.search(rf'<tr[^>]*>\s*<td[^>]*><a href="/events/{event_id}">.*?</tr>', html, re.S)
    assert found, html
    return found.group(0)


def test_the_events_list_shows_the_viewers_own_registration(served_app):
    organiser = factories.account(Role.organiser)
    mine = event(organiser, title="Mijn netwerkavond", capacity=1)
    full = event(organiser, title="Volzet bezoek", capacity=1)
    other = event(organiser, title="Andermans workshop")
    member, someone = factories.account(Role.member), factories.account(Role.member)
    run(register(mine, member.member_id))
    run(register(full, someone.member_id))
    run(register(full, member.member_id))  # full: on the waiting list
    run(register(other, someone.member_id))
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/events").text
    assert "Je inschrijving: bevestigd" in _row(html, mine)
    assert "Je inschrijving: op de wachtlijst" in _row(html, full)
    assert "Je inschrijving" not in _row(html, other)
