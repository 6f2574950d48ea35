"""The owner's side of matching: a member who opted out of sharing their name cannot ask for an
introduction, so their challenges get no proposals and hold no expert's capacity."""

from __future__ import annotations

from introductions import workflow
from introductions.service import proposal_overview, rematch, rematch_stale
from introductions.store import stale_challenge_ids
from introductions.tables import Introduction, MatchingPreference, MatchingRun
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests.conftest import run
from tests.matching_db.network import (
    all_proposed_experts,
    asker,
    expert,
    principal,
    proposed_experts,
)


def _opt_out(member_id: int, active: bool = True) -> None:
    run(set_opt_out(member_id, OptOut.sharing, active, Channel.web, None))


def _proposals(owner) -> list[dict]:
    return run(proposal_overview(principal(owner.member_id), owner.challenge_id))["proposals"]


def test_the_challenge_of_an_owner_who_opted_out_gets_no_proposals():
    shy = asker()
    other = asker()
    only = expert()
    run(MatchingPreference(member=only, capacity=1).save())
    _opt_out(shy.member_id)
    run(rematch())
    assert all_proposed_experts(shy.challenge_id) == set()
    # The expert's one place goes to the member who can ask.
    assert proposed_experts(other.challenge_id) == [only]


def test_a_rerun_clears_the_proposals_of_an_owner_who_opted_out_since():
    owner = asker()
    experts = {expert(), expert()}
    run(rematch())
    assert set(proposed_experts(owner.challenge_id)) == experts
    _opt_out(owner.member_id)
    assert owner.challenge_id in run(stale_challenge_ids())
    run(rematch_stale())
    assert all_proposed_experts(owner.challenge_id) == set()
    assert run(MatchingRun.count().where(MatchingRun.challenge == owner.challenge_id)) == 0
    # Nothing left to clear: the worker does not re-match it every round.
    assert owner.challenge_id not in run(stale_challenge_ids())


def test_stored_proposals_disappear_when_read_after_the_owner_opted_out():
    owner = asker()
    expert(), expert()
    run(rematch())
    assert len(_proposals(owner)) == 2
    _opt_out(owner.member_id)
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert overview["proposals"] == []
    assert overview["shortfall"] == {"reason": "owner_not_sharing", "missing": 3}


def test_opting_in_again_brings_the_proposals_back():
    owner = asker()
    helper = expert()
    _opt_out(owner.member_id)
    run(rematch())
    assert owner.challenge_id not in run(stale_challenge_ids())
    _opt_out(owner.member_id, active=False)
    assert owner.challenge_id in run(stale_challenge_ids())
    run(rematch_stale())
    assert proposed_experts(owner.challenge_id) == [helper]
    assert len(_proposals(owner)) == 1


def test_no_alternate_is_promoted_for_an_owner_who_opted_out():
    owner = asker()
    for _ in range(4):
        expert()
    run(rematch())
    alternates = run(
        Introduction.count().where(
            (Introduction.challenge == owner.challenge_id) & Introduction.alternate.eq(True)
        )
    )
    assert alternates == 1
    first = proposed_experts(owner.challenge_id)[0]
    run(
        Introduction.delete().where(
            (Introduction.challenge == owner.challenge_id) & (Introduction.expert == first)
        )
    )
    _opt_out(owner.member_id)
    assert run(workflow.promote_alternate(owner.challenge_id)) is None
    _opt_out(owner.member_id, active=False)
    assert run(workflow.promote_alternate(owner.challenge_id)) is not None


def test_an_owner_who_paused_receiving_introductions_still_gets_proposals():
    """Pausing is about being asked, not about asking (introductions settings page)."""
    owner = asker()
    helper = expert()
    run(MatchingPreference(member=owner.member_id, paused=True).save())
    run(rematch())
    assert proposed_experts(owner.challenge_id) == [helper]
    assert len(_proposals(owner)) == 1
