"""Re-runs replace only the engine's own rows, say why a challenge got nothing, and stay
consistent when two run at once; the worker job re-matches what is stale."""

from __future__ import annotations

import asyncio
from collections import Counter

from introductions.service import rematch, rematch_stale
from introductions.tables import Introduction, IntroductionState, MatchingRun
from kring.tables import Expertise
from tests.conftest import run
from tests.matching_db.network import asker, expert, proposed_experts


def _rows(challenge_id: int) -> list[dict]:
    return run(
        Introduction.select(Introduction.id, Introduction.expert, Introduction.state).where(
            Introduction.challenge == challenge_id
        )
    )


def test_a_rerun_keeps_requested_and_accepted_introductions_and_replaces_proposed_rows():
    owner = asker()
    experts = [expert(), expert(), expert(), expert()]
    run(rematch())
    first = {row["expert"]: row for row in _rows(owner.challenge_id)}
    requested, accepted = proposed_experts(owner.challenge_id)[:2]
    for member, state in ((requested, IntroductionState.requested), (accepted, "accepted")):
        run(
            Introduction.update({Introduction.state: state}).where(
                Introduction.id == first[member]["id"]
            )
        )
    run(rematch())
    second = _rows(owner.challenge_id)
    kept = {row["expert"]: row for row in second if row["state"] != "proposed"}
    assert {m: (r["id"], r["state"]) for m, r in kept.items()} == {
        requested: (first[requested]["id"], "requested"),
        accepted: (first[accepted]["id"], "accepted"),
    }
    fresh = [row for row in second if row["state"] == "proposed"]
    assert sorted(row["expert"] for row in fresh) == sorted(set(experts) - {requested, accepted})


def test_a_rerun_never_proposes_a_declined_expert_again():
    owner = asker()
    declined = expert()
    run(rematch())
    run(
        Introduction.update({Introduction.state: IntroductionState.declined}).where(
            (Introduction.challenge == owner.challenge_id) & (Introduction.expert == declined)
        )
    )
    run(rematch())
    assert proposed_experts(owner.challenge_id) == []


def test_a_challenge_without_eligible_experts_stores_its_shortfall_reason():
    owner = asker()
    run(rematch())
    stored = run(MatchingRun.select().where(MatchingRun.challenge == owner.challenge_id).first())
    assert (stored["shortfall_reason"], stored["missing"]) == ("no_eligible_expert", 3)


def test_two_concurrent_runs_leave_one_consistent_set_of_proposals():
    owners = [asker(), asker()]
    experts = {expert(), expert(), expert()}

    async def twice() -> None:
        await asyncio.gather(rematch(), rematch())

    run(twice())
    for owner in owners:
        pairs = Counter(proposed_experts(owner.challenge_id))
        assert set(pairs) <= experts
        assert max(pairs.values()) == 1
        assert len(pairs) == 3
    runs = run(MatchingRun.count())
    assert runs == 2


def test_the_worker_job_matches_never_matched_challenges_once():
    owner = asker()
    expert()
    assert run(rematch_stale()) == 1
    assert proposed_experts(owner.challenge_id) != []
    assert run(rematch_stale()) == 0


def test_the_worker_job_rematches_after_expertise_changes():
    owner = asker()
    first = expert()
    run(rematch_stale())
    run(
        Expertise.update({Expertise.title: "Boekhouding", Expertise.tags: ["fiscaliteit"]}).where(
            Expertise.member == first
        )
    )
    assert run(rematch_stale()) == 1
    assert proposed_experts(owner.challenge_id) == []
