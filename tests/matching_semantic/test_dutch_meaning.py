"""Issue #18 through the matching service and the database, with the default model
(multilingual-e5-small): a Dutch question that shares no word and no tag with the English
record of the food-safety expert gets her proposed, with an explanation saying it is close in
meaning; without the model she is not found. The pool is the bilingual hand set's experts
(their English records), so the challenge's level is that of a real network; with the hand
set's Dutch questions open too, the challenge is centred on the network's query bank, and
she is still found."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from events import registration
from events.who_to_meet import suggestions
from introductions.query_bank_store import load_query_bank
from introductions.service import compute, encode_inputs, primed_embeddings, proposals_for, rematch
from introductions.store import load_inputs
from introductions.tables import Embedding, QueryBankMean
from kring.choices import RecordStatus, Role
from kring.tables import Challenge, Expertise
from matching.engine import Engine
from matching.semantic import QUERY_KEY, enabled, text_hash
from matching.semantic_scoring import QUERY_BANK_MIN
from matching.text import LANGUAGES
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
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


def _dutch_questions() -> list[str]:
    """The hand set's Dutch questions, each an open challenge of a member of their own: enough
    Dutch questions (at least ``QUERY_BANK_MIN``) for a Dutch challenge to be centred."""
    texts = []
    for entry in json.loads(HAND_SET.read_text())["challenges"]:
        owner, _, _ = colleague_free_member()
        title, body = _split(entry["nl"])
        row = Challenge(
            member=owner,
            title=title,
            body=body,
            tags=entry["tags"],
            language="nl",
            status=RecordStatus.open,
        )
        run(row.save())
        texts.append(f"{title}\n{body}")
    assert len(texts) >= QUERY_BANK_MIN
    return texts


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
    embeddings, _ = run(primed_embeddings())
    assert run(load_query_bank(embeddings.version)) is None  # one question: no bank
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


def _score(outcome, challenge_id: int, expert: int) -> float:
    (score,) = [
        p.score
        for p in outcome.proposals.proposals
        if p.challenge_id == str(challenge_id) and p.expert_id == str(expert)
    ]
    return score


def _graded(challenge: str) -> dict[str, int]:
    """The hand set's grades of the experts for one of its challenges (2 best, 1 related)."""
    (entry,) = [c for c in json.loads(HAND_SET.read_text())["challenges"] if c["id"] == challenge]
    return entry["gains"]


def test_centred_on_the_networks_questions_a_relevant_expert_is_found_on_meaning_alone(
    default_model,
):
    """A run of one challenge centres it on every open question of the network (the query
    bank, ``Engine.fit_query_bank``): the questions' vectors are stored as queries, so the next
    run encodes none of them, and the proposal's score is the centred one. Centred, the IFS and
    BRCGS auditor (graded related) edges past the food-safety manager (graded best): one of
    the challenges the bank orders worse (README); the proposal is still relevant and found
    on meaning alone."""
    experts = _english_network()
    questions = _dutch_questions()
    owner, _, _ = colleague_free_member()
    challenge_id = _dutch_challenge(owner)
    run(rematch([challenge_id]))
    relevant = {experts[name] for name in _graded("biscuits-safe-to-eat")}
    proposed = proposed_experts(challenge_id)
    assert proposed and proposed[0] in relevant
    (first, *_) = run(proposals_for(principal(owner), challenge_id))
    assert "inhoudelijk" in first["explanation"]["sentence_nl"]

    stored = {row["text_hash"] for row in run(Embedding.select(Embedding.text_hash))}
    assert {text_hash(QUERY_KEY + text) for text in questions} <= stored
    inputs = run(load_inputs(date.today(), [challenge_id]))
    assert len(inputs.questions) == len(questions) + 1
    embeddings, _ = run(primed_embeddings())
    assert encode_inputs(inputs, embeddings, None) == 0
    centred = _score(compute(inputs, embeddings), challenge_id, proposed[0])
    unbanked = dataclasses.replace(inputs, questions=[])
    raw = _score(compute(unbanked, embeddings), challenge_id, proposed[0])
    assert centred != pytest.approx(raw, abs=1e-4)


def test_who_to_meet_centres_the_question_on_the_last_runs_bank(default_model):
    """The re-match stores its bank (per language ν and how many questions it is the mean
    of); "who to meet" at an event centres the viewer's question on it, so attendees are
    scored as the proposals score them."""
    experts = _english_network()
    questions = _dutch_questions()
    owner, _, _ = colleague_free_member()
    challenge_id = _dutch_challenge(owner)
    run(rematch([challenge_id]))
    embeddings, _ = run(primed_embeddings())
    stored = run(load_query_bank(embeddings.version))
    inputs = run(load_inputs(date.today(), [challenge_id]))
    fitted = compute(inputs, embeddings).query_bank
    assert stored is not None and fitted is not None
    dutch = LANGUAGES.index("nl")
    assert stored.counts[dutch] == len(questions) + 1
    np.testing.assert_allclose(stored.means, fitted.means, atol=1e-12)

    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=50, list_visibility="participants")
    attendees = [owner, experts["karen"], experts["fien"], experts["bart"]]
    for member_id in attendees:
        run(registration.register(event_id, member_id=member_id))
    centred = {s.participant.last_name: s.score for s in run(suggestions(event_id, owner))}
    run(QueryBankMean.delete().where(QueryBankMean.model == embeddings.version))
    raw = {s.participant.last_name: s.score for s in run(suggestions(event_id, owner))}
    assert centred.keys() == raw.keys() and centred
    assert any(abs(centred[name] - raw[name]) > 1e-4 for name in centred)

    records = [r for r in inputs.records if r.member_id in {str(m) for m in attendees[1:]}]
    engine = Engine(records, embeddings=embeddings)
    engine.fit_query_bank([text for _, text in inputs.questions])
    (asked,) = [c for c in inputs.challenges if c.challenge_id == str(challenge_id)]
    expected = sorted(
        (round(h.score, 6) for h in engine.top_k(asked.text, asked.tags, language="nl")),
        reverse=True,
    )
    assert sorted((round(v, 6) for v in centred.values()), reverse=True) == expected[: len(centred)]
