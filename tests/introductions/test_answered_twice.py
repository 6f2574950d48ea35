"""An answer sent twice (a double click on 'Aanvaarden' or 'Ja, weigeren', a form sent again
after going back) says what the first one did: the second click showed an error page 'Niet
mogelijk … heeft status aanvaard', as if the answer had failed, while it had been stored. An
answer that differs from the stored one is still refused. Found from outside on the demo; over
HTTP against `kring serve`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

import httpx

from introductions import workflow
from introductions.tables import IntroductionState
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of
from tests.matching_db.network import principal


@contextmanager
def _browser(live_server: str, email: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, email).status_code == 303
        yield client


def _send(client: httpx.Client, path: str, **fields: str) -> httpx.Response:
    return client.post(
        path,
        data={"_csrf_token": factories.csrf_token(client), **fields},
        headers={"accept": "text/html"},
    )


def _twice(client: httpx.Client, path: str, **fields: str) -> list[httpx.Response]:
    return [_send(client, path, **fields) for _ in range(2)]


def _said(client: httpx.Client, answer: httpx.Response) -> str:
    assert answer.status_code == 303, answer.text
    return unescape(client.get(answer.headers["location"]).text)


def _asked(s) -> int:
    proposal = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal))
    return proposal


def test_accepting_twice_says_accepted_twice(live_server):
    s = scene(experts=3)
    intro = _asked(s)
    with _browser(live_server, s.login_of_expert(intro).email) as client:
        first, second = _twice(client, f"/introductions/{intro}/accept")
        assert first.headers["location"] == second.headers["location"]
        assert "Aanvaard: jullie zien nu elkaars contactgegevens." in _said(client, second)
    assert state_of(intro) == IntroductionState.accepted


def test_declining_twice_says_declined_twice_and_keeps_the_first_reason(live_server):
    s = scene(experts=3)
    intro = _asked(s)
    with _browser(live_server, s.login_of_expert(intro).email) as client:
        path = f"/introductions/{intro}/decline"
        first = _send(client, path, reason="Geen tijd", next="/introductions/requests")
        second = _send(client, path, reason="Nog steeds niet", next="/introductions/requests")
        assert first.headers["location"] == second.headers["location"]
        assert "Het andere lid krijgt je reden niet te zien" in _said(client, second)
        view = run(workflow.get_introduction(principal(s.expert_of(intro)), intro))
    assert view["state"] == IntroductionState.declined and view["decline_reason"] == "Geen tijd"


def test_withdrawing_twice_says_withdrawn_twice(live_server):
    s = scene(experts=3)
    intro = _asked(s)
    with _browser(live_server, s.owner_login.email) as client:
        _, second = _twice(client, f"/introductions/{intro}/decline")
        assert "de expert ziet je aanvraag niet meer" in _said(client, second)


def test_marking_done_and_giving_feedback_twice_say_it_twice(live_server):
    s = scene(experts=3)
    intro = _asked(s)
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    with _browser(live_server, s.owner_login.email) as client:
        _, second = _twice(client, f"/introductions/{intro}/complete")
        assert (
            "Genoteerd: jullie hebben elkaar ontmoet. Hoe ging het? Laat het hieronder weten."
            in _said(client, second)
        )
        _, second = _twice(client, f"/introductions/{intro}/feedback", outcome="useful")
        assert "Bedankt voor je feedback" in _said(client, second)
        other = _send(client, f"/introductions/{intro}/feedback", outcome="not_useful")
        assert other.status_code == 409  # another verdict than the one given: still refused


def test_accepting_after_declining_is_still_refused(live_server):
    s = scene(experts=3)
    intro = _asked(s)
    with _browser(live_server, s.login_of_expert(intro).email) as client:
        assert _send(client, f"/introductions/{intro}/decline").status_code == 303
        refused = _send(client, f"/introductions/{intro}/accept")
        assert refused.status_code == 409
        assert "geweigerd" in unescape(refused.text)
