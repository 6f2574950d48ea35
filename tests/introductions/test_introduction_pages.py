"""The introduction pages say what is true: an opt-out, an expired request, where an accepted
introduction is, which tab is open; feedback is a choice nobody makes for you."""

from __future__ import annotations

from datetime import timedelta

from introductions import workflow
from introductions.tables import Introduction
from kring.clock import utc_now
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal


def _asked(s):
    proposal = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal))
    return proposal


def _opt_out(member_id):
    run(Member.update({Member.opt_out_sharing: True}).where(Member.id == member_id))


def test_settings_say_the_opt_out_is_on_and_link_to_privacy(client):
    s = scene(experts=3)
    login = s.expert_logins[s.experts[0]]
    factories.log_in(client, login.email)
    assert "Je kunt voorgesteld worden" in client.get("/introductions/settings").text
    _opt_out(s.experts[0])
    page = client.get("/introductions/settings").text
    assert "Je kunt voorgesteld worden" not in page
    assert "Je koos ervoor je naam niet te delen voor introducties" in page
    assert 'href="/privacy"' in page


def test_an_opted_out_expert_is_told_that_accepting_shares_their_details(client):
    s = scene(experts=3)
    intro = _asked(s)
    factories.log_in(client, s.login_of_expert(intro).email)
    assert "aanvaarden is je toestemming" not in client.get("/introductions/requests").text
    _opt_out(s.expert_of(intro))
    assert "aanvaarden is je toestemming" in client.get("/introductions/requests").text


def test_an_opted_out_member_cannot_ask_a_request_nobody_could_accept(client):
    s = scene(experts=3)
    proposal = s.proposals()[0]["id"]  # seen before the opt-out: no longer shown after it
    _opt_out(s.owner.member_id)
    assert s.proposals() == []
    answer = client.post(
        "/api/introductions", json={"proposal_id": proposal}, headers=s.owner_login.headers
    )
    assert answer.status_code == 409 and "privacy settings" in answer.json()["errors"][0]["message"]


def test_accepting_leads_to_the_introduction_with_the_contact_details(client):
    s = scene(experts=3)
    intro = _asked(s)
    factories.log_in(client, s.login_of_expert(intro).email)
    answer = client.post(
        f"/introductions/{intro}/accept",
        data={"next": "/introductions/requests", "_csrf_token": factories.csrf_token(client)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/introductions#intro-{intro}"
    page = client.get("/introductions").text
    assert f'id="intro-{intro}"' in page and "contact-name" in page
    run(workflow.complete(principal(s.expert_of(intro)), intro))  # feedback follows the meeting
    page = client.get("/introductions").text
    assert '<select name="outcome" required>' in page
    assert '<option value="">Kies…</option>' in page


def test_the_open_tab_of_the_introductions_is_marked(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    for path in ("/introductions", "/introductions/requests", "/introductions/settings"):
        page = client.get(path).text
        assert f'<a href="{path}" aria-current="page">' in page
        subnav = page.split('<nav class="subnav"', 1)[1].split("</nav>", 1)[0]
        assert subnav.count('aria-current="page"') == 1


def test_an_expired_request_says_so_and_offers_to_ask_again(client):
    s = scene(experts=3)
    intro = _asked(s)
    run(
        Introduction.update({Introduction.expires_at: utc_now() - timedelta(minutes=1)}).where(
            Introduction.id == intro
        )
    )
    run(workflow.expire_due())
    factories.log_in(client, s.owner_login.email)
    page = client.get("/introductions").text
    assert "Deze aanvraag is verlopen" in page
    assert f'href="/my/challenges/{s.owner.challenge_id}/proposals"' in page
