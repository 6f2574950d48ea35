"""The blockwise shortlist (bounds, pruning, eligibility masks) equals scoring every member
with ``Engine.top_k`` and checking ``violations`` on the hits, on a generated network where
every eligibility rule occurs, with and without stored sentence vectors."""

from __future__ import annotations

import importlib.util
import random
from datetime import date, timedelta

import numpy as np
import pytest

from benchmarks.synthetic_network import generate, open_challenge
from matching import (
    Challenge,
    EligibilityFacts,
    Engine,
    EngineConfig,
    ExpertiseRecord,
    MemberFacts,
    semantic_values,
)
from matching.assignment import shortlist, shortlist_by_top_k
from matching.candidates import CandidateIndex
from matching.eligibility import OrganisationFacts, pair
from matching.semantic import (
    DIMENSIONS,
    MODEL_PACKAGE,
    QUERY_KEY,
    Embeddings,
    load_encoder,
    text_hash,
)

TODAY = date(2025, 6, 1)


def network(size: int = 300, seed: int = 3) -> tuple[list, list[Challenge], EligibilityFacts]:
    """Members in organisations of 8 (shared mail domain, some on gmail.com, one organisation
    also claiming another's domain), paused, erased, opted-out and restricted members,
    blocks both ways, recent and old introductions, a closed challenge and an owner without
    records."""
    rng = random.Random(seed)
    net = generate(size, seed=seed)
    ids = [m.member_id for m in net.members]
    members = {}
    for i, member_id in enumerate(ids):
        org = f"o{i // 8}"
        roll = rng.random()
        members[member_id] = MemberFacts(
            member_id,
            organisation_id=org if i % 13 else None,
            email_domain="gmail.com" if i % 11 == 0 else f"{org}.example",
            status="paused" if roll < 0.04 else "erased" if roll < 0.06 else "active",
            share_name_for_matching=not 0.06 <= roll < 0.1,
            restricted=0.1 <= roll < 0.12,
            blocklist=frozenset(rng.sample(ids, 3)) if i % 9 == 0 else frozenset(),
        )
    members["newcomer"] = MemberFacts("newcomer", "o1", "o1.example")
    organisations = {
        f"o{k}": OrganisationFacts(f"o{k}", frozenset({f"o{k}.example"})) for k in range(size // 8)
    }
    organisations["o2"] = OrganisationFacts("o2", frozenset({"o2.example", "@O3.Example "}))
    history = {}
    for member_id in ids[::4]:
        other = rng.choice(ids)
        history[pair(member_id, other)] = (TODAY - timedelta(days=rng.choice((10, 170, 400))),)
    facts = EligibilityFacts(members, TODAY, organisations, history)
    challenges = [open_challenge(member, seed) for member in net.members[: size // 2]]
    challenges.append(Challenge("closed", ids[0], "ISO 9001 audit", ("ISO 9001",), False))
    challenges.append(Challenge("new", "newcomer", "Interne audits en ISO 9001?", ("audit",)))
    challenges.append(Challenge("stranger", "nobody", "ISO 9001 audit", ("audit",)))
    challenges.append(Challenge("untagged", ids[1], "lean six sigma en kaizen in de zorg"))
    return net.records, challenges, facts


def edited(engine: Engine, records: list[ExpertiseRecord]) -> None:
    """Edits after the fit, so the delta rows and dead rows take part."""
    engine.upsert(
        ExpertiseRecord(records[0].record_id, records[0].member_id, "GDPR en DPIA", ("GDPR",))
    )
    engine.upsert(ExpertiseRecord("extra", records[5].member_id, "ISO 9001 audits", ("audit",)))
    engine.remove(records[9].record_id)


def assert_same(
    old: dict[str, dict[str, float]],
    new: dict[str, dict[str, float]],
    engine: Engine,
    challenges: list[Challenge],
) -> None:
    """Position by position new scores as old (so members differ only among equal scores),
    each member's score is the engine's own, and new is only longer where old was cut short
    by ineligible top hits."""
    assert old.keys() == new.keys()
    by_id = {c.challenge_id: c for c in challenges}
    for cid, expected in old.items():
        got = list(new[cid].items())
        assert len(got) >= len(expected), cid
        np.testing.assert_allclose(
            [s for _, s in got[: len(expected)]], list(expected.values()), atol=1e-6, err_msg=cid
        )
        if len(got) > len(expected):
            assert len(expected) < len(got) and all(s > 0 for _, s in got)
        c = by_id[cid]
        truth = engine.scores(c.text, c.tags, language=c.language)
        for member, score in got:
            assert score == pytest.approx(truth[member], abs=1e-6), (cid, member)


@pytest.mark.parametrize("top_n", [3, 20])
def test_shortlist_equals_scoring_every_member(top_n: int) -> None:
    records, challenges, facts = network()
    engine = Engine(records, embeddings=None)
    edited(engine, records)
    new = shortlist(engine, challenges, facts, top_n)
    assert_same(shortlist_by_top_k(engine, challenges, facts, top_n), new, engine, challenges)
    assert "closed" not in new and new["stranger"] == {}
    assert sum(len(v) for v in new.values()) > top_n * 100


@pytest.mark.parametrize("aggregation", ["mean", "top2", "top3"])
def test_shortlist_equals_scoring_every_member_for_each_aggregation(aggregation: str) -> None:
    """The compiled text scores (``candidate_kernels.member_text``) aggregate a member's
    records as ``aggregate.aggregate`` does, for every method the candidates accept."""
    records, challenges, facts = network(size=200)
    engine = Engine(records, EngineConfig(aggregation=aggregation), embeddings=None)
    edited(engine, records)
    new = shortlist(engine, challenges, facts, 5)
    assert_same(shortlist_by_top_k(engine, challenges, facts, 5), new, engine, challenges)
    assert sum(len(v) for v in new.values()) > 5 * 60


def test_shortlist_in_two_processes_equals_one() -> None:
    records, challenges, facts = network(size=200)
    engine = Engine(records, embeddings=None)
    one = shortlist(engine, challenges * 6, facts, 5)
    assert shortlist(engine, challenges * 6, facts, 5, workers=2) == one


@pytest.mark.skipif(
    importlib.util.find_spec(MODEL_PACKAGE) is None, reason="the semantic extra is not installed"
)
@pytest.mark.parametrize(
    ("sketch", "bank"),
    [(False, False), (True, False), (False, True)],
    ids=["exact-values", "sketched", "query-bank"],
)
@pytest.mark.parametrize("model", ["e5-int8", "minilm"])
def test_shortlist_with_stored_vectors_equals_scoring_every_member(
    monkeypatch: pytest.MonkeyPatch, model: str, sketch: bool, bank: bool
) -> None:
    """Vectors are given for every text, so the model never runs; they are drawn near a few
    directions so that cosines span the whole range, not only around 0. Both scorings: E5's
    logistic curve over the challenge's level per language, MiniLM's floor. ``sketched``: the
    values are bounded by a low-rank sketch as at network scale, and only the 8 members with
    the highest bounds get their exact best before pruning. ``query-bank``: challenges
    centred on the open challenges' mean (E5 only), in the engine and the candidates alike."""
    if sketch:
        monkeypatch.setattr(semantic_values, "SKETCH_FROM", 0)
        monkeypatch.setattr(semantic_values, "REFINE", 8)
    records, challenges, facts = network(size=200)
    rng = np.random.default_rng(5)
    axes = rng.standard_normal((4, DIMENSIONS))
    known = {}
    texts = {r.text for r in records} | {c.text for c in challenges} | {"GDPR en DPIA"}
    for text in sorted(texts):
        v = axes[int(text_hash(text)[:8], 16) % 4] + 0.7 * rng.standard_normal(DIMENSIONS)
        known[text_hash(text)] = (v / np.linalg.norm(v)).astype(np.float32)
    known[text_hash("ISO 9001 audits")] = known[text_hash("GDPR en DPIA")]
    known.update({text_hash(QUERY_KEY + text): known[text_hash(text)] for text in texts})
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    encoder = load_encoder(model)
    assert encoder is not None
    engine = Engine(records, embeddings=Embeddings(encoder, known))
    edited(engine, records)
    if bank:
        engine.fit_query_bank([c.text for c in challenges])
    if sketch:  # the vectors lie near few directions, as real ones do: the sketch is used
        queries = engine.embeddings.vectors([c.text for c in challenges], kind="query")
        assert semantic_values.sketched(CandidateIndex(engine).semantic, queries) is not None
    old_meaning: dict[str, dict[str, float]] = {}
    new_meaning: dict[str, dict[str, float]] = {}
    old = shortlist_by_top_k(engine, challenges, facts, 3, semantic=old_meaning)
    new = shortlist(engine, challenges, facts, 3, semantic=new_meaning)
    assert not engine.embeddings.new  # type: ignore[union-attr]
    assert_same(old, new, engine, challenges)
    assert old_meaning.keys() == new_meaning.keys() and old_meaning
    for cid, meaning in old_meaning.items():
        for member, value in meaning.items():
            assert new_meaning[cid][member] == pytest.approx(value, abs=1e-6)
    assert max(max(m.values(), default=0) for m in new_meaning.values()) > 0.3
