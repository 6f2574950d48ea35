"""The calibrated E5 score (benchmarks/semantic_scales.py) as the engine must reproduce it."""

from __future__ import annotations

import numpy as np

from benchmarks.semantic_scales import GroupScale, floor_scale


def _unit_rows(rng: np.random.Generator, n: int, dim: int = 16) -> np.ndarray:
    rows = rng.normal(size=(n, dim))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_level_per_language_is_the_query_times_the_mean_record_vector() -> None:
    """What lets a blockwise scorer compute the level without every record's cosine."""
    rng = np.random.default_rng(3)
    records, query = _unit_rows(rng, 60), _unit_rows(rng, 1)[0]
    languages = np.array(["nl"] * 35 + ["en"] * 25)
    cos = records @ query
    scale = GroupScale(0.06, 0.02)
    for lang in ("nl", "en"):
        level = query @ records[languages == lang].mean(axis=0)
        mine = languages == lang
        expected = 1 / (1 + np.exp(-(cos[mine] - level - 0.06) / 0.02))
        np.testing.assert_allclose(scale.by_group(cos, languages)[mine], expected, rtol=1e-9)


def test_a_language_with_few_records_is_measured_from_the_overall_level() -> None:
    rng = np.random.default_rng(4)
    cos = rng.uniform(0.75, 0.9, size=40)
    languages = np.array(["nl"] * 35 + ["fr"] * 5)
    scores = GroupScale(0.06, 0.02, min_rows=20).by_group(cos, languages)
    overall = 1 / (1 + np.exp(-(cos - cos.mean() - 0.06) / 0.02))
    np.testing.assert_allclose(scores[35:], overall[35:])
    assert not np.allclose(scores[:35], overall[:35])


def test_the_usual_level_scores_low_and_a_clear_match_high() -> None:
    cos = np.full(100, 0.80)
    cos[0], cos[1] = 0.90, 0.86
    scores = GroupScale(0.06, 0.02)(cos)
    assert scores[2] < 0.06
    assert scores[1] > 0.45
    assert scores[0] > 0.85
    assert list(np.argsort(-scores)[:2]) == [0, 1]


def test_the_floor_rescale_is_the_engines() -> None:
    np.testing.assert_allclose(
        floor_scale(0.15)(np.array([0.1, 0.15, 0.575, 1.0])), [0.0, 0.0, 0.5, 1.0]
    )
