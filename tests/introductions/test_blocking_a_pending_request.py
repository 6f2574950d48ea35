"""Blocking the expert of one's own pending request withdraws the request too, for good (stored
as the asker's decline), and the pages now say so: the question promised 'you can undo this in
your introduction settings', which lifts the block but never brings the request back, and the
answer said only 'Geblokkeerd'. Found from outside on the demo; over HTTP against `kring
serve`."""

from __future__ import annotations

from html import unescape

import httpx

from introductions import workflow
from introductions.tables import IntroductionState
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of
from tests.matching_db.network import principal


def _block_question(page: str, intro: int) -> str:
    card = page.split(f'id="intro-{intro}"', 1)[1].split("</article>", 1)[0]
    step = card.split(f'action="/introductions/{intro}/block"', 1)[1]
    return step.split("</form>", 1)[0]


def test_blocking_from_a_pending_request_says_it_withdraws_the_request(live_server):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, s.owner_login.email).status_code == 303
        question = _block_question(unescape(client.get("/introductions").text), intro)
        assert "Je aanvraag wordt ook ingetrokken" in question
        answer = client.post(
            f"/introductions/{intro}/block",
            data={"_csrf_token": factories.csrf_token(client), "next": "/introductions"},
            headers={"accept": "text/html"},
        )
        assert answer.status_code == 303
        said = unescape(client.get(answer.headers["location"]).text)
    assert "je aanvraag is ingetrokken" in said
    assert state_of(intro) == IntroductionState.declined


def test_blocking_after_an_introduction_does_not_speak_of_a_request(live_server):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, s.owner_login.email).status_code == 303
        question = _block_question(unescape(client.get("/introductions").text), intro)
        assert "ingetrokken" not in question and "instellingen voor introducties" in question
        answer = client.post(
            f"/introductions/{intro}/block",
            data={"_csrf_token": factories.csrf_token(client), "next": "/introductions"},
            headers={"accept": "text/html"},
        )
        said = unescape(client.get(answer.headers["location"]).text)
    assert "Geblokkeerd: jullie worden elkaar niet meer voorgesteld." in said
    assert state_of(intro) == IntroductionState.accepted


def test_an_expert_blocking_from_a_withdrawn_request_hears_it_was_withdrawn(live_server):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    run(workflow.decline(s.owner_principal, intro))  # the asker withdraws it
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, s.login_of_expert(intro).email).status_code == 303
        answer = client.post(  # from a page opened before the withdrawal
            f"/introductions/{intro}/block",
            data={"_csrf_token": factories.csrf_token(client), "next": "/introductions"},
            headers={"accept": "text/html"},
        )
    assert answer.status_code == 409
    assert "ingetrokken" in unescape(answer.text)
