"""The incremental matching engine: expertise records in, top-k members per challenge out.

Storage is sparse throughout: record vectors live in a CSC matrix (a column is a posting
list, so a query only touches the postings of its own terms) plus a small CSR "delta" of
records added or edited since the last fit; tags live in an inverted index. Nothing of size
members × members or challenges × members is ever materialised.

Incremental updates keep the vocabulary and IDF frozen. One member's edit moves document
frequencies by one, which barely changes IDF: rankings match a refit except for swaps of
near ties (score gaps under 0.01, see ``test_incremental_update_equals_refit_ranking``).
What a frozen vocabulary cannot do is learn brand-new terms, and dead rows accumulate, so
``needs_refit`` turns true after
``max(min_refit_changes, refit_fraction × records)`` changes; the caller runs ``refit()``
off the request path (a 100k-member refit takes seconds, an update milliseconds).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from scipy import sparse

from matching.aggregate import Aggregation, aggregate
from matching.explain import Explanation, explain_match
from matching.records import ExpertiseRecord, MemberScore
from matching.semantic import Embeddings, scoring_for
from matching.semantic_scoring import (
    FLOOR_SCORING,
    Levels,
    QueryBank,
    SemanticScoring,
    record_scores,
)
from matching.tags import canonical_tag, similarity_to_vocabulary, tag_key
from matching.text import (
    LANGUAGES,
    TextConfig,
    TextSpace,
    analyse,
    resolve_language,
    surface_tokens,
)

TEXT_WEIGHT = 0.5
TAG_WEIGHT = 0.5
"""Chosen with benchmarks/matching_quality.py (seeded synthetic set: 400 members, 1008
records, 400 challenges; plus 12 hand-labelled challenges). NDCG@10 / pairwise error,
synthetic: text only 0.613 / 0.362, tags only 0.765 / 0.100, text 0.6 + tags 0.4
0.805 / 0.097, 0.5 + 0.5 0.810 / 0.095, 0.4 + 0.6 0.810 / 0.095; hand set: text only
0.955 / 0.062, any mix 0.997 / 0.020. 0.5/0.5 is the most text-heavy mix on the plateau;
more tag weight gains nothing and the synthetic tags are cleaner than real ones.
Aggregation (text only, synthetic): max 0.613, lse 0.613, top2 0.551, mean 0.481, so max.
Word unigrams beat uni+bigrams (0.613 vs 0.571); char 3-5-grams added at most +0.006 when
combined with tags, lost 0.04 on the hand set (text only) and multiply the index size,
so they are off. These figures predate Dutch compound splitting, which moved text only to
0.625 / 0.344 and 0.5 + 0.5 to 0.811 / 0.093 (README, "How matching works").
Challenges without tags are scored on text alone."""


SEMANTIC_WEIGHT = FLOOR_SCORING.weight
SEMANTIC_FLOOR = FLOOR_SCORING.floor
SEMANTIC_AGGREGATION: Aggregation = "top3"
"""With the semantic extra the sentence-embedding cosine joins TF-IDF and tags, scored as the
model's ``SemanticScoring`` says (``matching/semantic_scoring.py``: multilingual-e5-small by a
logistic curve over the challenge's level, weight 0.5). For all-MiniLM-L6-v2: cosines of
unrelated texts sit around 0-0.2, so a cosine is rescaled from [floor, 1] to [0, 1] (anything
under the floor scores 0, as TF-IDF does without a shared word), and a member's three best
records are averaged. Chosen with benchmarks/matching_quality.py --semantic (NDCG@10 /
pairwise error): hand set (16 challenges, 4 sharing no word with their expert) TF-IDF + tags
0.931 / 0.080, + embeddings 0.1 0.943 / 0.054, 0.25 and 0.5 the same, 1.0 0.920 / 0.060;
synthetic set 0.810 / 0.095, + 0.1 0.812 / 0.096, 0.25 0.814 / 0.097, 0.5 0.813 / 0.103,
1.0 0.799 / 0.129. Top-3 mean beat max in the blend on the synthetic set (0.096 vs 0.098,
equal on the hand set); floor 0 / 0.15 / 0.25 differ by under 0.003. 0.1 is the smallest
weight with the full hand-set gain, and it moves the fewest unrelated members over
MIN_SCORE. Embeddings alone: hand 0.832 / 0.134, synthetic 0.458 / 0.379 (README)."""

TFIDF_SCORER = "tfidf+tags"
AUTO: Literal["auto"] = "auto"


@dataclass(frozen=True, slots=True)
class EngineConfig:
    text: TextConfig = field(default_factory=TextConfig)
    text_weight: float = TEXT_WEIGHT
    tag_weight: float = TAG_WEIGHT
    aggregation: Aggregation = "max"
    semantic_weight: float | None = None
    """None: the model's (``SemanticScoring.weight``)."""
    semantic_floor: float | None = None
    """Set: score with the floor curve from this floor, whatever the model."""
    semantic_aggregation: Aggregation = SEMANTIC_AGGREGATION
    refit_fraction: float = 0.05
    min_refit_changes: int = 50


class Engine:
    """Scores members for challenges from their expertise records; see module docstring.

    ``embeddings``: the sentence-embedding scorer; ``"auto"`` (default) uses the packaged
    model when the ``semantic`` extra is installed and enabled, ``None`` turns it off.
    ``scorer`` names what is used: ``TFIDF_SCORER`` or the model's key + ``+tfidf+tags``.
    """

    def __init__(
        self,
        records: Iterable[ExpertiseRecord] = (),
        config: EngineConfig | None = None,
        *,
        embeddings: Embeddings | Literal["auto"] | None = AUTO,
    ) -> None:
        self.config = config or EngineConfig()
        self.embeddings = Embeddings.default() if embeddings == AUTO else embeddings
        self.semantic_scoring = self._scoring()
        self._query_bank: QueryBank | None = None
        self.fit(records)

    def _scoring(self) -> SemanticScoring:
        """The model's scoring, with what the config sets explicitly."""
        base = FLOOR_SCORING if self.embeddings is None else scoring_for(self.embeddings.version)
        if self.config.semantic_floor is not None:
            base = replace(base, curve="floor", floor=self.config.semantic_floor)
        if self.config.semantic_weight is not None:
            base = replace(base, weight=self.config.semantic_weight)
        return base

    @property
    def leveled(self) -> bool:
        """Whether semantic scores need the challenge's level per record language."""
        return self.embeddings is not None and self.semantic_scoring.curve == "logistic"

    def _language_code(self, record: ExpertiseRecord) -> int:
        """The record's language; its words are read only when it names none (a fit of
        200,000 stored records, which all name theirs, tokenises nothing here)."""
        if record.language in LANGUAGES:
            return LANGUAGES.index(record.language)
        return LANGUAGES.index(resolve_language(None, surface_tokens(record.text)))

    def semantic_levels(self) -> Levels:
        """The per-language mean record vectors (computed once per change of the records)."""
        if self._levels is None:
            assert self._semantic_main is not None
            vectors = np.vstack([self._semantic_main, *self._semantic_delta])
            self._levels = Levels.of(
                vectors,
                self._alive,
                self._row_language,
                len(LANGUAGES),
                self.semantic_scoring.level_min_rows,
            )
        return self._levels

    @property
    def scorer(self) -> str:
        """``TFIDF_SCORER``, or the model's stored-vector key + ``+tfidf+tags``."""
        if self.embeddings is None:
            return TFIDF_SCORER
        return f"{self.embeddings.version}+tfidf+tags"

    def fit(self, records: Iterable[ExpertiseRecord]) -> None:
        """(Re)build everything from ``records``; later duplicates of an id win."""
        self._records: dict[str, ExpertiseRecord] = {r.record_id: r for r in records}
        self._member_ids: list[str] = []
        self._member_index: dict[str, int] = {}
        for r in self._records.values():
            self._member(r.member_id)
        ordered = list(self._records.values())
        self.space = TextSpace(self.config.text)
        matrix = self.space.fit_transform([analyse(r.text, r.language) for r in ordered])
        self._main = matrix.tocsc()
        self._n_main = len(ordered)
        self._delta_rows: list[sparse.csr_matrix] = []
        self._delta: sparse.csr_matrix | None = None
        self._row_of = {r.record_id: i for i, r in enumerate(ordered)}
        self._row_records: list[ExpertiseRecord] = ordered
        self._row_member = np.array(
            [self._member_index[r.member_id] for r in ordered], dtype=np.int64
        )
        self._alive = np.ones(len(ordered), dtype=bool)
        self._semantic_main: np.ndarray | None = None
        self._primed: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
        self._semantic_delta: list[np.ndarray] = []
        self._levels: Levels | None = None
        self._row_language = np.array(
            [self._language_code(r) for r in ordered] if self.leveled else [], dtype=np.int64
        )
        if self.embeddings is not None:
            self._semantic_main = self.embeddings.vectors([r.text for r in ordered], kind="passage")
        self._record_count = np.bincount(self._row_member, minlength=len(self._member_ids))
        self._tag_vocab: list[str] = []
        self._tag_index: dict[str, int] = {}
        self._tag_rows: dict[int, list[int]] = {}
        for row, r in enumerate(ordered):
            self._index_tags(row, r.tags)
        self._feature_names: np.ndarray | None = None
        self._fitted_records = len(ordered)
        self.changes_since_fit = 0

    def _member(self, member_id: str) -> int:
        idx = self._member_index.get(member_id)
        if idx is None:
            idx = len(self._member_ids)
            self._member_index[member_id] = idx
            self._member_ids.append(member_id)
        return idx

    def _index_tags(self, row: int, tags: Sequence[str]) -> None:
        for tag in {canonical_tag(t) for t in tags if tag_key(t)}:
            idx = self._tag_index.get(tag)
            if idx is None:
                idx = len(self._tag_vocab)
                self._tag_index[tag] = idx
                self._tag_vocab.append(tag)
            self._tag_rows.setdefault(idx, []).append(row)

    def __len__(self) -> int:
        return len(self._records)

    @property
    def member_ids(self) -> list[str]:
        return list(self._member_ids)

    def records_of(self, member_id: str) -> list[ExpertiseRecord]:
        """The member's current public expertise records."""
        idx = self._member_index.get(member_id)
        if idx is None:
            return []
        rows = np.flatnonzero((self._row_member == idx) & self._alive)
        return [self._row_records[i] for i in rows]

    def upsert(self, record: ExpertiseRecord) -> None:
        """Add or replace one record without refitting (vocabulary and IDF stay frozen)."""
        self._kill(record.record_id)
        row = len(self._row_records)
        member = self._member(record.member_id)
        if member >= len(self._record_count):
            self._record_count = np.append(self._record_count, 0)
        self._record_count[member] += 1
        self._records[record.record_id] = record
        self._row_of[record.record_id] = row
        self._row_records.append(record)
        self._row_member = np.append(self._row_member, member)
        self._alive = np.append(self._alive, True)
        self._delta_rows.append(self.space.transform([analyse(record.text, record.language)]))
        if self.embeddings is not None:
            self._semantic_delta.append(self.embeddings.vectors([record.text], kind="passage"))
        if self.leveled:
            self._row_language = np.append(self._row_language, self._language_code(record))
        self._levels = None
        self._delta = None
        self._index_tags(row, record.tags)
        self.changes_since_fit += 1

    def remove(self, record_id: str) -> None:
        """Forget one record (a no-op for unknown ids)."""
        if self._kill(record_id):
            del self._records[record_id]
            self.changes_since_fit += 1

    def remove_member(self, member_id: str) -> None:
        """Forget all records of a member, e.g. after erasure."""
        for record in self.records_of(member_id):
            self.remove(record.record_id)

    def _kill(self, record_id: str) -> bool:
        row = self._row_of.pop(record_id, None)
        if row is None:
            return False
        self._alive[row] = False
        self._record_count[self._row_member[row]] -= 1
        self._levels = None
        return True

    @property
    def needs_refit(self) -> bool:
        limit = max(
            self.config.min_refit_changes, self.config.refit_fraction * self._fitted_records
        )
        return self.changes_since_fit >= limit

    def refit(self) -> None:
        """Rebuild from the current records: fresh vocabulary, IDF and no dead rows."""
        self.fit(list(self._records.values()))

    def _vector(self, text: str, language: str | None) -> sparse.csr_matrix:
        return self.space.transform([analyse(text, language)])

    def _row_text_scores(self, query: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Rows with a non-zero cosine to ``query`` and those cosines (alive rows only)."""
        scores = np.zeros(len(self._row_records), dtype=np.float32)
        if query.nnz:
            cols, weights = query.indices, query.data
            if self._n_main:
                scores[: self._n_main] = self._main[:, cols] @ weights
            if self._delta_rows:
                if self._delta is None:
                    self._delta = sparse.vstack(self._delta_rows, format="csr")
                scores[self._n_main :] = self._delta[:, cols] @ weights
        scores[~self._alive] = 0
        rows = np.flatnonzero(scores > 0)
        return rows, scores[rows]

    def _member_tag_scores(self, tags: Sequence[str]) -> np.ndarray:
        """Per member: mean over challenge tags of the best similarity among their tags."""
        distinct = list(dict.fromkeys(canonical_tag(t) for t in tags if tag_key(t)))
        total = np.zeros(len(self._member_ids), dtype=np.float64)
        for tag in distinct:
            sims = similarity_to_vocabulary(tag, self._tag_vocab)
            best = np.zeros(len(self._member_ids), dtype=np.float64)
            for idx in np.flatnonzero(sims):
                rows = np.asarray(self._tag_rows[idx], dtype=np.int64)
                rows = rows[self._alive[rows]]
                np.maximum.at(best, self._row_member[rows], float(sims[idx]))
            total += best
        return total / max(len(distinct), 1)

    def score_vectors(
        self, text: str, tags: Sequence[str] = (), language: str | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dense per-member (text, tag) score vectors for one challenge."""
        rows, cos = self._row_text_scores(self._vector(text, language))
        text_scores = aggregate(
            rows, cos, self._row_member, self._record_count, self.config.aggregation
        )
        return text_scores, self._member_tag_scores(tags)

    def _all_cosines(self, queries: np.ndarray) -> np.ndarray:
        """(queries × rows) cosines; one matrix product for many queries is far cheaper than
        one matrix-vector product each (the record matrix is read once)."""
        assert self._semantic_main is not None
        parts = [queries @ self._semantic_main.T]
        if self._semantic_delta:
            if len(self._semantic_delta) > 1:
                self._semantic_delta = [np.vstack(self._semantic_delta)]
            parts.append(queries @ self._semantic_delta[0].T)
        return np.hstack(parts) if len(parts) > 1 else parts[0]

    def fit_query_bank(self, texts: Sequence[str]) -> None:
        """Centre every later challenge on the mean of ``texts`` in its language
        (``QueryBank``; a language with fewer than ``QUERY_BANK_MIN`` distinct texts is left
        as it is): pass the network's open challenges. Only for a leveled model (E5): under
        MiniLM's floor a centred cosine would score nothing. The language of a challenge is
        read from its words, here and when it is scored."""
        if not self.leveled or self.embeddings is None:
            return
        distinct = list(dict.fromkeys(texts))
        queries = self.embeddings.vectors(distinct, kind="query")
        self._query_bank = QueryBank.of(queries, _languages(distinct), len(LANGUAGES))
        self._primed = {}

    @property
    def query_bank(self) -> QueryBank | None:
        """The bank challenges are centred on (``fit_query_bank`` or ``use_query_bank``)."""
        return self._query_bank

    def use_query_bank(self, bank: QueryBank | None) -> None:
        """Centre every later challenge on a bank fitted elsewhere (the last re-match's, for
        a page that scores a few challenges); only for a leveled model, as ``fit_query_bank``."""
        if not self.leveled or self.embeddings is None:
            return
        self._query_bank = bank
        self._primed = {}

    def query_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Challenge vectors as the semantic scores use them: encoded as queries and, after
        ``fit_query_bank``, centred on their language's mean. A blockwise scorer must take its
        vectors here to compute the same record values."""
        if self.embeddings is None:
            raise RuntimeError("this engine has no semantic scorer")
        queries = self.embeddings.vectors(texts, kind="query")
        if self._query_bank is None:
            return queries
        return self._query_bank.centre(queries, _languages(texts))

    def prime(self, texts: Sequence[str]) -> None:
        """Compute the semantic cosines of several challenge texts at once, for the next
        ``top_k``/``scores`` of each (used by ``shortlist``); a no-op without the scorer."""
        if self.embeddings is None or not texts:
            return
        distinct = list(dict.fromkeys(texts))
        queries = self.query_vectors(distinct)
        cosines = self._all_cosines(queries)
        levels = self.semantic_levels().for_queries(queries) if self.leveled else None
        self._primed = {
            text: (cosines[i], None if levels is None else levels[i])
            for i, text in enumerate(distinct)
        }

    def row_cosines(self, text: str) -> np.ndarray:
        """Sentence-embedding cosine of ``text`` with every record row (dead rows 0); after
        ``fit_query_bank``, the product with the centred challenge vector."""
        if self.embeddings is None or self._semantic_main is None:
            raise RuntimeError("this engine has no semantic scorer")
        return self._row_cosines_and_levels(text)[0]

    def _row_cosines_and_levels(self, text: str) -> tuple[np.ndarray, np.ndarray | None]:
        """Cosines with every row (dead rows 0) and, for a leveled model, the challenge's level
        per record language."""
        if self.embeddings is None or self._semantic_main is None:
            raise RuntimeError("this engine has no semantic scorer")
        cos, levels = self._primed.pop(text, (None, None))
        if cos is None or len(cos) != len(self._alive):
            query = self.query_vectors([text])
            cos = self._all_cosines(query)[0]
            levels = self.semantic_levels().for_queries(query)[0] if self.leveled else None
        cos[~self._alive] = 0
        return cos, levels

    def row_semantic_scores(self, text: str, floor: float | None = None) -> np.ndarray:
        """Each record row's semantic score for ``text`` (dead rows 0)."""
        cos, levels = self._row_cosines_and_levels(text)
        scoring = self.semantic_scoring
        if floor is not None:
            scoring = replace(scoring, curve="floor", floor=floor)
        row_levels = None if levels is None else levels[self._row_language]
        scores = record_scores(cos, row_levels, scoring)
        scores[~self._alive] = 0
        return scores

    def semantic_scores(
        self,
        text: str,
        *,
        floor: float | None = None,
        aggregation: Aggregation | None = None,
    ) -> np.ndarray | None:
        """Dense per-member semantic scores for one challenge, or None without the scorer."""
        if self.embeddings is None:
            return None
        scores = self.row_semantic_scores(text, floor)
        rows = np.flatnonzero(scores > 0)
        return aggregate(
            rows,
            scores[rows],
            self._row_member,
            self._record_count,
            aggregation or self.config.semantic_aggregation,
        )

    def combine(
        self,
        text_scores: np.ndarray,
        tag_scores: np.ndarray,
        has_tags: bool,
        semantic_scores: np.ndarray | None = None,
    ) -> np.ndarray:
        """Weighted mix of TF-IDF, tags (only when the challenge has tags) and semantic."""
        parts = [(self.config.text_weight, text_scores)]
        if has_tags:
            parts.append((self.config.tag_weight, tag_scores))
        if semantic_scores is not None:
            parts.append((self.semantic_scoring.weight, semantic_scores))
        if len(parts) == 1:
            return text_scores
        total = sum(weight for weight, _ in parts)
        return sum(weight * scores for weight, scores in parts) / total

    def top_k(
        self,
        text: str,
        tags: Sequence[str] = (),
        k: int = 10,
        *,
        language: str | None = None,
        exclude: Collection[str] = (),
    ) -> list[MemberScore]:
        """The ``k`` best members with a positive score, skipping ``exclude``."""
        text_scores, tag_scores = self.score_vectors(text, tags, language)
        semantic = self.semantic_scores(text)
        has_tags = any(tag_key(t) for t in tags)
        total = self.combine(text_scores, tag_scores, has_tags, semantic)
        for member_id in exclude:
            idx = self._member_index.get(member_id)
            if idx is not None:
                total[idx] = 0
        candidates = np.flatnonzero(total > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-total[candidates], k - 1)[:k]]
        order = candidates[np.lexsort((candidates, -total[candidates]))]
        return [
            MemberScore(
                self._member_ids[i],
                float(total[i]),
                float(text_scores[i]),
                float(tag_scores[i]),
                {} if semantic is None else {"semantic": float(semantic[i])},
            )
            for i in order
        ]

    def scores(
        self, text: str, tags: Sequence[str] = (), *, language: str | None = None
    ) -> dict[str, float]:
        """Every member's combined score for one challenge (zeros included)."""
        text_scores, tag_scores = self.score_vectors(text, tags, language)
        semantic = self.semantic_scores(text)
        total = self.combine(text_scores, tag_scores, any(tag_key(t) for t in tags), semantic)
        return dict(zip(self._member_ids, total.tolist(), strict=True))

    def explain(
        self, text: str, tags: Sequence[str], member_id: str, *, language: str | None = None
    ) -> Explanation:
        """Shared terms and matched tags behind ``member_id``'s score for a challenge; with
        neither and the semantic scorer on, a sentence saying the match rests on meaning."""
        records = self.records_of(member_id)
        query = self._vector(text, language)
        vectors = self.space.transform([analyse(r.text, r.language) for r in records])
        if self._feature_names is None:
            self._feature_names = self.space.word_names()
        return explain_match(
            member_id,
            query,
            vectors,
            records,
            self._feature_names,
            tags,
            by_meaning=self.embeddings is not None,
        )


def _languages(texts: Sequence[str]) -> np.ndarray:
    """Each challenge text's language code (``LANGUAGES``), read from its words."""
    codes = [LANGUAGES.index(resolve_language(None, surface_tokens(t))) for t in texts]
    return np.array(codes, dtype=np.int64)
