"""The re-match's layout of record vectors gives, per challenge, each member's best record
value and semantic score exactly as computed record by record."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.aggregate import aggregate
from matching.semantic_rows import RowsByMember, SemanticRows
from matching.semantic_scoring import FLOOR_SCORING, LOGISTIC_SCORING, Levels, record_scores


def _pool(seed: int = 4):
    """Members with 0 to 5 records (some dead), in two languages."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(0, 6, size=40)
    row_member = np.repeat(np.arange(40), counts)
    rng.shuffle(row_member)
    vectors = rng.standard_normal((len(row_member), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    alive = rng.random(len(row_member)) > 0.15
    row_language = rng.integers(0, 2, size=len(row_member))
    record_count = np.bincount(row_member[alive], minlength=40)
    return vectors, alive, row_member, row_language, record_count


@pytest.mark.parametrize("scoring", [LOGISTIC_SCORING, FLOOR_SCORING], ids=["e5", "minilm"])
def test_best_values_and_scores_equal_the_record_by_record_ones(scoring) -> None:
    vectors, alive, row_member, row_language, record_count = _pool()
    levels = Levels.of(vectors, alive, row_language, 2, 1) if scoring is LOGISTIC_SCORING else None
    by_member = RowsByMember.of(alive, row_member, 40)
    halves = [vectors[:30], vectors[30:]]  # fitted rows and later ones
    layout = SemanticRows(halves, by_member, row_language, record_count, levels, scoring)
    queries = np.random.default_rng(9).standard_normal((3, 16)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    values = layout.values(queries)
    assert values.shape == (3, int(alive.sum()))
    for q, row_values in zip(queries, values, strict=True):
        cosines = vectors @ q
        level = None if levels is None else levels.for_queries(q[None, :])[0][row_language]
        wanted_value = cosines if level is None else cosines - level
        best = layout.best(row_values)
        for member in range(40):
            mine = alive & (row_member == member)
            if mine.any():
                assert best[member] == pytest.approx(wanted_value[mine].max(), abs=1e-6)
            else:
                assert best[member] == -np.inf
        scores = record_scores(cosines, level, scoring)
        scores[~alive] = 0
        hit = np.flatnonzero(scores > 0)
        wanted = aggregate(hit, scores[hit], row_member, record_count, "top3")
        np.testing.assert_allclose(layout.all_member_scores(row_values, "top3"), wanted, atol=1e-6)
        some = np.array([3, 0, 17, 39, 8])
        np.testing.assert_allclose(
            layout.member_scores(row_values, some, "top3"), wanted[some], atol=1e-6
        )
        few = np.flatnonzero((layout.count > 0) & (layout.count <= 3))  # summed without a sort
        assert len(few) > 5 and layout.count[few].max() == 3
        np.testing.assert_allclose(
            layout.member_scores(row_values, few, "top3"), wanted[few], atol=1e-6
        )
        two = aggregate(hit, scores[hit], row_member, record_count, "top2")
        few = np.flatnonzero((layout.count > 0) & (layout.count <= 2))
        np.testing.assert_allclose(
            layout.member_scores(row_values, few, "top2"), two[few], atol=1e-6
        )
        assert len(layout.classes) >= 4  # members with 1, 2, 3, 4+ records


@pytest.mark.parametrize("method", ["max", "top2", "top3"])
@pytest.mark.parametrize("sketched", [False, True], ids=["every value", "values on demand"])
def test_compiled_meaning_scores_equal_the_numpy_ones(method, sketched) -> None:
    """``ChallengeValues.member_scores`` (``matching/meaning_kernels.py``) gives the numpy
    path's scores, computes each value on demand once, and keeps the bounds' curve."""
    from matching.semantic_values import BOUND_STEP, ChallengeValues, MeaningBounds

    vectors, alive, row_member, row_language, record_count = _pool(seed=12)
    levels = Levels.of(vectors, alive, row_language, 2, 1)
    by_member = RowsByMember.of(alive, row_member, 40)
    layout = SemanticRows(
        [vectors], by_member, row_language, record_count, levels, LOGISTIC_SCORING
    )
    query = np.random.default_rng(3).standard_normal(16).astype(np.float32)
    query /= np.linalg.norm(query)
    every = layout.values(query[None, :])[0].copy()
    values = ChallengeValues(
        layout, query, None if sketched else every, every + 0.01 if sketched else None
    )
    members = np.array([5, 0, 39, 17, 3, 22, 8], dtype=np.int64)
    assert layout.count[members].max() > 3  # some members keep only their best records
    got = values.member_scores(members, method)
    np.testing.assert_allclose(got, layout.member_scores(every, members, method), rtol=0, atol=1e-6)
    if sketched:  # values were taken only for these members' records, and are the products
        positions, _ = layout.positions(members)
        assert values.computed().tolist() == sorted(positions.tolist())
        np.testing.assert_allclose(values.at(positions), every[positions], rtol=0, atol=1e-6)
    bounds = MeaningBounds(layout, layout.best_slots(every), 4)
    curve = layout.scores(layout.best(every))
    curve[~np.isfinite(layout.best(every))] = 0.0
    read = bounds[np.arange(40)]  # the curve's table: never under it, at most a step over
    assert np.all(read >= curve - 1e-12) and np.all(read <= curve + BOUND_STEP)
    assert np.all(read[curve == 0.0] == 0.0)


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.floats(min_value=-2.0, max_value=2.0, width=32), min_size=1, max_size=50),
    centre=st.floats(min_value=-0.2, max_value=0.3),
    width=st.floats(min_value=0.005, max_value=0.2),
)
def test_the_curves_table_bounds_it_from_above_within_a_step(values, centre, width) -> None:
    """The table the members' meaning bounds read (``bound_table``) is never under the
    logistic curve ``record_scores`` computes, at most ``BOUND_STEP`` over it, and rises with
    the value, so the k-th largest bound is the bound of the k-th largest value."""
    from matching import meaning_kernels
    from matching.semantic_scoring import SemanticScoring
    from matching.semantic_values import BOUND_STEP, bound_table

    scoring = SemanticScoring("logistic", 0.3, centre=centre, width=width)
    grid = np.sort(np.array(values, dtype=np.float32))
    curve = record_scores(grid.astype(np.float64), np.zeros(len(grid)), scoring)
    table, low, per_step = bound_table(centre, width)
    read = meaning_kernels.logistic_bound_of(grid, table, low, per_step)
    assert np.all(read >= curve - 1e-12)
    assert np.all(read <= curve + BOUND_STEP + 1e-12)
    assert np.all(np.diff(read) >= 0)


def test_challenges_computing_values_one_after_another_each_read_their_own() -> None:
    """Challenges keep computed values in one scratch (``ValueScratch``); a later challenge
    overwriting a position makes an earlier one compute it again, never read the other's."""
    from matching.semantic_values import ChallengeValues

    vectors, alive, row_member, row_language, record_count = _pool(seed=5)
    levels = Levels.of(vectors, alive, row_language, 2, 1)
    by_member = RowsByMember.of(alive, row_member, 40)
    layout = SemanticRows(
        [vectors], by_member, row_language, record_count, levels, LOGISTIC_SCORING
    )
    rng = np.random.default_rng(8)
    queries = rng.standard_normal((3, 16)).astype(np.float32)
    every = layout.values(queries).copy()
    values = [
        ChallengeValues(layout, q, None, row + 0.01) for q, row in zip(queries, every, strict=True)
    ]
    positions = np.arange(len(layout.matrix))
    for _ in range(2):  # interleaved: each one's values after the others wrote theirs
        for challenge, expected in zip(values, every, strict=True):
            np.testing.assert_allclose(challenge.at(positions), expected, rtol=0, atol=1e-6)
            assert challenge.computed().tolist() == positions.tolist()


@pytest.mark.parametrize("n", [1, 3, 4, 7, 64])
def test_values_taken_four_rows_at_a_time_are_each_rows_own(n) -> None:
    """``values_at`` computes the positions it has not yet taken four rows at once: each
    value is its own row's float64 dot product (rounded once to float32), repeated
    positions are computed once, and positions taken before are read, not recomputed."""
    from matching import meaning_kernels

    rng = np.random.default_rng(n)
    matrix = rng.standard_normal((50, 384)).astype(np.float32)
    query = rng.standard_normal(384).astype(np.float32)
    taken = np.full(50, np.nan, dtype=np.float32)
    stamp = np.zeros(50, dtype=np.int64)
    stamp[7], taken[7] = 3, 42.0  # taken before by this challenge (generation 3)
    positions = rng.integers(0, 50, size=n).astype(np.int64)
    positions = np.concatenate([positions, positions[:2], [7]])
    got = meaning_kernels.values_at(positions, matrix, query, taken, stamp, 3)
    wanted = (matrix[positions].astype(np.float64) @ query.astype(np.float64)).astype(np.float32)
    wanted[positions == 7] = 42.0
    np.testing.assert_allclose(got, wanted, rtol=2.5e-7, atol=0)  # an ulp or two
    assert set(np.flatnonzero(stamp == 3)) == set(positions.tolist())
