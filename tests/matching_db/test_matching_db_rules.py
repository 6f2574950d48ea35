"""Re-matching from the database honours every hard rule of the engine."""

from __future__ import annotations

from datetime import timedelta

from introductions.service import rematch
from introductions.tables import Block, IntroductionState, MatchingPreference
from kring.choices import MemberStatus, RecordStatus
from kring.clock import utc_now
from kring.tables import Challenge, Member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.matching_db.network import (
    all_proposed_experts,
    asker,
    challenge,
    expert,
    expertise,
    introduction,
    proposed_experts,
)


def test_proposals_are_stored_for_a_challenge():
    owner = asker()
    experts = {expert(), expert()}
    report = run(rematch())
    assert set(proposed_experts(owner.challenge_id)) == experts
    assert report.challenges == 1
    assert report.proposals == 2


def test_a_colleague_of_the_same_organisation_is_never_proposed():
    owner = asker()
    colleague = factories.member(owner.organisation_id, email="collega@elders.be")
    expertise(colleague)
    outsider = expert()
    run(rematch())
    assert colleague not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_colleague_recognised_by_email_domain_is_never_proposed():
    owner = asker()
    colleague = expert(email=f"collega@{owner.domain}")
    outsider = expert()
    run(rematch())
    assert colleague not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_member_who_opted_out_of_sharing_is_never_proposed():
    owner = asker()
    shy = expert()
    run(set_opt_out(shy, OptOut.sharing, True, Channel.web, None))
    outsider = expert()
    run(rematch())
    assert shy not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_paused_member_is_never_proposed():
    owner = asker()
    paused = expert()
    run(Member.update({Member.status: MemberStatus.paused}).where(Member.id == paused))
    outsider = expert()
    run(rematch())
    assert paused not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_member_who_paused_receiving_introductions_is_never_proposed():
    owner = asker()
    paused = expert()
    run(MatchingPreference(member=paused, paused=True).save())
    outsider = expert()
    run(rematch())
    assert paused not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_an_expert_the_owner_blocked_is_never_proposed():
    owner = asker()
    blocked = expert()
    run(Block(blocker=owner.member_id, blocked=blocked, created_at=utc_now()).save())
    outsider = expert()
    run(rematch())
    assert blocked not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_an_expert_who_blocked_the_owner_is_never_proposed():
    owner = asker()
    blocking = expert()
    run(Block(blocker=blocking, blocked=owner.member_id, created_at=utc_now()).save())
    outsider = expert()
    run(rematch())
    assert blocking not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_pair_introduced_within_the_cooldown_is_not_proposed_again():
    owner = asker()
    met = expert()
    earlier = challenge(owner.member_id, status=RecordStatus.closed)
    month_ago = utc_now() - timedelta(days=30)
    introduction(earlier, met, owner.member_id, IntroductionState.completed, month_ago)
    outsider = expert()
    run(rematch())
    assert met not in all_proposed_experts(owner.challenge_id)
    assert proposed_experts(owner.challenge_id) == [outsider]


def test_a_pair_introduced_before_the_cooldown_may_be_proposed_again():
    owner = asker()
    met = expert()
    earlier = challenge(owner.member_id, status=RecordStatus.closed)
    long_ago = utc_now() - timedelta(days=200)
    introduction(earlier, met, owner.member_id, IntroductionState.completed, long_ago)
    run(rematch())
    assert proposed_experts(owner.challenge_id) == [met]


def test_a_closed_challenge_gets_no_proposals():
    owner = asker()
    expert()
    run(
        Challenge.update({Challenge.status: RecordStatus.closed}).where(
            Challenge.id == owner.challenge_id
        )
    )
    report = run(rematch([owner.challenge_id]))
    assert all_proposed_experts(owner.challenge_id) == set()
    assert report.proposals == 0


def test_closing_a_challenge_clears_its_proposals_on_the_next_run():
    owner = asker()
    expert()
    run(rematch())
    run(
        Challenge.update({Challenge.status: RecordStatus.closed}).where(
            Challenge.id == owner.challenge_id
        )
    )
    run(rematch())
    assert all_proposed_experts(owner.challenge_id) == set()


def test_an_experts_capacity_holds_across_challenges():
    first, second = asker(), asker()
    busy = expert()
    run(MatchingPreference(member=busy, capacity=1).save())
    run(rematch())
    assert len(proposed_experts(first.challenge_id) + proposed_experts(second.challenge_id)) == 1


def test_open_introductions_use_capacity():
    owner, other = asker(), asker()
    busy = expert()
    run(MatchingPreference(member=busy, capacity=1).save())
    introduction(other.challenge_id, busy, other.member_id, IntroductionState.accepted)
    run(rematch([owner.challenge_id]))
    assert proposed_experts(owner.challenge_id) == []
