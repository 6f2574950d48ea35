"""'Deblokkeren' sent twice (a double click, a form sent again after going back) says the person
is no longer blocked: the second click answered 404 Niet gevonden, as if the unblocking had
failed, while the first had done it. Someone else's block, or an id of none, gets that same
answer and stays as it was. Over HTTP against `kring serve`."""

from __future__ import annotations

from html import unescape

from introductions import workflow
from introductions.tables import Block
from tests import factories
from tests.conftest import run
from tests.events.helpers import signed_in_browser
from tests.introductions.helpers import scene
from tests.matching_db.network import principal


def _unblock(browser, block_id: int):
    return browser.post(
        f"/introductions/settings/blocks/{block_id}/remove",
        data={"_csrf_token": factories.csrf_token(browser)},
    )


def _flash(browser, answer) -> str:
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/introductions/settings"
    page = unescape(browser.get(answer.headers["location"]).text)
    return page[page.index('id="flash"') :][:300]


def test_unblocking_twice_says_no_longer_blocked(live_server):
    s = scene(experts=3)
    proposal = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal))
    expert = s.login_of_expert(proposal)
    run(workflow.block_member(principal(s.expert_of(proposal)), proposal))
    block = run(Block.select(Block.id).first())["id"]
    with signed_in_browser(live_server, expert.email) as browser:
        assert "Gedeblokkeerd." in _flash(browser, _unblock(browser, block))
        assert "Deze persoon is niet meer geblokkeerd." in _flash(browser, _unblock(browser, block))
    assert run(Block.count()) == 0


def test_someone_elses_block_stays_and_the_answer_tells_nothing(live_server):
    s = scene(experts=3)
    proposal = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal))
    run(workflow.block_member(principal(s.expert_of(proposal)), proposal))
    block = run(Block.select(Block.id).first())["id"]
    with signed_in_browser(live_server, s.owner_login.email) as browser:
        theirs = _flash(browser, _unblock(browser, block))
        none = _flash(browser, _unblock(browser, block + 100_000))
    assert theirs == none
    assert run(Block.count()) == 1
