"""A member who does not share their name for matching is told why their challenges get no
proposals, and where to change it; opting in or out through the privacy page takes effect at
once on the pages and through the worker's next round; a request its asker withdraws says what
follows before and after. Over HTTP, with the real worker's round."""

from __future__ import annotations

from assembly.worker import run_once
from introductions import workflow
from introductions.tables import IntroductionState
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of
from tests.matching_db.network import all_proposed_experts, challenge, proposed_experts

NOT_SHARING_NL = "Je krijgt geen voorstellen omdat je ervoor koos je naam niet te delen"
NOT_SHARING_EN = "You get no proposals because you chose not to share your name for matching"
PREPARED_NL = "De voorstellen worden voorbereid"


def _share(client, member_id: int, shares: bool):
    """The privacy page's one form, as a browser sends it: the box ticked means not sharing."""
    fields = {"choices_form": "1"} | ({} if shares else {"sharing": "on"})
    answer = factories.post_page_form(client, "/privacy/choices", **fields)
    assert answer.status_code == 200, answer.text  # followed to /privacy
    opted_out = run(Member.select(Member.opt_out_sharing).where(Member.id == member_id).first())
    assert opted_out["opt_out_sharing"] is not shares


def _pages(client, s) -> dict[str, str]:
    return {
        "proposals": client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text,
        "challenges": client.get("/introductions/challenges").text,
        "home": client.get("/").text,
    }


def test_an_owner_who_does_not_share_their_name_is_told_why_and_where_to_change_it(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    for text in _pages(client, s).values():
        assert NOT_SHARING_NL not in text
    _share(client, s.owner.member_id, False)
    for where, text in _pages(client, s).items():
        assert NOT_SHARING_NL in text, where
        assert 'href="/privacy#opt-outs"' in text, where
        assert 'class="card proposal"' not in text, where
        assert "Er worden nu geen experts voorgesteld" not in text, where
        assert PREPARED_NL not in text, where
    assert 'id="opt-outs"' in client.get("/privacy").text  # where the link leads
    client.cookies.set("kring_lang", "en")
    for where, text in _pages(client, s).items():
        assert NOT_SHARING_EN in text, where
        assert "Share your name again in your privacy settings" in text, where


def test_an_organiser_is_not_told_they_chose_it(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    _share(client, s.owner.member_id, False)
    organiser = factories.account(Role.organiser, factories.member())
    client.cookies.clear()
    factories.log_in(client, organiser.email)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert NOT_SHARING_NL not in page
    assert "Deze uitdaging krijgt geen voorstellen: het lid dat ze indiende" in page


def test_opting_out_hides_the_proposals_on_both_sides_at_once(client):
    s = scene(experts=4)
    shown = s.proposals()
    assert len(shown) == 3
    expert_id = s.expert_of(shown[0]["id"])
    factories.log_in(client, s.login_of_expert(shown[0]["id"]).email)
    _share(client, expert_id, False)  # the expert: no longer proposed, before any re-match
    assert expert_id not in [s.expert_of(p["id"]) for p in s.proposals()]
    client.cookies.clear()
    factories.log_in(client, s.owner_login.email)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert page.count('class="card proposal"') == 2
    _share(client, s.owner.member_id, False)  # the owner: none left, before any re-match
    api = client.get(
        f"/api/challenges/{s.owner.challenge_id}/proposals", headers=s.owner_login.headers
    ).json()
    assert api["proposals"] == []
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert 'class="card proposal"' not in page
    assert NOT_SHARING_NL in page


def test_opting_in_again_is_matched_by_the_worker_and_says_so_meanwhile(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    _share(client, s.owner.member_id, False)
    run(run_once())  # the worker clears the opted-out owner's proposals
    assert all_proposed_experts(s.owner.challenge_id) == set()
    _share(client, s.owner.member_id, True)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert PREPARED_NL in page and NOT_SHARING_NL not in page
    assert PREPARED_NL in client.get("/").text
    done = run(run_once())
    assert done["stale proposals"] >= 1
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert page.count('class="card proposal"') == 3
    assert PREPARED_NL not in page
    client.cookies.set("kring_lang", "en")
    run(
        Member.update({Member.opt_out_sharing: False}).where(Member.id == s.owner.member_id)
    )  # an edit of the owner after the run: due again, yet the proposals it has stay shown
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert page.count('class="card proposal"') == 3
    assert "Proposals are being prepared" not in page


def test_a_new_challenge_says_its_proposals_are_being_prepared(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    run(run_once())  # a worker runs: its next round matches what is new
    fresh = challenge(s.owner.member_id)
    page = client.get(f"/my/challenges/{fresh}/proposals").text
    assert PREPARED_NL in page
    run(run_once())
    page = client.get(f"/my/challenges/{fresh}/proposals").text
    assert PREPARED_NL not in page and 'class="card proposal"' in page


def test_withdrawing_says_what_follows_and_the_worker_keeps_to_it(client):
    s = scene(experts=4)
    first = s.proposals()[0]["id"]
    expert_id = s.expert_of(first)
    run(workflow.request_introduction(s.owner_principal, first))
    factories.log_in(client, s.owner_login.email)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert "deze expert wordt niet opnieuw voorgesteld voor deze uitdaging" in page
    assert "jullie worden 180 dagen lang" in page
    answer = factories.post_page_form(client, f"/introductions/{first}/decline")
    assert answer.status_code == 200
    assert state_of(first) == IntroductionState.declined
    later = challenge(s.owner.member_id, title="Interne audit van ons kwaliteitshandboek")
    run(run_once())
    assert expert_id not in all_proposed_experts(s.owner.challenge_id)
    assert proposed_experts(later) and expert_id not in all_proposed_experts(later)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    card = page[page.index(f'id="intro-{first}"') :]
    assert "(ingetrokken)" in card[:400] and "(afgewezen)" not in card[:400]
    assert "Je hebt deze aanvraag ingetrokken" in card
    client.cookies.set("kring_lang", "en")
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert "You withdrew this request" in page
