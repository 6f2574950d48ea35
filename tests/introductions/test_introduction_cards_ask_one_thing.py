"""An accepted introduction's card showed two primary buttons, 'We hebben elkaar ontmoet' and
'Feedback versturen', and asked 'Hoe ging het?' the moment the expert said yes, before the two
could have met. The card asks one thing at a time: 'We hebben elkaar ontmoet' while the
introduction is fresh; how it went once one of the two says they met (completed), or two weeks
after both said yes (`workflow.FEEDBACK_AFTER_DAYS`)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from introductions import workflow
from introductions.tables import Introduction
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal

HTML = {"accept": "text/html"}


def _accepted(s) -> int:
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    return intro


def _card(page: str, intro: int) -> str:
    start = page.index(f'id="intro-{intro}"')
    return page[start : page.index("</article>", start)]


def _primary_buttons(card: str) -> list[str]:
    """The card's buttons in the accent colour: a plain submit button, not one of a confirm
    step (its first button is an outlined summary, its second the question's own answer)."""
    outside_questions = re.sub(r"<details.*?</details>", "", card, flags=re.S)
    return [
        unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for attributes, text in re.findall(r"<button([^>]*)>(.*?)</button>", outside_questions)
        if "class=" not in attributes
    ]


def _introductions_card(client, login, intro: int) -> str:
    factories.log_in(client, login.email)
    return _card(client.get("/introductions", headers=HTML).text, intro)


def test_a_fresh_introduction_asks_only_whether_they_met(client):
    s = scene(experts=3)
    intro = _accepted(s)
    for login in (s.owner_login, s.login_of_expert(intro)):
        card = _introductions_card(client, login, intro)
        assert "contact-name" in card
        assert _primary_buttons(card) == ["We hebben elkaar ontmoet"]
        assert "Hoe ging het?" not in card and 'name="outcome"' not in card


def test_once_one_of_them_says_they_met_both_are_asked_how_it_went(client):
    s = scene(experts=3)
    intro = _accepted(s)
    run(workflow.complete(s.owner_principal, intro))
    for login in (s.owner_login, s.login_of_expert(intro)):
        card = _introductions_card(client, login, intro)
        assert _primary_buttons(card) == ["Feedback versturen"]
        assert "Hoe ging het?" in card
        assert '<option value="">Kies…</option>' in card  # nobody chooses for them


def test_two_weeks_after_both_said_yes_the_card_asks_how_it_went(client):
    s = scene(experts=3)
    intro = _accepted(s)
    almost = utc_now() - timedelta(days=workflow.FEEDBACK_AFTER_DAYS) + timedelta(hours=1)
    run(Introduction.update({Introduction.decided_at: almost}).where(Introduction.id == intro))
    assert _primary_buttons(_introductions_card(client, s.owner_login, intro)) == [
        "We hebben elkaar ontmoet"
    ]
    past = utc_now() - timedelta(days=workflow.FEEDBACK_AFTER_DAYS, hours=1)
    run(Introduction.update({Introduction.decided_at: past}).where(Introduction.id == intro))
    card = _introductions_card(client, s.owner_login, intro)
    assert _primary_buttons(card) == ["Feedback versturen"]
    assert "Hoe ging het?" in card and "elkaar ontmoet" not in card


def test_feedback_given_is_said_and_not_asked_again(client):
    s = scene(experts=3)
    intro = _accepted(s)
    run(workflow.give_feedback(s.owner_principal, intro, workflow.Feedback.useful))
    card = _introductions_card(client, s.owner_login, intro)
    assert "Jouw feedback: nuttig" in card
    assert _primary_buttons(card) == [] and "Hoe ging het?" not in card
