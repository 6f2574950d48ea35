"""Asking the same expert again for the same challenge: after an expired request (nobody said
no) the expert is proposed again and may be asked; a pending request is never asked twice and a
declined pair stays apart. Over HTTP, with the worker's jobs."""

from __future__ import annotations

from datetime import timedelta

from introductions import workflow
from introductions.service import rematch, rematch_stale
from introductions.tables import Introduction, IntroductionState
from kring.clock import utc_now
from tests.conftest import run
from tests.introductions.helpers import scene, state_of
from tests.matching_db.network import all_proposed_experts, principal


def _ask(client, s, proposal_id: int):
    return client.post(
        "/api/introductions", json={"proposal_id": proposal_id}, headers=s.owner_login.headers
    )


def _proposal_of(s, expert_id: int) -> int | None:
    row = run(
        Introduction.select(Introduction.id)
        .where(
            (Introduction.challenge == s.owner.challenge_id)
            & (Introduction.expert == expert_id)
            & (Introduction.state == IntroductionState.proposed)
        )
        .first()
    )
    return None if row is None else row["id"]


def test_an_expired_request_can_be_asked_again_from_the_proposals(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    expert_id = s.expert_of(first)
    assert _ask(client, s, first).status_code == 201
    run(
        Introduction.update({Introduction.expires_at: utc_now() - timedelta(minutes=1)}).where(
            Introduction.id == first
        )
    )
    assert run(workflow.expire_due()) == 1
    assert run(rematch_stale()) >= 1
    again = _proposal_of(s, expert_id)
    assert again is not None and again != first
    assert again in [p["id"] for p in s.proposals()]
    answer = _ask(client, s, again)
    assert answer.status_code == 201, answer.text
    assert state_of(again) == IntroductionState.requested
    assert state_of(first) == IntroductionState.expired
    waiting = run(
        workflow.list_introductions(principal(expert_id), state=IntroductionState.requested)
    )
    assert [w["id"] for w in waiting] == [again]


def test_a_pending_request_is_not_proposed_or_asked_twice(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    expert_id = s.expert_of(first)
    assert _ask(client, s, first).status_code == 201
    run(rematch())
    assert expert_id not in all_proposed_experts(s.owner.challenge_id)
    assert _ask(client, s, first).status_code == 409


def test_a_declined_expert_is_not_proposed_again_for_the_challenge(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    expert_id = s.expert_of(first)
    assert _ask(client, s, first).status_code == 201
    run(workflow.decline(principal(expert_id), first, "Geen tijd."))
    run(rematch())
    assert expert_id not in all_proposed_experts(s.owner.challenge_id)
