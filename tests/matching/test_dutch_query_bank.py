"""Query-bank centring (``QueryBank``): a challenge is scored with ``q − ν``, ν the mean of
the open challenges in its language, which takes away the share of a record's value that
every challenge gives it alike (README, "Semantic matching", Dutch)."""

from __future__ import annotations

import numpy as np

from matching.semantic_scoring import QUERY_BANK_MIN, QUERY_BANK_STRETCH, Levels, QueryBank

DIMENSIONS = 32


def _unit(*parts: tuple[int, float]) -> np.ndarray:
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    for axis, value in parts:
        vector[axis] = value
    return vector / np.linalg.norm(vector)


def _challenges(n: int) -> np.ndarray:
    """Questions that share one direction (axis 0: how any question reads) and differ in
    topic (axes 1..n)."""
    return np.array([_unit((0, 0.9), (1 + i, 0.44)) for i in range(n)])


def _records() -> tuple[np.ndarray, int, int]:
    """A record that reads like any question (the hub), one on topic 1 and some others."""
    hub = _unit((0, 1.0), (30, 0.3))
    specific = _unit((1, 1.0), (30, 0.5))
    others = [_unit((31, 1.0), (5 + i, 0.5)) for i in range(6)]
    return np.array([hub, specific, *others]), 0, 1


def _values(queries: np.ndarray, records: np.ndarray) -> np.ndarray:
    """Record values ``q·v − level`` as the engine computes them (one language)."""
    alive = np.ones(len(records), dtype=bool)
    levels = Levels.of(records, alive, np.zeros(len(records), dtype=np.int64), 1, 1)
    return queries @ records.T - levels.for_queries(queries)[:, :1]


def test_centring_lets_the_record_on_topic_beat_a_record_like_every_question() -> None:
    queries = _challenges(QUERY_BANK_MIN)
    records, hub, specific = _records()
    language = np.zeros(len(queries), dtype=np.int64)
    before = _values(queries, records)[0]
    assert before[hub] > before[specific]
    centred = QueryBank.of(queries, language, 1).centre(queries, language)
    after = _values(centred, records)[0]
    assert after[specific] > after[hub]
    assert int(np.argmax(after)) == specific


def test_a_language_with_too_few_challenges_is_left_as_it_is() -> None:
    dutch = _challenges(QUERY_BANK_MIN)
    english = _challenges(QUERY_BANK_MIN - 1)
    queries = np.vstack([dutch, english])
    language = np.repeat([0, 1], [len(dutch), len(english)])
    centred = QueryBank.of(queries, language, 2).centre(queries, language)
    np.testing.assert_array_equal(centred[len(dutch) :], english)
    np.testing.assert_allclose(
        centred[: len(dutch)], QUERY_BANK_STRETCH * (dutch - dutch.mean(axis=0)), atol=1e-6
    )


def test_centring_removes_the_share_every_challenge_gives_a_record() -> None:
    """``(q − ν)·(v − μ) = q·(v − μ) − ν·(v − μ)`` (times the stretch): only the query vector
    changes, so the level, the curve and a bound computed from the centred vector stay as they
    were."""
    queries = _challenges(QUERY_BANK_MIN + 4)
    records, _, _ = _records()
    language = np.zeros(len(queries), dtype=np.int64)
    bank = QueryBank.of(queries, language, 1)
    shared = _values(bank.means[:1].astype(np.float32), records)[0]
    np.testing.assert_allclose(
        _values(bank.centre(queries, language), records),
        QUERY_BANK_STRETCH * (_values(queries, records) - shared[None, :]),
        atol=1e-5,
    )


def test_centred_queries_are_stretched_so_the_curve_keeps_its_spread() -> None:
    """The curve's centre and width were set on raw values, whose spread centring narrows:
    a centred query is ``QUERY_BANK_STRETCH × (q − ν)``, every record value scaled alike."""
    queries = _challenges(QUERY_BANK_MIN)
    language = np.zeros(len(queries), dtype=np.int64)
    bank = QueryBank.of(queries, language, 1)
    centred = bank.centre(queries, language)
    expected = (queries.astype(np.float64) - bank.means[0]) * QUERY_BANK_STRETCH
    np.testing.assert_allclose(centred, expected, rtol=1e-6, atol=1e-7)
    assert QUERY_BANK_STRETCH > 1
