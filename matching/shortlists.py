"""A re-match's shortlists as flat arrays that read as the mapping ``propose`` takes.

``shortlist`` returns challenge → expert → score. Built as 100,000 dicts of 20 entries, then
taken apart again by ``propose`` into flat arrays (``assignment._Pairs``), that round trip
cost seconds of one core at 100,000 challenges. ``Shortlists`` keeps the arrays the candidate
workers made: it is a read-only ``Mapping`` (a challenge's dict is made when asked for), and
``propose`` reads its arrays directly. The semantic scores of the same pairs come as
``MeaningView``s of it, so the semantic gate reads arrays too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np


class Shortlists(Mapping[str, Mapping[str, float]]):
    """Per challenge its scored members, best first: ``member[start[i]:start[i + 1]]`` are
    indices into ``ids`` (the engine's member ids) and ``total`` their scores."""

    def __init__(
        self,
        challenge_ids: Sequence[str],
        start: np.ndarray,
        member: np.ndarray,
        total: np.ndarray,
        ids: Sequence[str],
        semantic: np.ndarray | None = None,
    ) -> None:
        self.challenge_ids = list(challenge_ids)
        self.start, self.member, self.total, self.semantic = start, member, total, semantic
        self.ids = ids
        # A challenge named twice keeps its last row, as filling a dict would.
        self._row = {cid: row for row, cid in enumerate(self.challenge_ids)}
        self._id_rank: np.ndarray | None = None

    def id_rank(self) -> np.ndarray:
        """Each member's place among ``ids`` sorted (made once)."""
        if self._id_rank is None:
            order = np.argsort(np.array(self.ids, dtype=str), kind="stable")
            self._id_rank = np.empty(len(order), dtype=np.int64)
            self._id_rank[order] = np.arange(len(order))
        return self._id_rank

    def row(self, challenge_id: str) -> int | None:
        """The row of ``challenge_id`` (None when it has none)."""
        return self._row.get(challenge_id)

    def __getitem__(self, challenge_id: str) -> dict[str, float]:
        row = self._row[challenge_id]
        lo, hi = int(self.start[row]), int(self.start[row + 1])
        ids = self.ids
        return {
            ids[m]: score
            for m, score in zip(
                self.member[lo:hi].tolist(), self.total[lo:hi].tolist(), strict=True
            )
        }

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def meaning(self, challenge_id: str) -> MeaningView:
        """The semantic scores of ``challenge_id``'s members (``semantic`` must be given)."""
        return MeaningView(self, self._row[challenge_id])

    def scaled(self, factors: Mapping[str, float]) -> Shortlists:
        """Every score times its expert's factor (1 for experts not in ``factors``), kept in
        [0, 1]: ``feedback_weight.adjust`` on arrays. The order within a challenge is left
        as it was: ``propose`` ranks the pairs again when a factor reorders them."""
        if not factors:
            return self
        by_index = np.ones(len(self.ids), dtype=self.total.dtype)  # products as a dict's
        known = {member_id: i for i, member_id in enumerate(self.ids)}
        for member_id, factor in factors.items():
            if member_id in known:
                by_index[known[member_id]] = factor
        total = np.clip(self.total * by_index[self.member], 0.0, 1.0)
        return Shortlists(
            self.challenge_ids, self.start, self.member, total, self.ids, self.semantic
        )


class MeaningView(Mapping[str, float]):
    """One challenge's semantic scores, read from its ``Shortlists`` row."""

    def __init__(self, source: Shortlists, row: int) -> None:
        assert source.semantic is not None
        self.source, self.row = source, row

    def _slice(self) -> tuple[list[int], list[float]]:
        source = self.source
        lo, hi = int(source.start[self.row]), int(source.start[self.row + 1])
        assert source.semantic is not None
        return source.member[lo:hi].tolist(), source.semantic[lo:hi].tolist()

    def _dict(self) -> dict[str, float]:
        members, scores = self._slice()
        ids = self.source.ids
        return {ids[m]: s for m, s in zip(members, scores, strict=True)}

    def __getitem__(self, member_id: str) -> float:
        return self._dict()[member_id]

    def get(self, member_id: str, default: float | None = None) -> float | None:  # type: ignore[override]
        return self._dict().get(member_id, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return int(self.source.start[self.row + 1] - self.source.start[self.row])
