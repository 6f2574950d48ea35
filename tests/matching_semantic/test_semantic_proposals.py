"""Proposals on meaning alone (issue #9): with the real model, the best English match by
meaning is proposed even when it shares no word with the question; nobody else is, Dutch
questions are not, and without the model nothing changes."""

from __future__ import annotations

from datetime import date

from matching import (
    Challenge,
    EligibilityFacts,
    Engine,
    ExpertiseRecord,
    MemberFacts,
    propose,
    shortlist,
)
from matching.assignment import MIN_SCORE, SEMANTIC_MIN, Reason

DEFECTS = "How do we reduce defects on the production line?"
EXPERTS = (
    ExpertiseRecord(
        "r1",
        "chloe",
        "Lean Six Sigma Black Belt: kaizen events and value stream mapping in automotive plants",
        ("lean", "six sigma"),
        "en",
    ),
    ExpertiseRecord(
        "r2",
        "dee",
        "GDPR compliance, DPIA and records of processing for municipalities",
        ("GDPR",),
        "en",
    ),
    ExpertiseRecord(
        "r3",
        "karen",
        "Food safety manager: HACCP, BRC and IFS certification in bakeries",
        ("HACCP", "food safety"),
        "en",
    ),
    ExpertiseRecord(
        "r4", "ann", "ISO 9001 certificering en interne audits bij kmo's", ("ISO9001",), "nl"
    ),
    ExpertiseRecord(
        "r5",
        "greet",
        "HR business partner: competentiemanagement, opleidingsbeleid en verzuimbeleid.",
        ("HR",),
        "nl",
    ),
)
MEMBERS = ("own", "chloe", "dee", "karen", "ann", "greet")


def _facts() -> EligibilityFacts:
    return EligibilityFacts(
        members={m: MemberFacts(m, f"org-{m}", f"{m}.example") for m in MEMBERS},
        today=date(2025, 6, 1),
    )


def _run(engine: Engine, challenge: Challenge):
    facts = _facts()
    semantic: dict[str, dict[str, float]] = {}
    scores = shortlist(engine, [challenge], facts, semantic=semantic)
    result = propose(
        [challenge],
        scores,
        facts,
        semantic=semantic,
        explainer=lambda c, e: engine.explain(c.text, c.tags, e, language=c.language),
    )
    return scores, semantic, result


def test_the_lean_expert_is_proposed_for_defects_on_meaning_alone(semantic_on):
    engine = Engine(EXPERTS)
    scores, semantic, result = _run(engine, Challenge("c", "own", DEFECTS))
    assert [p.expert_id for p in result.proposals] == ["chloe"]
    assert result.proposals[0].score < MIN_SCORE <= 1
    assert semantic["c"]["chloe"] >= SEMANTIC_MIN
    # An unrelated member with some similarity is neither proposed nor an alternate.
    unrelated = {e for e in scores["c"] if e != "chloe"}
    assert all(semantic["c"][e] < semantic["c"]["chloe"] for e in unrelated)
    assert [a.expert_id for a in result.alternates["c"]] == []
    assert result.shortfalls["c"].missing == 2
    explanation = result.proposals[0].explanation
    assert explanation.terms == () and explanation.tags == ()
    assert explanation.sentence_en.startswith(
        "Suggested because their expertise is close in meaning"
    )
    assert explanation.sentence_nl.startswith("Voorgesteld omdat de expertise inhoudelijk aansluit")


def test_a_word_match_keeps_its_word_explanation(semantic_on):
    engine = Engine(EXPERTS)
    _, _, result = _run(engine, Challenge("c", "own", "Who knows HACCP and BRC audits?"))
    assert result.proposals[0].expert_id == "karen"
    assert "HACCP" in result.proposals[0].explanation.sentence_en


def test_a_dutch_question_is_not_proposed_on_meaning(semantic_on):
    engine = Engine(EXPERTS)
    question = "Hoe krijgen we minder fouten en afval uit onze productie?"
    scores, semantic, result = _run(engine, Challenge("c", "own", question))
    assert semantic == {}
    assert all(s < MIN_SCORE for s in scores["c"].values())
    assert result.proposals == [] and result.shortfalls["c"].reason == Reason.BELOW_THRESHOLD


def test_without_the_model_the_defects_question_gets_no_proposal(semantic_off):
    engine = Engine(EXPERTS)
    scores, semantic, result = _run(engine, Challenge("c", "own", DEFECTS))
    assert scores == {"c": {}} and semantic == {}
    assert result.proposals == []
    assert result.shortfalls["c"].reason == Reason.NO_ELIGIBLE_EXPERT
