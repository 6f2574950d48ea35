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
from typing import Protocol

import numpy as np

from matching.aggregate import Aggregation, aggregate
from matching.record_product import RecordProduct
from matching.semantic_scoring import Levels, SemanticScoring, record_scores

KEPT: dict[str, int] = {"top2": 2, "top3": 3}
"""Aggregations that average a member's best few record scores, by how many they keep."""


class Exact(Protocol):
    """Values computed where asked (``semantic_values.ChallengeValues``)."""

    def at(self, positions: np.ndarray) -> np.ndarray: ...


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


class ValueScratch:
    """Where challenges keep the record values they compute, one after another: values and,
    per position, the mark of the challenge that computed it. A fresh pair of arrays per
    challenge cost page faults on every write (a fifth of the candidates' time at 100,000
    members); a new mark makes every earlier value unknown without clearing anything."""

    def __init__(self, positions: int) -> None:
        self.taken = np.empty(positions, dtype=np.float32)
        self.stamp = np.zeros(positions, dtype=np.int32)
        self._generation = 1  # 1 marks every value of `everywhere`; challenges start at 2

    def next_generation(self) -> int:
        """A mark no position carries yet."""
        if self._generation == np.iinfo(np.int32).max:
            self.stamp[:] = 0
            self._generation = 1
        self._generation += 1
        return self._generation


@dataclass(frozen=True, slots=True)
class CountClass:
    """Members with ``count`` records: positions ``start`` to ``start + count × len(members)``,
    slots ``slot`` to ``slot + len(members)``."""

    count: int
    start: int
    slot: int
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
        self.slot_member = members
        """The members with records in slot order: by record count, then by index."""
        self.slot = np.full(n_members, -1, dtype=np.int64)
        """Each member's slot, −1 without records (which reads the sentinel of ``best_slots``)."""
        self.slot[members] = np.arange(len(members))
        self.classes: list[CountClass] = []
        for c in np.unique(count[members]):
            chosen = members[count[members] == c]
            first = int(self.start[chosen[0]])
            self.classes.append(CountClass(int(c), first, int(self.slot[chosen[0]]), chosen))
        self.matrix = _gather(blocks, rows)
        if levels is not None:
            self.matrix -= levels.means.astype(np.float32)[row_language[rows]]
        self.product = RecordProduct(self.matrix)
        self.everywhere = np.ones(len(self.matrix), dtype=np.int32)
        """Every position marked as known (for values computed all at once: mark 1)."""
        self.scratch = ValueScratch(len(self.matrix))

    def values(self, queries: np.ndarray, threads: int | None = None) -> np.ndarray:
        """(queries × positions): each record's value for each query, valid until the next
        call (``RecordProduct`` reuses its buffer)."""
        return self.product(queries, threads)

    def scores(self, values: np.ndarray) -> np.ndarray:
        """The curve at ``values``: record scores in [0, 1]."""
        level = None if self.levels is None else np.zeros(values.shape)
        return record_scores(values, level, self.scoring)

    def best_slots(self, values: np.ndarray) -> np.ndarray:
        """Each member's best record value by slot, and −inf last (the slot of members
        without records): a maximum over each reshaped count class, with no scatter into
        member order (at 100,000 members that scatter cost as much as the maxima)."""
        out = np.empty(self.held + 1, dtype=np.float32)
        out[self.held] = -np.inf
        for group in self.classes:
            stop = group.start + group.count * len(group.members)
            block = values[group.start : stop].reshape(len(group.members), group.count)
            into = out[group.slot : group.slot + len(group.members)]
            if group.count == 1:
                into[:] = block[:, 0]
                continue
            np.maximum(block[:, 0], block[:, 1], out=into)
            for column in range(2, group.count):  # numpy reduces a short axis slowly
                np.maximum(into, block[:, column], out=into)
        return out

    def best(self, values: np.ndarray) -> np.ndarray:
        """Each member's best record value (−inf for a member without records)."""
        return self.by_member(self.best_slots(values))

    def by_member(self, by_slot: np.ndarray) -> np.ndarray:
        """Values by slot (with the sentinel last) in member order."""
        return by_slot[self.slot]

    def positions(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of ``members``' records and, per position, its member's index in
        ``members``."""
        count = self.count[members]
        owner = np.repeat(np.arange(len(members)), count)
        offsets = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
        return self.start[members][owner] + offsets, owner

    def member_scores(
        self, values: Exact | np.ndarray, members: np.ndarray, method: Aggregation
    ) -> np.ndarray:
        """The semantic score of each of ``members`` (``Engine``'s aggregation of its
        records' scores) from ``values`` at every position or computed where asked."""
        positions, owner = self.positions(members)
        exact = values[positions] if isinstance(values, np.ndarray) else values.at(positions)
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
