"""The alive records' sentence vectors laid out for a whole re-match.

Under multilingual-e5-small's weight the semantic part is a third of a score, and a bound that
counts it as perfect prunes few members: the candidates of a 100,000-member re-match cost 8 ms
a challenge. Knowing every member's best record value bounds it per member instead, and that
takes every (challenge, record) value: one matrix product per block of challenges,
compute-bound, where one pass over all vectors per challenge is memory-bound.

Two layouts make the rest cheap:

- a record's *value* is what the curve reads: for E5's logistic ``cos − level`` of the
  challenge in the record's language, for MiniLM's floor the cosine. The level is ``q·μ``
  (``μ`` the language's mean vector), so ``cos − level = q·(v − μ)``: records are stored
  centred on their language's mean and the product gives values directly (an extra column
  per language would make 386 columns, which BLAS multiplies 1.7× slower than 384);
- records are ordered by their member's number of records, then by member: the members with
  ``c`` records form one contiguous ``(members × c)`` block, so each member's best value is a
  row maximum of a reshaped block, not a scattered reduction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.aggregate import Aggregation, aggregate
from matching.semantic_scoring import Levels, SemanticScoring, record_scores
from matching.semantic_sketch import COLUMNS, Sketch

SKETCH_FROM = 20_000
"""Alive records (and a tenth as many challenges) from which sketching pays: under them the
full product costs less than a tenth of a second per thousand challenges."""
KEPT: dict[str, int] = {"top2": 2, "top3": 3}
"""Aggregations that average a member's best few record scores, by how many they keep."""
REFINE = 256
"""Members whose best value is computed exactly though a sketch bounds it: those with the
highest bounds (a shortlist's pool of 4 × 20 and its pruning read the strongest bounds)."""


@dataclass(frozen=True, slots=True)
class RowsByMember:
    """Alive rows grouped by member: member ``m``'s are ``rows[ptr[m]:ptr[m + 1]]``."""

    rows: np.ndarray
    ptr: np.ndarray

    @classmethod
    def of(cls, alive: np.ndarray, row_member: np.ndarray, n_members: int) -> RowsByMember:
        live = np.flatnonzero(alive)
        rows = live[np.argsort(row_member[live], kind="stable")]
        ptr = np.zeros(n_members + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_member[live], minlength=n_members), out=ptr[1:])
        return cls(rows, ptr)


def _gather(blocks: Sequence[np.ndarray], rows: np.ndarray) -> np.ndarray:
    """``rows`` of the blocks taken as one matrix, float32."""
    out = np.empty((len(rows), blocks[0].shape[1]), dtype=np.float32)
    offset = 0
    for block in blocks:
        inside = np.flatnonzero((rows >= offset) & (rows < offset + len(block)))
        out[inside] = block[rows[inside] - offset]
        offset += len(block)
    return out


@dataclass(frozen=True, slots=True)
class CountClass:
    """Members with ``count`` records: positions ``start`` to ``start + count × len(members)``."""

    count: int
    start: int
    members: np.ndarray


class SemanticRows:
    """Alive records' vectors in member-count order, with their members and languages."""

    def __init__(
        self,
        blocks: Sequence[np.ndarray],
        by_member: RowsByMember,
        row_language: np.ndarray,
        record_count: np.ndarray,
        levels: Levels | None,
        scoring: SemanticScoring,
    ) -> None:
        """``blocks``: the record vectors, row after row, in parts (the engine's fitted rows
        and its later ones: never stacked into one more copy)."""
        n_members = len(record_count)
        self.levels, self.scoring, self.n_members = levels, scoring, n_members
        self.record_count = record_count
        """``Engine``'s count of each member's records, which the aggregation divides by."""
        first = by_member.ptr
        count = np.diff(first)
        members = np.lexsort((np.arange(n_members), count))
        members = members[count[members] > 0]
        self.count = count
        """Alive records per member."""
        self.held = int(np.count_nonzero(count))
        """Members with alive records."""
        self.start = np.zeros(n_members, dtype=np.int64)
        """Each member's first position (its records follow it)."""
        self.start[members] = np.concatenate([[0], np.cumsum(count[members])[:-1]])
        owner = np.repeat(members, count[members])
        within = np.arange(len(owner)) - np.repeat(self.start[members], count[members])
        rows = by_member.rows[first[owner] + within]
        self.member = owner
        """The member of each position."""
        self.classes: list[CountClass] = []
        for c in np.unique(count[members]):
            chosen = members[count[members] == c]
            self.classes.append(CountClass(int(c), int(self.start[chosen[0]]), chosen))
        self.matrix = _gather(blocks, rows)
        if levels is not None:
            self.matrix -= levels.means.astype(np.float32)[row_language[rows]]

    def values(self, queries: np.ndarray) -> np.ndarray:
        """(queries × positions): each record's value for each query."""
        return queries.astype(np.float32, copy=False) @ self.matrix.T

    def sketched(self, queries: np.ndarray) -> Sketch | None:
        """A sketch of the records for ``queries`` when there are enough of both for it to
        pay (``semantic_sketch.py``), else None: every value is then computed."""
        enough = len(self.matrix) >= SKETCH_FROM and len(queries) >= SKETCH_FROM // 10
        if not enough or self.matrix.shape[1] <= COLUMNS:
            return None
        return Sketch.of(self.matrix, queries)

    def challenge_values(self, queries: np.ndarray, sketch: Sketch | None) -> list[ChallengeValues]:
        """Each query's values: every one computed (no sketch) or bounded by the sketch and
        computed on demand."""
        queries = queries.astype(np.float32, copy=False)
        if sketch is None:
            return [
                ChallengeValues(self, q, row, None)
                for q, row in zip(queries, self.values(queries), strict=True)
            ]
        bounds = sketch.bounds(queries)
        return [ChallengeValues(self, q, None, row) for q, row in zip(queries, bounds, strict=True)]

    def scores(self, values: np.ndarray) -> np.ndarray:
        """The curve at ``values``: record scores in [0, 1]."""
        level = None if self.levels is None else np.zeros(values.shape)
        return record_scores(values, level, self.scoring)

    def best(self, values: np.ndarray) -> np.ndarray:
        """Each member's best record value (−inf for a member without records)."""
        out = np.full(self.n_members, -np.inf, dtype=np.float32)
        for group in self.classes:
            stop = group.start + group.count * len(group.members)
            block = values[group.start : stop].reshape(len(group.members), group.count)
            best = block[:, 0].copy()
            for column in range(1, group.count):  # numpy reduces a short axis slowly
                np.maximum(best, block[:, column], out=best)
            out[group.members] = best
        return out

    def positions(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of ``members``' records and, per position, its member's index in
        ``members``."""
        count = self.count[members]
        owner = np.repeat(np.arange(len(members)), count)
        offsets = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
        return self.start[members][owner] + offsets, owner

    def member_scores(
        self, values: ChallengeValues | np.ndarray, members: np.ndarray, method: Aggregation
    ) -> np.ndarray:
        """The semantic score of each of ``members`` (``Engine``'s aggregation of its
        records' scores)."""
        positions, owner = self.positions(members)
        exact = values.at(positions) if isinstance(values, ChallengeValues) else values[positions]
        scores = self.scores(exact)
        count = self.count[members]
        kept = KEPT.get(method)
        if kept is not None and len(members) and count.min() > 0 and count.max() <= kept:
            # Every record is among the member's best `kept`: their sum, as `aggregate` divides
            # it, without its sort (most members have 1-3 records).
            sums = np.add.reduceat(scores.astype(np.float64), np.cumsum(count) - count)
            return sums / np.clip(self.record_count[members], 1, kept)
        hit = np.flatnonzero(scores > 0)
        return aggregate(hit, scores[hit], owner, self.record_count[members], method)

    def all_member_scores(self, values: np.ndarray, method: Aggregation) -> np.ndarray:
        """Every member's semantic score."""
        scores = self.scores(values)
        hit = np.flatnonzero(scores > 0)
        return aggregate(hit, scores[hit], self.member, self.record_count, method)


class ChallengeValues:
    """One challenge's record values: each member's best bounded from above, exact values on
    demand.

    Without a sketch every value is computed at once and the bounds are the exact bests. With
    one, a member's bound is its best sketched bound, except for the ``REFINE`` members with
    the highest ones: their exact best is computed (a gather of a few hundred rows), which
    makes the bounds that decide a shortlist's pruning (the strongest ones) exact.
    """

    def __init__(
        self,
        rows: SemanticRows,
        query: np.ndarray,
        exact: np.ndarray | None,
        sketched: np.ndarray | None,
    ) -> None:
        self.rows, self.query = rows, query
        self._exact, self._sketched = exact, sketched
        self._taken: np.ndarray | None = None
        """With a sketch: the values computed so far (``_known`` says which)."""
        self._known: np.ndarray | None = None

    def at(self, positions: np.ndarray) -> np.ndarray:
        """The exact values at ``positions`` (each computed once: the members refined for
        the bounds are mostly those scored exactly later)."""
        if self._exact is not None:
            return self._exact[positions]
        if self._taken is None or self._known is None:
            self._taken = np.empty(len(self.rows.matrix), dtype=np.float32)
            self._known = np.zeros(len(self.rows.matrix), dtype=bool)
        missing = positions[~self._known[positions]]
        if len(missing):
            self._taken[missing] = self.rows.matrix[missing] @ self.query
            self._known[missing] = True
        return self._taken[positions]

    def full(self) -> np.ndarray:
        """Every position's exact value."""
        if self._exact is None:
            self._exact = self.rows.matrix @ self.query
        return self._exact

    def best_bounds(self, rank: int) -> np.ndarray:
        """Per member an upper bound of its best record value (−inf without records), exact
        for the ``max(REFINE, 2 × rank)`` members with the highest sketched bounds: those that
        decide how far a shortlist's pruning must reach. (Refining until the ``rank``-th
        bound is provably exact took 1,000-4,000 members for half the challenges, at 10,000
        members, and cost more than the looser pruning it saved.)"""
        if self._exact is not None:
            return self.rows.best(self._exact)
        assert self._sketched is not None
        take = max(REFINE, 2 * rank)
        if take >= self.rows.held:
            return self.rows.best(self.full())
        bounds = self.rows.best(self._sketched)
        cut = np.partition(bounds, len(bounds) - take)[len(bounds) - take]
        top = np.flatnonzero(bounds >= cut)
        positions, _ = self.rows.positions(top)
        first = np.cumsum(self.rows.count[top]) - self.rows.count[top]
        bounds[top] = np.maximum.reduceat(self.at(positions), first)
        return bounds


class MeaningBounds:
    """Per member an upper bound of its semantic score: the curve at its best record value
    (no aggregation of record scores exceeds it), applied only where it is read. At 100,000
    members the curve over every member, per challenge, cost as much as the pruning it fed."""

    def __init__(self, rows: SemanticRows, best: np.ndarray, rank: int) -> None:
        """``best``: each member's best record value or a bound of it (−inf: no records);
        ``rank``: the rank whose bound ``strongest`` gives."""
        self.rows, self.best = rows, best
        rank = min(rank, len(best))
        cut = float(np.partition(best, len(best) - rank)[len(best) - rank]) if rank else np.inf
        self._top = np.flatnonzero(best >= cut)
        self.strongest = float(self._curve(np.array([cut]))[0]) if rank else 0.0
        """The ``rank``-th largest bound."""

    def __getitem__(self, members: np.ndarray) -> np.ndarray:
        return self._curve(self.best[members])

    def _curve(self, best: np.ndarray) -> np.ndarray:
        bounds = self.rows.scores(best)
        bounds[~np.isfinite(best)] = 0.0
        return bounds

    def reaching(self, score: float) -> np.ndarray:
        """The members whose bound is at least ``score``, in ascending order."""
        if score > self.strongest:  # then among the members ranked up to `rank`
            return self._top[self[self._top] >= score]
        every = np.arange(len(self.best))
        return every[self[every] >= score]
