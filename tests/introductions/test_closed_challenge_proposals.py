"""A closed challenge's proposals page says why it has none and how to get them again: it said
'Er worden nu geen experts voorgesteld.', as if matching had found nobody, while the challenge
is closed and gets none until reopened. Found from outside on the demo; over HTTP against
`kring serve`."""

from __future__ import annotations

from html import unescape

import httpx

from kring.choices import RecordStatus, Role
from kring.tables import Challenge
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene


def _page(live_server: str, email: str, challenge_id: int) -> str:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, email).status_code == 303
        return unescape(client.get(f"/my/challenges/{challenge_id}/proposals").text)


def _close(challenge_id: int) -> None:
    closed = {Challenge.status: RecordStatus.closed}
    run(Challenge.update(closed).where(Challenge.id == challenge_id))


def test_the_owner_reads_that_the_challenge_is_closed_and_where_to_reopen_it(live_server):
    s = scene(experts=3)
    _close(s.owner.challenge_id)
    page = _page(live_server, s.owner_login.email, s.owner.challenge_id)
    assert "Deze uitdaging is afgesloten" in page
    assert "Er worden nu geen experts voorgesteld" not in page
    closed = page.split("Deze uitdaging is afgesloten", 1)[1].split("</p>", 1)[0]
    assert 'href="/my/challenges"' in closed and "Heropen" in closed


def test_an_organiser_reads_that_it_is_closed_without_being_told_to_reopen_it(live_server):
    s = scene(experts=3)
    _close(s.owner.challenge_id)
    organiser_member = factories.member(factories.organisation())
    organiser = factories.account(Role.organiser, organiser_member)
    page = _page(live_server, organiser.email, s.owner.challenge_id)
    assert "Deze uitdaging is afgesloten" in page and "Heropen" not in page
