"""The sketch bounds every record value from above (also after float32 rounding), is tight
on vectors shaped like a sentence model's, and refuses itself on vectors without dominant
directions; the members' bounds built on it keep the strongest ones exact."""

from __future__ import annotations

import numpy as np
import pytest

from matching import semantic_sketch, semantic_values
from matching.semantic_rows import RowsByMember, SemanticRows
from matching.semantic_scoring import LOGISTIC_SCORING, Levels
from matching.semantic_sketch import Sketch
from matching.semantic_values import MeaningBounds, challenge_values, sketched

DIMS = 192


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _model_like(n: int, seed: int) -> np.ndarray:
    """Unit vectors with a large shared component, a few strong directions and weak noise in
    every dimension, as multilingual-e5-small's (cosines of unrelated texts near 0.8)."""
    rng = np.random.default_rng(seed)
    shared = np.ones(DIMS)
    strong = rng.standard_normal((24, DIMS))
    mix = rng.standard_normal((n, 24)) * np.linspace(1, 0.1, 24)
    return _unit(3 * shared + mix @ strong / 4 + 0.15 * rng.standard_normal((n, DIMS)))


def test_bounds_are_above_every_float32_value_and_tight() -> None:
    records, queries = _model_like(3000, 1), _model_like(200, 2)
    centred = records - records.mean(axis=0)
    sketch = Sketch.of(centred, queries)
    assert sketch is not None  # tight enough to be used
    values = queries @ centred.T
    excess = sketch.bounds(queries) - values
    assert excess.min() > 0
    assert excess.mean() < 0.5 * values.std()


def test_vectors_without_dominant_directions_are_not_sketched() -> None:
    rng = np.random.default_rng(3)
    records = _unit(rng.standard_normal((3000, DIMS)))
    queries = _unit(rng.standard_normal((200, DIMS)))
    assert Sketch.of(records, queries) is None


@pytest.fixture
def layout(monkeypatch: pytest.MonkeyPatch) -> tuple[SemanticRows, np.ndarray, np.ndarray]:
    """400 members with 0 to 4 records each, in two languages; sketched from 0 records on."""
    monkeypatch.setattr(semantic_values, "SKETCH_FROM", 0)
    rng = np.random.default_rng(5)
    counts = rng.integers(0, 5, size=400)
    row_member = np.repeat(np.arange(400), counts)
    vectors = _model_like(len(row_member), 6)
    alive = rng.random(len(row_member)) > 0.1
    row_language = rng.integers(0, 2, size=len(row_member))
    record_count = np.bincount(row_member[alive], minlength=400)
    levels = Levels.of(vectors, alive, row_language, 2, 1)
    by_member = RowsByMember.of(alive, row_member, 400)
    rows = SemanticRows([vectors], by_member, row_language, record_count, levels, LOGISTIC_SCORING)
    return rows, _model_like(30, 7), counts


@pytest.mark.parametrize("rank", [1, 20, 80, 300])
def test_member_bounds_are_above_the_best_value_and_exact_at_the_top(layout, rank) -> None:
    rows, queries, _ = layout
    sketch = sketched(rows, queries)
    assert sketch is not None
    loose = 0
    for exact, bounded in zip(
        challenge_values(rows, queries, None), challenge_values(rows, queries, sketch), strict=True
    ):
        best = rows.best(exact.full())
        bounds = rows.by_member(bounded.best_bounds(rank))
        held = np.isfinite(best)
        assert np.array_equal(held, np.isfinite(bounds))
        assert np.all(bounds[held] >= best[held] - 1e-6)  # at() and full() round alike
        top = np.argsort(-bounds)[: min(rank, semantic_values.REFINE // 2)]
        np.testing.assert_allclose(bounds[top], best[top], atol=1e-6)
        loose += int(np.sum(bounds[held] > best[held] + 1e-4))
        positions = np.arange(len(rows.matrix))
        np.testing.assert_allclose(bounded.at(positions), exact.full(), atol=1e-6)
    assert loose > 0 or rank == 300  # the others are only bounded (300: nearly everyone is exact)


@pytest.mark.parametrize("tile", [1, 7, 64, 2048])
def test_best_bounds_tile_by_tile_are_the_best_of_the_record_bounds(layout, monkeypatch, tile):
    """The members' bounds made tile by tile (a class's k-th records multiplied apart) are the
    maxima of the record-by-record bounds, whatever the tile and however a class ends."""
    rows, queries, _ = layout
    monkeypatch.setattr(semantic_sketch, "TILE", tile)
    sketch = sketched(rows, queries)
    assert sketch is not None
    assert {c.count for c in rows.classes} == {1, 2, 3, 4}
    want = np.stack([rows.best_slots(row) for row in sketch.bounds(queries)])
    got = sketch.best_bounds(queries, rows.classes).copy()
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-6)
    assert np.all(np.isneginf(got[:, -1]))
    again = sketch.best_bounds(queries[:3], rows.classes)  # a smaller block reuses the buffers
    np.testing.assert_allclose(again, want[:3], rtol=0, atol=2e-6)


@pytest.mark.parametrize("rank", [1, 7, 80, 400, 1000])
def test_meaning_bounds_rank_and_reach_as_the_curve_over_every_member(layout, rank) -> None:
    rows, queries, _ = layout
    values = challenge_values(rows, queries[:1], None)[0]
    by_slot = values.best_bounds(rank)
    best = rows.by_member(by_slot)
    bounds = MeaningBounds(rows, by_slot, rank)
    every = bounds[np.arange(400)]
    assert every[~np.isfinite(best)].tolist() == [0.0] * int((~np.isfinite(best)).sum())
    assert bounds.strongest == pytest.approx(np.sort(every)[::-1][min(rank, 400) - 1])
    for score in (-1.0, 0.0, 0.01, float(np.median(every)), bounds.strongest, 0.999, 2.0):
        assert bounds.reaching(score).tolist() == np.flatnonzero(every >= score).tolist()
