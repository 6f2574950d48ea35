"""A request past its time reads as expired before the worker expires it: without `kring worker`
(the demo starts none) the expert's page kept it under 'waiting for your answer', said 'De
aanvraag vervalt op' a date already gone, and offered 'Aanvaarden', which then answered the
error page 'introductie N is verlopen'. Pages and API now show it as the worker will make it.
Found from outside on the demo; over HTTP against `kring serve`."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import httpx

from introductions import workflow
from introductions.tables import Introduction, IntroductionState
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of


def _past_its_time() -> tuple[object, int]:
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    gone = utc_now() - timedelta(minutes=1)
    run(Introduction.update({Introduction.expires_at: gone}).where(Introduction.id == intro))
    return s, intro


def test_the_expert_no_longer_finds_it_waiting_for_an_answer(live_server):
    s, intro = _past_its_time()
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, s.login_of_expert(intro).email).status_code == 303
        requests = unescape(client.get("/introductions/requests").text)
        history = unescape(client.get("/introductions").text)
    assert f'id="intro-{intro}"' not in requests
    assert f"/introductions/{intro}/accept" not in requests
    assert "Er wachten geen aanvragen op je." in requests
    assert "wacht op je antwoord" not in history
    card = history.split(f'id="intro-{intro}"', 1)[1].split("</article>", 1)[0]
    assert "(vervallen)" in card and "vervalt op" not in card
    assert state_of(intro) == IntroductionState.requested  # the worker's to change


def test_the_asker_reads_it_as_expired_in_pages_and_api(live_server):
    s, intro = _past_its_time()
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, s.owner_login.email).status_code == 303
        history = unescape(client.get("/introductions").text)
    card = history.split(f'id="intro-{intro}"', 1)[1].split("</article>", 1)[0]
    assert "Deze aanvraag is verlopen" in card
    with httpx.Client(base_url=live_server, headers=s.owner_login.headers, timeout=30) as api:
        one = api.get(f"/api/introductions/{intro}").json()
        expired = api.get("/api/introductions?state=expired").json()
        requested = api.get("/api/introductions?state=requested").json()
    assert one["state"] == "expired" and one["expires_at"] is None
    assert [i["id"] for i in expired] == [intro] and requested == []
