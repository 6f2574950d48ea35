"""An expert's private reason for declining comes back as typed when it is refused (a control
character, U+FFFD): the requests page again, that request's form open, 400, the message at
the reason; nothing is declined."""

from __future__ import annotations

from html import unescape

from introductions import workflow
from introductions.tables import IntroductionState
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of


def _decline(client, intro: int, reason: str):
    fields = {"reason": reason, "block": "on", "next": "/introductions/requests"}
    token = factories.csrf_token(client)
    return client.post(
        f"/introductions/{intro}/decline",
        data=fields | {"_csrf_token": token},
        headers={"accept": "text/html"},
    )


def test_a_decline_reason_with_a_control_character_comes_back_in_its_form(client):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    factories.log_in(client, s.login_of_expert(intro).email)
    answer = _decline(client, intro, "Geen tijd\x07 dit kwartaal")
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Geen tijd\ufffd dit kwartaal</textarea>" in text
    assert "U+0007" in text and 'id="field-reason-error"' in text
    assert '<details class="confirm decline" open>' in text
    assert '<input type="checkbox" name="block" checked>' in text
    assert state_of(intro) == IntroductionState.requested
    again = _decline(client, intro, "Geen tijd\ufffd dit kwartaal")  # sent back as shown
    assert again.status_code == 400 and "U+FFFD (teken 10)" in unescape(again.text)
    assert state_of(intro) == IntroductionState.requested
