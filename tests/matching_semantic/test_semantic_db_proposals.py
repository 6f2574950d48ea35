"""Issue #9 through the matching service and the database: an English question that shares
no word with the Lean Six Sigma expert's record gets that expert proposed, with an
explanation saying so, and the unrelated auditor is not proposed."""

from __future__ import annotations

from introductions.service import proposals_for, rematch
from kring.choices import RecordStatus
from kring.tables import Challenge
from tests.conftest import run
from tests.matching_db.network import (
    all_proposed_experts,
    colleague_free_member,
    expert,
    expertise,
    principal,
    proposed_experts,
)

DEFECTS = "How do we reduce defects on the production line?"
LEAN = "Lean Six Sigma Black Belt: kaizen events and value stream mapping in automotive plants"


def _english_challenge(member_id: int, title: str) -> int:
    row = Challenge(
        member=member_id, title=title, body="", tags=[], language="en", status=RecordStatus.open
    )
    run(row.save())
    return row.id


def test_a_rematch_proposes_the_lean_expert_for_defects_on_meaning_alone(semantic_on):
    owner, _, _ = colleague_free_member()
    lean, _, _ = colleague_free_member()
    expertise(lean, LEAN, ("lean", "six sigma"))
    auditor = expert()  # ISO 9001 audits, in Dutch: unrelated to the question
    challenge_id = _english_challenge(owner, DEFECTS)
    run(rematch())
    assert proposed_experts(challenge_id) == [lean]
    assert auditor not in all_proposed_experts(challenge_id)
    (proposal,) = run(proposals_for(principal(owner), challenge_id))
    assert proposal["explanation"]["sentence_en"].startswith(
        "Suggested because their expertise is close in meaning"
    )


def test_without_the_model_the_same_network_gets_no_proposal(semantic_off):
    owner, _, _ = colleague_free_member()
    lean, _, _ = colleague_free_member()
    expertise(lean, LEAN, ("lean", "six sigma"))
    expert()
    challenge_id = _english_challenge(owner, DEFECTS)
    run(rematch())
    assert all_proposed_experts(challenge_id) == set()
