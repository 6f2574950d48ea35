"""Closing a challenge asks first: it withdraws the requests that still wait for an expert's
answer, for good (reopening the challenge does not bring them back, and those experts are not
proposed for it again), and the button did it at the first click. Found from outside on the
demo; over HTTP against `kring serve`. Closing expertise asks too: it takes the expertise out of
every proposal to come, which is easy to miss, and it was done at one click with only
'Afgesloten.' after; the banner now says what closing did."""

from __future__ import annotations

import re
from html import unescape

import httpx

from kring.choices import Role
from tests import factories
from tests.matching_db.network import challenge, expertise


def _close_form(page: str, kind: str, record_id: int) -> tuple[str, str]:
    """The text before the closing form of one record (within its card) and the form."""
    card = page.split(f'data-record-id="{record_id}"', 1)[1].split("</li>", 1)[0]
    action = f'action="/my/{kind}/{record_id}/status"'
    before, form = card.split(action, 1)
    return before, form.split("</form>", 1)[0]


def test_closing_a_challenge_asks_first_and_says_what_it_withdraws(live_server):
    login = factories.account(Role.member)
    challenge_id = challenge(login.member_id)
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, login.email).status_code == 303
        page = unescape(client.get("/my/challenges").text)
    before, form = _close_form(page, "challenges", challenge_id)
    question = re.search(
        r'<details class="confirm[^"]*" id="close-\d+">(?:(?!</details>).)*$', before, re.S
    )
    assert question is not None, "the closing form is not behind a question"
    assert "<summary" in question.group(0) and "Afsluiten" in question.group(0)
    assert "ingetrokken" in form and "Ja, afsluiten" in form
    assert 'name="status" value="closed"' in form


def test_closing_expertise_asks_first_and_says_what_it_did(live_server):
    login = factories.account(Role.member)
    expertise_id = expertise(login.member_id)
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, login.email).status_code == 303
        page = unescape(client.get("/my/expertise").text)
        before, form = _close_form(page, "expertise", expertise_id)
        question = re.search(
            r'<details class="confirm[^"]*" id="close-\d+">(?:(?!</details>).)*$', before, re.S
        )
        assert question is not None, "the closing form is not behind a question"
        assert "<summary" in question.group(0) and "Afsluiten" in question.group(0)
        assert "niet meer voorgesteld" in form and "Ja, afsluiten" in form
        assert 'name="status" value="closed"' in form
        token = re.search(r'name="_csrf_token" value="([^"]+)"', form).group(1)
        closed = client.post(
            f"/my/expertise/{expertise_id}/status",
            data={"status": "closed", "_csrf_token": token},
            follow_redirects=True,
        )
    assert closed.status_code == 200
    banner = re.search(r'id="flash"[^>]*>([^<]+)<', unescape(closed.text))
    assert banner is not None
    assert banner.group(1).strip() == (
        "Je expertise is afgesloten: ze wordt niet meer aan leden voorgesteld. "
        "Je kunt ze altijd heropenen."
    )
