"""One challenge's semantic values during a re-match: bounds of every member's best record
value, exact values where asked, and the members' meaning bounds read from them.

Without a sketch (``semantic_sketch.py``) every value is computed at once, one matrix product
per block of challenges, and the bounds are the exact bests. With one, a member's bound comes
from the sketch's product, except for the members with the highest bounds: their exact best
is computed (a gather of a few hundred rows), which makes the bounds that decide a
shortlist's pruning exact. Bests are kept by slot (``SemanticRows.slot``), not by member.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

import numpy as np

from matching.aggregate import Aggregation
from matching.selection import top_k_at_least
from matching.semantic_rows import SemanticRows
from matching.semantic_sketch import COLUMNS, Sketch

SKETCH_FROM = 80_000
"""Alive records (and a tenth as many challenges) from which sketching pays. At 10,000
members (20,000 records) the full product costs 0.2 ms a challenge and the sketch's refining
more than it saves (a re-match 23 s against 29 s, one process); the full product grows with
the records, the refining does not."""
BEST_KEPT: dict[Aggregation, int] = {"max": 1, "top2": 2, "top3": 3}
"""Aggregations that are a mean of a member's best few records (``max``: the best one)."""
REFINE = 256
"""Members whose best value is computed exactly though a sketch bounds it: those with the
highest bounds (a shortlist's pool of 4 × 20 and its pruning read the strongest bounds)."""


def sketched(rows: SemanticRows, queries: np.ndarray) -> Sketch | None:
    """A sketch of the records for ``queries`` when there are enough of both for it to pay
    and it is tight, else None: every value is then computed."""
    enough = len(rows.matrix) >= SKETCH_FROM and len(queries) >= SKETCH_FROM // 10
    if not enough or rows.matrix.shape[1] <= COLUMNS:
        return None
    return Sketch.of(rows.matrix, queries, rows.classes)


def challenge_values(
    rows: SemanticRows, queries: np.ndarray, sketch: Sketch | None, threads: int | None = None
) -> list[ChallengeValues]:
    """Each query's values: every one computed (no sketch) or bounded by the sketch and
    computed on demand; valid until the next call (the product's buffer is reused).
    ``threads``: at most this many for the product (None: every core)."""
    queries = queries.astype(np.float32, copy=False)
    if sketch is None:
        every = rows.values(queries, threads)
        return [ChallengeValues(rows, q, row, None) for q, row in zip(queries, every, strict=True)]
    bests = sketch.best_bounds(queries, rows.classes, threads)
    return [ChallengeValues(rows, q, None, row) for q, row in zip(queries, bests, strict=True)]


class ChallengeValues:
    """One challenge's record values: each member's best bounded from above, exact values on
    demand."""

    def __init__(
        self,
        rows: SemanticRows,
        query: np.ndarray,
        exact: np.ndarray | None,
        sketched: np.ndarray | None,
    ) -> None:
        """``exact``: every position's value, or ``sketched``: by slot a bound of each
        member's best (``Sketch.best_bounds``), refined in place where computed."""
        self.rows, self.query = rows, query
        self._exact, self._sketched = exact, sketched
        self._generation = 0
        """With a sketch: this challenge's mark in the rows' scratch (0 until first used)."""

    def at(self, positions: np.ndarray) -> np.ndarray:
        """The exact values at ``positions`` (each computed once: the members refined for
        the bounds are mostly those scored exactly later)."""
        if self._exact is not None:
            return self._exact[positions]
        taken, stamp, generation = self._cache()
        return kernels().values_at(
            positions, self.rows.matrix, self.query, taken, stamp, generation
        )

    def computed(self) -> np.ndarray:
        """The positions whose values this challenge has computed so far (with a sketch)."""
        if self._exact is not None or not self._generation:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.rows.scratch.stamp == self._generation)

    def _cache(self) -> tuple[np.ndarray, np.ndarray, int]:
        """Where values are kept, which are this challenge's, and its mark: the rows' scratch
        (with a sketch), or every value (then every position is marked)."""
        if self._exact is not None:
            return self._exact, self.rows.everywhere, 1
        scratch = self.rows.scratch
        if not self._generation:
            self._generation = scratch.next_generation()
        return scratch.taken, scratch.stamp, self._generation

    def member_scores(self, members: np.ndarray, method: Aggregation) -> np.ndarray:
        """The engine's semantic score of each of ``members`` (``SemanticRows.member_scores``),
        by the compiled loop where the curve is the logistic one and the aggregation a mean
        of best records."""
        rows, scoring = self.rows, self.rows.scoring
        kept = BEST_KEPT.get(method)
        if kept is None or scoring.curve != "logistic" or rows.levels is None:
            return rows.member_scores(self, members, method)
        taken, stamp, generation = self._cache()
        return kernels().logistic_member_scores(
            members,
            rows.start,
            rows.count,
            rows.record_count,
            rows.matrix,
            self.query,
            taken,
            stamp,
            generation,
            scoring.centre,
            scoring.width,
            kept,
        )

    def full(self) -> np.ndarray:
        """Every position's exact value."""
        if self._exact is None:
            self._exact = self.rows.matrix @ self.query
        return self._exact

    def best_bounds(self, rank: int) -> np.ndarray:
        """By slot an upper bound of each member's best record value (−inf last), exact for
        the ``max(REFINE, 2 × rank)`` members with the highest sketched bounds: those that
        decide how far a shortlist's pruning must reach. (Refining until the ``rank``-th
        bound is provably exact took 1,000-4,000 members for half the challenges, at 10,000
        members, and cost more than the looser pruning it saved.)"""
        rows = self.rows
        if self._exact is not None:
            return rows.best_slots(self._exact)
        assert self._sketched is not None
        take = max(REFINE, 2 * rank)
        if take >= rows.held:
            return rows.best_slots(self.full())
        bounds = self._sketched
        _, top = top_k_at_least(bounds[: rows.held], take)
        taken, stamp, generation = self._cache()
        kernels().refine_best(
            top,
            rows.slot_member,
            rows.start,
            rows.count,
            rows.matrix,
            self.query,
            taken,
            stamp,
            generation,
            bounds,
        )
        return bounds


class MeaningBounds:
    """Per member an upper bound of its semantic score: the curve at its best record value
    (no aggregation of record scores exceeds it), applied only where it is read: over every
    one of 100,000 members it cost about 0.25 ms per challenge. The logistic curve is read
    from a table (``bound_table``): at most ``BOUND_STEP`` above the curve, never under it,
    so the shortlists stay exact while no exp is taken per member."""

    def __init__(self, rows: SemanticRows, best: np.ndarray, rank: int) -> None:
        """``best``: by slot each member's best record value or a bound of it, −inf last;
        ``rank``: the rank whose bound ``strongest`` gives."""
        self.rows, self.best = rows, best
        scoring = rows.scoring
        self._table = None
        if scoring.curve == "logistic" and rows.levels is not None:
            self._table = bound_table(scoring.centre, scoring.width)
        held = rows.held
        if 0 < rank <= held:
            cut, top = top_k_at_least(best[:held], rank)
            self._top = np.sort(rows.slot_member[top])
            self.strongest = float(self._curve(np.array([cut], dtype=np.float32))[0])
            """The ``rank``-th largest bound."""
        else:  # the rank-th member has no records (or there is no rank): bound 0
            self._top = np.sort(rows.slot_member)
            self.strongest = 0.0

    def __getitem__(self, members: np.ndarray) -> np.ndarray:
        if self._table is not None:
            table, low, per_step = self._table
            return kernels().logistic_bound_at(
                self.best, self.rows.slot, members, table, low, per_step
            )
        return self._curve(self.best[self.rows.slot[members]])

    def _curve(self, best: np.ndarray) -> np.ndarray:
        """The bound at values ``best`` (by the table where there is one)."""
        if self._table is not None:
            table, low, per_step = self._table
            return kernels().logistic_bound_of(best, table, low, per_step)
        bounds = self.rows.scores(best)
        bounds[~np.isfinite(best)] = 0.0
        return bounds

    def reaching(self, score: float) -> np.ndarray:
        """The members whose bound is at least ``score``, in ascending order."""
        if score > self.strongest:  # then among the members ranked up to `rank`
            return self._top[self[self._top] >= score]
        every = np.arange(self.rows.n_members)
        return every[self[every] >= score]


BOUND_REACH = 20.0
"""The table spans values whose curve argument ``(value − centre) / width`` lies within ±20:
under it the curve is below 2.1e-9 (the table's first entry bounds it), above it the bound
is 1."""
BOUND_STEPS = 16_384
"""Grid points of the table: a step of 40 / 16,384 in the curve's argument, where the
logistic rises at most a quarter as fast, so a bound exceeds the curve by at most
``BOUND_STEP``."""
BOUND_STEP = 0.25 * 2 * BOUND_REACH / (BOUND_STEPS - 1)


@cache
def bound_table(centre: float, width: float) -> tuple[np.ndarray, float, float]:
    """The logistic curve ``record_scores`` applies, at evenly spaced values: the table, the
    first value and the steps per unit of value (``meaning_kernels.logistic_bound_at``)."""
    low, high = centre - BOUND_REACH * width, centre + BOUND_REACH * width
    values = np.linspace(low, high, BOUND_STEPS)
    z = np.clip((values - centre) / width, -60.0, 60.0)
    table = 1.0 / (1.0 + np.exp(-z))
    return table, low, (BOUND_STEPS - 1) / (high - low)


def kernels() -> ModuleType:
    """The compiled loops (imported on first use, as ``candidates.kernels``)."""
    from matching import meaning_kernels

    return meaning_kernels
