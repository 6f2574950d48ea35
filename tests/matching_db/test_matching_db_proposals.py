"""Reading proposals: only the challenge's owner (or staff) sees them, and only anonymously."""

from __future__ import annotations

import json

import pytest

from introductions.service import proposal_overview, proposals_for, rematch
from introductions.tables import Block, IntroductionState, MatchingPreference
from kring.choices import RecordStatus, Role
from kring.clock import utc_now
from kring.errors import NotFound
from kring.tables import Member, Organisation
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests.conftest import run
from tests.matching_db.network import asker, challenge, expert, introduction, principal


def test_the_owner_sees_the_proposals_of_their_challenge():
    owner = asker()
    expert()
    run(rematch())
    proposals = run(proposals_for(principal(owner.member_id), owner.challenge_id))
    assert [p["rank"] for p in proposals] == [1]
    assert proposals[0]["expertise"] == ["ISO 9001 certificering en interne audits bij kmo's"]
    assert proposals[0]["organisation_kind"] == "company"
    assert proposals[0]["explanation"]["sentence_en"].startswith("Suggested because")


def test_an_organiser_sees_the_proposals_of_any_challenge():
    owner = asker()
    expert()
    run(rematch())
    assert len(run(proposals_for(principal(None, Role.organiser), owner.challenge_id))) == 1


def test_another_member_asking_for_proposals_gets_not_found():
    owner, other = asker(), asker()
    expert()
    run(rematch())
    with pytest.raises(NotFound):
        run(proposals_for(principal(other.member_id), owner.challenge_id))


def test_the_proposal_answer_holds_no_name_contact_or_organisation_name():
    owner = asker()
    proposed = expert()
    run(rematch())
    answer = json.dumps(
        run(proposal_overview(principal(owner.member_id), owner.challenge_id)), default=str
    )
    member = run(Member.select().where(Member.id == proposed).first())
    organisation = run(
        Organisation.select(Organisation.name)
        .where(Organisation.id == member["organisation"])
        .first()
    )
    for secret in (
        member["first_name"],
        member["last_name"],
        member["email"],
        member["phone"],
        member["address"],
        organisation["name"],
    ):
        assert secret not in answer
    assert '"expert"' not in answer


def test_an_expert_who_opts_out_after_the_run_is_filtered_when_read():
    owner = asker()
    shy = expert()
    stays = expert()
    run(rematch())
    run(set_opt_out(shy, OptOut.sharing, True, Channel.web, None))
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert len(overview["proposals"]) == 1
    assert overview["proposals"][0]["rank"] == 1
    assert stays != shy


def test_an_expert_who_pauses_or_blocks_after_the_run_is_filtered_when_read():
    owner = asker()
    paused, blocking = expert(), expert()
    run(rematch())
    run(MatchingPreference(member=paused, paused=True).save())
    run(Block(blocker=blocking, blocked=owner.member_id).save())
    assert run(proposals_for(principal(owner.member_id), owner.challenge_id)) == []


def test_the_shortfall_reason_is_returned_with_the_proposals():
    owner = asker()
    run(rematch())
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert overview["proposals"] == []
    assert overview["shortfall"] == {"reason": "no_eligible_expert", "missing": 3}


def test_a_never_matched_challenge_says_so():
    owner = asker()
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert (overview["computed_at"], overview["shortfall"], overview["proposals"]) == (
        None,
        {"reason": "pending", "missing": 3},
        [],
    )


def test_a_new_colleague_or_a_recent_introduction_after_the_run_is_filtered_when_read():
    owner = asker()
    colleague, met = expert(), expert()
    expert()
    run(rematch())
    assert len(run(proposals_for(principal(owner.member_id), owner.challenge_id))) == 3
    run(Member.update({Member.email: f"nieuw@{owner.domain}"}).where(Member.id == colleague))
    earlier = challenge(owner.member_id, status=RecordStatus.closed)
    introduction(earlier, met, owner.member_id, IntroductionState.completed, utc_now())
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert [p["rank"] for p in overview["proposals"]] == [1]
    assert overview["shortfall"] == {"reason": "no_eligible_expert", "missing": 2}
