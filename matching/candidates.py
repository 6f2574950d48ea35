"""Shortlists for many challenges at once: exact top-n without scoring every member.

Scoring every member for every challenge is what ``Engine.top_k`` does, and for a full
re-match (100,000 challenges over 100,000 members) that is 10^10 pair scores. Most of them
cannot matter: a challenge's twentieth-best score is usually far above what a member sharing
only its common words can reach. So each challenge is scored against member-level postings
(per term: each member's best TF-IDF weight; per challenge tag: each member's best tag
similarity) with a bound-and-prune pass in the manner of MaxScore:

1. The upper bound of a member is the engine's weighted mix with text bounded by the sum
   over the challenge's terms of ``query weight × the member's best weight``, the tag part
   exact, and the semantic part by the curve at the member's best record value: every
   record's value comes from one matrix product per block of challenges
   (``semantic_rows.py``, ``semantic_values.py``). A feature's peak is its largest term.
2. A lower bound ``tau`` of the ``top_n``-th best eligible score: the exact ``top_n``-th
   best of the ``POOL × top_n`` best-bounded eligible holders of the most selective feature
   (highest peak per holder); those exact scores are kept, not computed again.
3. A member holding none of a set of features scores at most the sum of the other features'
   peaks plus its semantic bound; the set is grown, most selective first, until that sum
   plus the ``POOL × top_n``-th best semantic bound is under ``tau``. Its holders are bounded
   feature by feature (strongest first), dropping those whose bound falls under ``tau``;
   members outside it whose semantic bound alone reaches ``tau`` are added; the rest are
   scored exactly, as the engine scores them (best record for TF-IDF, top-3 records for the
   semantic part, same weights), the semantic scores last and only for members that reach
   ``tau`` with their semantic bound.

Eligibility is a mask (``EligibilityMasks``), applied before ``tau`` is taken, so the result is
the ``top_n`` best *eligible* members: ``engine.top_k`` followed by ``violations`` on its hits.
When no bound can prune (a challenge with neither terms nor tags, or fewer than ``top_n``
eligible members with a positive score) the challenge is scored densely, as ``Engine.top_k``
does.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy import sparse

from matching.aggregate import Aggregation
from matching.eligibility import EligibilityFacts, EligibilityMasks, OwnerRule
from matching.records import Challenge
from matching.semantic_rows import RowsByMember, SemanticRows
from matching.semantic_sketch import Sketch
from matching.semantic_values import ChallengeValues, MeaningBounds, challenge_values, sketched
from matching.tags import canonical_tag, similarity_to_vocabulary, tag_key
from matching.text import analyse

if TYPE_CHECKING:
    from matching.engine import Engine

BLOCK = 512
"""Challenges vectorised together (TF-IDF transform and sentence vectors)."""
DENSE_SHARE = 64
"""A posting held by more than 1/64 of the members is also kept as a dense row over all
members, so that looking a candidate up is an index instead of a search (at 100,000
members: about 200 such rows of 800 kB, filled when a challenge first uses the feature)."""
SPARE_DENSE = 64
"""Dense rows kept free for tags (their postings are made as challenges name them)."""
POOL = 4
"""Exact scores of ``POOL × top_n`` members give ``tau``."""
SEED_FEATURES = 3
"""Features (the seed and the strongest others) that rank the members of that pool."""
VALUE_BLOCK = 256
"""Challenges whose semantic values for every record are one matrix product (256 × 200,000
float32: 205 MB; smaller blocks spend the product's time reading the vectors)."""
SEMANTIC_CHUNK = 256
"""Members whose sentence cosines are taken before tau is raised again."""
TOP_RECORDS: dict[Aggregation, int] = {"mean": 0, "max": 1, "top2": 2, "top3": 3}
"""How ``member_text`` aggregates each method."""
MARGIN = 1e-6
"""Bounds are compared with this slack: record weights are float32."""


@dataclass(frozen=True, slots=True)
class Posting:
    """Member-level posting of a feature: entries ``lo:hi`` of the index's pool, sorted
    member indices with each one's best value."""

    lo: int
    hi: int
    peak: float
    dense: int = -1
    """Its row in the index's dense rows, or -1."""

    @property
    def size(self) -> int:
        return self.hi - self.lo


def _best_per_member(members: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group (member, value) pairs by member keeping each member's best value."""
    order = np.lexsort((-values, members))
    members, values = members[order], values[order]
    first = np.ones(len(members), dtype=bool)
    first[1:] = members[1:] != members[:-1]
    return members[first], values[first].astype(np.float64)


def _term_postings(
    live: sparse.csr_matrix, row_member: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, member, best weight) of every member holding a term, by term then member.
    Records stored member by member (as a fit stores them) are read column by column, which
    keeps each term's members in order, and each member's best is a maximum over its run; in
    any other order, a sort of every entry (at 100,000 members 6 million, about a second)."""
    if len(row_member) and bool(np.all(row_member[1:] >= row_member[:-1])):
        by_term = live.tocsc()
        by_term.sort_indices()
        terms = np.repeat(np.arange(by_term.shape[1], dtype=np.int64), np.diff(by_term.indptr))
        members, values = row_member[by_term.indices], by_term.data
        first = np.ones(len(terms), dtype=bool)
        first[1:] = (terms[1:] != terms[:-1]) | (members[1:] != members[:-1])
        starts = np.flatnonzero(first)
        best = np.maximum.reduceat(values, starts) if len(starts) else values[:0]
        return terms[starts], members[starts], best
    coo = live.tocoo()
    members = row_member[coo.row]
    terms = coo.col.astype(np.int64)
    order = np.lexsort((-coo.data, members, terms))
    terms, members, values = terms[order], members[order], coo.data[order]
    first = np.ones(len(terms), dtype=bool)
    first[1:] = (terms[1:] != terms[:-1]) | (members[1:] != members[:-1])
    return terms[first], members[first], values[first]


class CandidateIndex:
    """The engine's alive records as member-level postings, built once per re-match."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        main = engine._main.tocsr()
        parts = [main]
        if engine._delta_rows:
            parts.append(sparse.vstack(engine._delta_rows, format="csr"))
        rows = sparse.vstack(parts, format="csr") if len(parts) > 1 else main
        rows.sort_indices()
        self.rows = rows
        self.n_members = len(engine._member_ids)
        self.row_member = engine._row_member
        self.record_count = engine._record_count
        alive = np.flatnonzero(engine._alive)
        by_member = RowsByMember.of(engine._alive, self.row_member, self.n_members)
        self.member_rows, self.member_ptr = by_member.rows, by_member.ptr
        terms, members, values = _term_postings(rows[alive], self.row_member[alive])
        self._term_ptr = np.searchsorted(terms, np.arange(rows.shape[1] + 1))
        # Every posting is a slice of one pool (the terms', then tags' as they are met), so
        # the compiled loops take any set of them as offsets.
        self._pool_members = np.empty(len(members) + self.n_members, dtype=np.int64)
        self._pool_values = np.empty(len(members) + self.n_members, dtype=np.float64)
        self._pool_members[: len(members)] = members
        self._pool_values[: len(members)] = values
        self._pool_size = len(members)
        self._terms: dict[int, Posting] = {}
        self._tags: dict[str, Posting] = {}
        self._dense = np.zeros(self.n_members, dtype=np.float64)
        """Zeroed scratch over all members (left zeroed by every kernel that uses it)."""
        self._seen = np.zeros(self.n_members, dtype=bool)
        common = int(np.count_nonzero(np.diff(self._term_ptr) * DENSE_SHARE > self.n_members))
        self._dense_rows = np.zeros((common + SPARE_DENSE, self.n_members), dtype=np.float64)
        """Untouched rows cost no memory: the system hands out zero pages on first write."""
        self._dense_used = 0
        self.semantic: SemanticRows | None = None
        if engine.embeddings is not None and engine._semantic_main is not None:
            blocks = [engine._semantic_main]
            if engine._semantic_delta:
                blocks.append(np.vstack(engine._semantic_delta))
            self.semantic = SemanticRows(
                blocks,
                by_member,
                engine._row_language,
                self.record_count,
                engine.semantic_levels() if engine.leveled else None,
                engine.semantic_scoring,
            )

    def term(self, column: int) -> Posting:
        posting = self._terms.get(column)
        if posting is None:
            lo, hi = int(self._term_ptr[column]), int(self._term_ptr[column + 1])
            peak = float(self._pool_values[lo:hi].max()) if hi > lo else 0.0
            posting = self._with_dense(Posting(lo, hi, peak))
            self._terms[column] = posting
        return posting

    def _with_dense(self, posting: Posting) -> Posting:
        """The posting with a dense row when it is common and a row is free."""
        if posting.size * DENSE_SHARE <= self.n_members:
            return posting
        if self._dense_used == len(self._dense_rows):
            return posting
        row = self._dense_used
        self._dense_used += 1
        self._dense_rows[row, self.members_of(posting)] = self.values_of(posting)
        return Posting(posting.lo, posting.hi, posting.peak, row)

    def _pooled(self, members: np.ndarray, values: np.ndarray) -> Posting:
        """A posting appended to the pool (grown by half when full)."""
        lo, hi = self._pool_size, self._pool_size + len(members)
        if hi > len(self._pool_members):
            grown = max(hi, len(self._pool_members) * 3 // 2)
            self._pool_members = np.resize(self._pool_members, grown)
            self._pool_values = np.resize(self._pool_values, grown)
        self._pool_members[lo:hi] = members
        self._pool_values[lo:hi] = values
        self._pool_size = hi
        return self._with_dense(Posting(lo, hi, float(values.max()) if len(values) else 0.0))

    def members_of(self, posting: Posting) -> np.ndarray:
        return self._pool_members[posting.lo : posting.hi]

    def values_of(self, posting: Posting) -> np.ndarray:
        return self._pool_values[posting.lo : posting.hi]

    def lookup(self, posting: Posting, members: np.ndarray) -> np.ndarray:
        """The posting's value for each of ``members`` (0 when it does not hold it)."""
        if posting.dense >= 0:
            return self._dense_rows[posting.dense][members]  # a row, then a 1-D take
        return kernels().gather(
            self._pool_members, self._pool_values, posting.lo, posting.hi, members, self._dense
        )

    def tag(self, canonical: str) -> Posting:
        """Each member's best similarity to one challenge tag, as ``Engine`` computes it."""
        posting = self._tags.get(canonical)
        if posting is None:
            engine = self.engine
            sims = similarity_to_vocabulary(canonical, engine._tag_vocab)
            members: list[np.ndarray] = []
            values: list[np.ndarray] = []
            for idx in np.flatnonzero(sims):
                rows = np.asarray(engine._tag_rows[idx], dtype=np.int64)
                rows = rows[engine._alive[rows]]
                members.append(self.row_member[rows])
                values.append(np.full(len(rows), float(sims[idx])))
            posting = self._pooled(
                *_best_per_member(
                    np.concatenate(members) if members else np.zeros(0, dtype=np.int64),
                    np.concatenate(values) if values else np.zeros(0),
                )
            )
            self._tags[canonical] = posting
        return posting

    def union(self, features: Sequence[Feature]) -> tuple[np.ndarray, np.ndarray]:
        """Members holding any of ``features`` and the sum of their contributions."""
        los, his, shares = _offsets(features)
        return kernels().union(
            self._pool_members, self._pool_values, los, his, shares, self._dense, self._seen
        )

    def prune(
        self,
        features: Sequence[Feature],
        members: np.ndarray,
        partial: np.ndarray,
        bound: np.ndarray,
        beyond: float,
        tau: float,
    ) -> np.ndarray:
        """The ``members`` that may still reach ``tau`` with ``features`` (strongest first)
        added to ``partial``: ``beyond`` bounds what the features add together."""
        los, his, shares = _offsets(features)
        peaks = np.array([f.peak for f in features], dtype=np.float64)
        dense = np.array([f.posting.dense for f in features], dtype=np.int64)
        return kernels().prune(
            self._pool_members,
            self._pool_values,
            los,
            his,
            dense,
            self._dense_rows,
            shares,
            peaks,
            members,
            partial,
            bound,
            beyond,
            tau,
            self._dense,
        )

    def without(self, members: np.ndarray, others: np.ndarray) -> np.ndarray:
        """``members`` not among ``others``, in their order."""
        seen = self._seen
        seen[others] = True
        kept = members[~seen[members]]
        seen[others] = False
        return kept

    def member_text(
        self, members: np.ndarray, terms: np.ndarray, weights: np.ndarray, method: Aggregation
    ) -> np.ndarray:
        """Each member's text score for the query (``terms``, ``weights``), its alive
        records' TF-IDF cosines aggregated by ``method`` (not ``lse``: see ``bounded``)."""
        order = np.argsort(terms, kind="stable")
        matrix = self.rows
        return kernels().member_text(
            members,
            self.member_ptr,
            self.member_rows,
            self.record_count,
            matrix.indptr,
            matrix.indices,
            matrix.data,
            terms[order],
            weights[order],
            TOP_RECORDS[method],
        )


def allowed(masks: EligibilityMasks, rule: OwnerRule | None, members: np.ndarray) -> np.ndarray:
    """``masks.allowed_for`` by the compiled loop, with the owner's ``rule`` as codes (None:
    the owner may ask no one)."""
    if rule is None:
        return np.zeros(len(members), dtype=bool)
    return kernels().allowed(
        members,
        masks.open,
        masks.org,
        masks.domain,
        rule.owner,
        rule.org,
        rule.domain,
        rule.orgs_sharing_domain,
        rule.own_domains,
        rule.excluded,
    )


def _offsets(features: Sequence[Feature]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    los = np.array([f.posting.lo for f in features], dtype=np.int64)
    his = np.array([f.posting.hi for f in features], dtype=np.int64)
    shares = np.array([f.share for f in features], dtype=np.float64)
    return los, his, shares


def kernels() -> ModuleType:
    """The compiled loops (imported on first use: numba's import takes half a second)."""
    from matching import candidate_kernels

    return candidate_kernels


@dataclass(frozen=True, slots=True)
class Feature:
    """A term or tag of one challenge: ``share`` × a member's posting value is what it adds
    to the member's bound."""

    share: float
    posting: Posting

    @property
    def peak(self) -> float:
        return self.share * self.posting.peak


@dataclass(frozen=True, slots=True)
class Scored:
    """Exact scores of some members for one challenge."""

    members: np.ndarray
    total: np.ndarray
    semantic: np.ndarray | None


class ChallengeScorer:
    """Scores one challenge (bound-and-prune, or densely when bounds cannot prune)."""

    def __init__(
        self,
        index: CandidateIndex,
        challenge: Challenge,
        terms: np.ndarray,
        weights: np.ndarray,
        values: ChallengeValues | None,
    ) -> None:
        self.index = index
        self.engine = index.engine
        self.challenge = challenge
        self.terms, self.weights = terms, weights
        self.values = values
        """The challenge's semantic value of each alive record (``semantic_values.py``)."""
        config = self.engine.config
        self.tags = list(dict.fromkeys(canonical_tag(t) for t in challenge.tags if tag_key(t)))
        self.has_tags = any(tag_key(t) for t in challenge.tags)
        text_w = config.text_weight
        tag_w = config.tag_weight if self.has_tags else 0.0
        sem_w = self.engine.semantic_scoring.weight if values is not None else 0.0
        if not self.has_tags and values is None:
            text_w = 1.0  # combine() returns the text scores unchanged
        total = text_w + tag_w + sem_w
        self.text_share, self.tag_share = text_w / total, tag_w / total
        self.semantic_share = sem_w / total
        self._rule: OwnerRule | Literal[False] | None = False
        """The owner's eligibility rule once asked (None: the owner may ask no one)."""
        self.semantic_bounds: MeaningBounds | None = None
        """Per member an upper bound of its semantic score (taken in ``_candidates``)."""

    def exact(self, members: np.ndarray, cut: tuple[float, int] | None = None) -> Scored:
        """The engine's combined score of each of ``members`` (which hold at least one row).

        With ``cut`` = (tau, top_n) and eligible ``members``, only of those that can still
        make the top ``top_n``: the sentence cosines, the costly part, are taken best-bounded
        first, and tau rises to the ``top_n``-th best exact score found so far."""
        index, engine = self.index, self.engine
        text = np.zeros(len(members))
        if len(self.terms):
            text = index.member_text(members, self.terms, self.weights, engine.config.aggregation)
        tag = np.zeros(len(members))
        for canonical in self.tags:
            tag += index.lookup(index.tag(canonical), members)
        tag = tag / max(len(self.tags), 1)
        if self.values is None:
            return Scored(members, engine.combine(text, tag, self.has_tags, None), None)
        if cut is None:
            semantic = self._semantic(members)
            return Scored(members, engine.combine(text, tag, self.has_tags, semantic), semantic)
        tau, top_n = cut
        assert self.semantic_bounds is not None
        upper = self.semantic_bounds[members]
        best = engine.combine(text, tag, self.has_tags, upper) + MARGIN
        order = np.argsort(-best, kind="stable")
        done: list[Scored] = []
        found = np.zeros(0)
        for start in range(0, len(order), SEMANTIC_CHUNK):
            chunk = order[start : start + SEMANTIC_CHUNK]
            if best[chunk[0]] < tau:
                break
            semantic = self._semantic(members[chunk])
            total = engine.combine(text[chunk], tag[chunk], self.has_tags, semantic)
            done.append(Scored(members[chunk], total, semantic))
            found = np.concatenate([found, total[total > 0]])
            if len(found) >= top_n:
                tau = max(tau, float(np.partition(found, len(found) - top_n)[-top_n]))
        if not done:
            return Scored(members[:0], np.zeros(0), np.zeros(0))
        return Scored(
            np.concatenate([d.members for d in done]),
            np.concatenate([d.total for d in done]),
            np.concatenate([d.semantic for d in done if d.semantic is not None]),
        )

    def _semantic(self, members: np.ndarray) -> np.ndarray:
        """The engine's semantic score (the curve, top-3 records) of ``members``."""
        assert self.values is not None
        return self.values.member_scores(members, self.engine.config.semantic_aggregation)

    def _semantic_bounds(self, rank: int) -> MeaningBounds:
        """The curve at each member's best alive record (or a sketch's bound of it)."""
        assert self.index.semantic is not None and self.values is not None
        return MeaningBounds(self.index.semantic, self.values.best_bounds(rank), rank)

    def features(self) -> list[Feature]:
        """Every term and tag of the challenge with its share of the score, strongest first."""
        found = [
            Feature(self.text_share * float(w), self.index.term(int(c)))
            for c, w in zip(self.terms, self.weights, strict=True)
        ]
        share = self.tag_share / max(len(self.tags), 1)
        found += [Feature(share, self.index.tag(t)) for t in self.tags]
        return sorted((f for f in found if f.peak > 0), key=lambda f: -f.peak)

    def dense(self, allowed: np.ndarray) -> Scored:
        """Every member scored as ``Engine.top_k`` does (the fallback)."""
        engine, c = self.engine, self.challenge
        text, tag = engine.score_vectors(c.text, c.tags, c.language)
        semantic = None
        if self.values is not None:
            assert self.index.semantic is not None
            method = engine.config.semantic_aggregation
            semantic = self.index.semantic.all_member_scores(self.values.full(), method)
        total = engine.combine(text, tag, self.has_tags, semantic)
        members = np.flatnonzero(allowed & (total > 0))
        return Scored(members, total[members], None if semantic is None else semantic[members])

    def best(self, masks: EligibilityMasks, top_n: int) -> Scored:
        """The ``top_n`` best eligible members with a positive score, best first."""
        chosen = self._candidates(masks, top_n)
        keep = (chosen.total > 0) & self._allowed(masks, chosen.members)
        members, total = chosen.members[keep], chosen.total[keep]
        order = np.lexsort((members, -total))[:top_n]
        semantic = None if chosen.semantic is None else chosen.semantic[keep][order]
        return Scored(members[order], total[order], semantic)

    def _candidates(self, masks: EligibilityMasks, top_n: int) -> Scored:
        """Exact scores of a set of members that holds every eligible top-``top_n`` member."""
        features = self.features()
        if not features:
            return self._dense(masks)
        if self.values is not None:
            self.semantic_bounds = self._semantic_bounds(POOL * top_n)
        meaning = self._meaning
        # Selective first: a term few members hold but that weighs a lot.
        by_density = sorted(features, key=lambda f: -f.peak / max(f.posting.size, 1))
        seed = by_density[0]
        index = self.index
        members = index.members_of(seed.posting)
        partial = seed.share * index.values_of(seed.posting)
        for f in [f for f in features if f is not seed][: SEED_FEATURES - 1]:
            partial = partial + f.share * index.lookup(f.posting, members)
        pool = self._pool(masks, members, partial + meaning(members), top_n)
        tau = _top_nth(pool.total, top_n)
        if tau <= 0:
            return self._dense(masks)
        # Members holding none of `needed` score at most `rest` + their meaning bound: the
        # set grows until few members (POOL × top_n) could reach tau on meaning.
        needed: list[Feature] = []
        rest = sum(f.peak for f in features) + MARGIN
        strong = self._strong_meaning()
        for f in by_density:
            if rest + strong < tau:
                break
            needed.append(f)
            rest -= f.peak
        if needed:
            members, partial = index.union(needed)
        else:
            members, partial = np.zeros(0, dtype=np.int64), np.zeros(0)
        others = [f for f in features if all(f is not n for n in needed)]
        beyond = MARGIN + sum(f.peak for f in others)
        bound = meaning(members)  # the curve once, not once per feature
        if not isinstance(bound, np.ndarray):
            bound = np.full(len(members), bound)
        members = index.prune(others, members, partial, bound, beyond, tau)
        if self.semantic_bounds is not None and self.semantic_share > 0:  # by meaning alone
            alone = self.semantic_bounds.reaching((tau - rest) / self.semantic_share)
            members = np.union1d(members, alone)
        members = members[self._allowed(masks, members)]
        # The pool is scored already: its members are exact and eligible, the rest follow.
        found = self.exact(index.without(members, pool.members), (tau, top_n))
        return Scored(
            np.concatenate([pool.members, found.members]),
            np.concatenate([pool.total, found.total]),
            None
            if pool.semantic is None or found.semantic is None
            else np.concatenate([pool.semantic, found.semantic]),
        )

    def _allowed(self, masks: EligibilityMasks, members: np.ndarray) -> np.ndarray:
        """``masks.allowed_for`` of this challenge (its owner's rule taken once)."""
        if self._rule is False:
            self._rule = masks.owner_rule(self.challenge)
        return allowed(masks, self._rule, members)

    def _strong_meaning(self) -> float:
        """The ``POOL × top_n``-th largest meaning bound of a member (0 without meaning)."""
        if self.semantic_bounds is None:
            return 0.0
        return self.semantic_share * self.semantic_bounds.strongest

    def _meaning(self, members: np.ndarray) -> np.ndarray | float:
        """What the semantic part can add to each of ``members``' score at most."""
        if self.semantic_bounds is None:
            return 0.0
        return self.semantic_share * self.semantic_bounds[members]

    def _dense(self, masks: EligibilityMasks) -> Scored:
        return self.dense(masks.allowed_for(self.challenge, np.arange(self.index.n_members)))

    def _pool(
        self, masks: EligibilityMasks, members: np.ndarray, partial: np.ndarray, top_n: int
    ) -> Scored:
        """Exact scores of the ``POOL × top_n`` most promising eligible ``members``: their
        ``top_n``-th best is a lower bound of the challenge's (``tau``)."""
        size = POOL * top_n
        if len(members) > size:
            members = members[np.argpartition(-partial, size - 1)[:size]]
        return self.exact(members[self._allowed(masks, members)])


NOBODY = np.zeros(0, dtype=np.int64)
"""No members (a challenge whose owner may ask no one)."""


def _top_nth(scores: np.ndarray, top_n: int) -> float:
    """The ``top_n``-th best positive score (0 when there are fewer)."""
    positive = scores[scores > 0]
    if len(positive) < top_n:
        return 0.0
    return float(np.partition(positive, len(positive) - top_n)[-top_n])


@dataclass(frozen=True, slots=True)
class Found:
    """Each challenge's ``top_n`` best eligible members, best first, as flat arrays: the
    members of challenge ``i`` (in the order scored) are ``member[start[i]:start[i + 1]]``,
    engine indices. Arrays, not lists of ids: a worker's half of 100,000 shortlists pickled
    as strings cost the parent seconds to read back."""

    start: np.ndarray
    member: np.ndarray
    total: np.ndarray
    semantic: np.ndarray | None
    """Semantic scores (with the semantic scorer), else None."""

    @classmethod
    def joined(cls, parts: Sequence[Found]) -> Found:
        """Blocks of challenges, one after another, as one."""
        counts = np.concatenate([np.diff(p.start) for p in parts]) if parts else np.zeros(0)
        start = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=start[1:])
        meaning = [p.semantic for p in parts]
        return cls(
            start,
            np.concatenate([p.member for p in parts]) if parts else np.zeros(0, dtype=np.int32),
            np.concatenate([p.total for p in parts]) if parts else np.zeros(0),
            None if not parts or any(m is None for m in meaning) else np.concatenate(meaning),  # type: ignore[arg-type]
        )


@dataclass(frozen=True, slots=True)
class _Run:
    index: CandidateIndex
    masks: EligibilityMasks
    challenges: Sequence[Challenge]
    vectors: np.ndarray | None
    sketch: Sketch | None
    top_n: int
    threads: int | None
    """Threads of the blockwise products: 1 in forked workers (one a core), else all."""

    def block(self, start: int) -> Found:
        engine, masks = self.index.engine, self.masks
        block = self.challenges[start : start + BLOCK]
        queries = engine.space.transform([analyse(c.text, c.language) for c in block])
        found: list[Scored] = []
        values: list[ChallengeValues] | None = None
        for i, challenge in enumerate(block):
            if self.vectors is not None and i % VALUE_BLOCK == 0:
                values = self._values(start + i, start + min(i + VALUE_BLOCK, len(block)))
            if not masks.owner_may_ask(challenge):
                found.append(Scored(NOBODY, np.zeros(0), None if values is None else np.zeros(0)))
                continue
            lo, hi = queries.indptr[i], queries.indptr[i + 1]
            scorer = ChallengeScorer(
                self.index,
                challenge,
                queries.indices[lo:hi],
                queries.data[lo:hi].astype(np.float64),
                None if values is None else values[i % VALUE_BLOCK],
            )
            found.append(scorer.best(masks, self.top_n))
        start_at = np.zeros(len(found) + 1, dtype=np.int64)
        np.cumsum([len(f.members) for f in found], out=start_at[1:])
        return Found(
            start_at,
            np.concatenate([f.members for f in found]).astype(np.int32),
            np.concatenate([f.total for f in found]).astype(np.float64),
            None
            if self.vectors is None
            else np.concatenate([f.semantic for f in found]).astype(np.float64),  # type: ignore[misc]
        )

    def _values(self, start: int, stop: int) -> list[ChallengeValues]:
        """Semantic values of challenges ``start:stop`` for every alive record."""
        assert self.vectors is not None and self.index.semantic is not None
        return challenge_values(
            self.index.semantic, self.vectors[start:stop], self.sketch, self.threads
        )


_forked: _Run | None = None


def _forked_block(start: int) -> Found:
    """A block in a forked worker, its matrix products on one thread (one worker a core)."""
    from threadpoolctl import threadpool_limits

    assert _forked is not None
    with threadpool_limits(1):
        return _forked.block(start)


def best_members(
    engine: Engine,
    challenges: Sequence[Challenge],
    facts: EligibilityFacts,
    top_n: int,
    *,
    workers: int = 1,
) -> Found:
    """The ``top_n`` best eligible members of each of ``challenges`` (in their order), best
    first; ties in member order, as ``Engine.top_k``.

    ``workers`` > 1 scores blocks of challenges in that many forked processes (Linux; they
    share the index copy-on-write). Sentence vectors of the challenges are taken here, in
    this process, so texts the scorer has to encode end up in ``engine.embeddings.new``, and
    after ``Engine.fit_query_bank`` centred as the engine centres them.
    """
    global _forked
    if not challenges:
        return Found.joined([])
    index = CandidateIndex(engine)
    vectors, sketch = None, None
    if index.semantic is not None:
        assert engine.embeddings is not None
        vectors = engine.query_vectors([c.text for c in challenges])  # centred by a bank
        sketch = sketched(index.semantic, vectors)
    masks = EligibilityMasks(facts, engine._member_ids)
    starts = range(0, len(challenges), BLOCK)
    forked = workers > 1 and len(starts) > 1 and "fork" in multiprocessing.get_all_start_methods()
    run = _Run(index, masks, challenges, vectors, sketch, top_n, 1 if forked else None)
    if forked:
        _forked = run
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_forked_block, starts, chunksize=1)
        finally:
            _forked = None
    else:
        parts = [run.block(start) for start in starts]
    return Found.joined(parts)


def bounded(engine: Engine) -> bool:
    """Whether the engine's aggregations keep a member's score under the bounds used here
    (best, mean or top-2/3 of records: never above the best record; ``lse`` is)."""
    config = engine.config
    return config.aggregation != "lse" and config.semantic_aggregation != "lse"
