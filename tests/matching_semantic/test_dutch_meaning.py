"""Issue #18 through the matching service and the database, with the default model
(multilingual-e5-small): a Dutch question that shares no word and no tag with the English
record of the food-safety expert gets her proposed, with an explanation saying it is close in
meaning; without the model she is not found. The pool is the bilingual hand set's experts
(their English records), so the challenge's level is that of a real network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from introductions.service import proposals_for, rematch
from kring.choices import RecordStatus
from kring.tables import Challenge, Expertise
from matching.semantic import enabled
from tests.conftest import run
from tests.matching_db.network import (
    all_proposed_experts,
    colleague_free_member,
    principal,
    proposed_experts,
)

HAND_SET = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "quality_hand_set.json"
BISCUITS = (
    "Een grote supermarktketen wil onze koekjes verkopen, maar eist dat we aantonen dat ze "
    "veilig zijn om te eten."
)


@pytest.fixture
def default_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    monkeypatch.delenv("KRING_SEMANTIC_MODEL", raising=False)
    if not enabled():
        pytest.skip("the semantic extra is not installed (make install installs it)")


def _english_network() -> dict[str, int]:
    """Every hand-set expert as a member of their own organisation with English records."""
    members = {}
    for entry in json.loads(HAND_SET.read_text())["experts"]:
        member_id, _, _ = colleague_free_member()
        members[entry["id"]] = member_id
        for record in entry["records"]:
            title, body = _split(record["en"])
            row = Expertise(
                member=member_id, title=title, body=body, tags=record["tags"], language="en"
            )
            run(row.save())
    return members


def _split(text: str, limit: int = 60) -> tuple[str, str]:
    """A record's text as a title of whole words within the column's 60 characters and a body."""
    words = text.split()
    title: list[str] = []
    while words and len(" ".join([*title, words[0]])) <= limit:
        title.append(words.pop(0))
    return " ".join(title), " ".join(words)


def _dutch_challenge(member_id: int) -> int:
    row = Challenge(
        member=member_id,
        title="Onze koekjes in de supermarkt",
        body=BISCUITS,
        tags=[],
        language="nl",
        status=RecordStatus.open,
    )
    run(row.save())
    return row.id


def test_a_dutch_question_gets_the_english_food_safety_expert_on_meaning_alone(default_model):
    experts = _english_network()
    owner, _, _ = colleague_free_member()
    challenge_id = _dutch_challenge(owner)
    report = run(rematch())
    assert report.challenges >= 1
    proposed = proposed_experts(challenge_id)
    assert proposed[0] == experts["karen"]
    (first, *_) = run(proposals_for(principal(owner), challenge_id))
    assert first["explanation"]["sentence_nl"].startswith("Voorgesteld omdat de expertise")
    assert "inhoudelijk" in first["explanation"]["sentence_nl"]


def test_without_the_model_the_dutch_question_misses_her(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KRING_SEMANTIC", "off")
    experts = _english_network()
    owner, _, _ = colleague_free_member()
    challenge_id = _dutch_challenge(owner)
    run(rematch())
    assert experts["karen"] not in all_proposed_experts(challenge_id)
