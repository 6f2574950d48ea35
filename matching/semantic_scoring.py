"""How a sentence-embedding cosine becomes a semantic score, per model.

Models place their cosines differently. all-MiniLM-L6-v2 gives unrelated texts 0-0.3, so a
cosine is rescaled from a floor (0.15) to [0, 1]. multilingual-e5-small gives unrelated texts
about 0.80 and related ones 0.85-0.92, and that level moves with the challenge and with the
record's language (for a Dutch challenge, Dutch records sit about 0.03 higher than English
ones of the same relevance). So for E5 a record scores by how far its cosine stands above the
challenge's *level*, the mean cosine of the challenge with all live records in the record's
language, through a logistic curve: a record at the level scores about 0.05, one 0.08 above it
about 0.7. The level is linear in the query (mean of q·v = q·μ, μ the mean record vector of
that language), so the engine and the blockwise candidates compute it the same way.

Chosen with ``benchmarks/semantic_calibration.py`` and ``benchmarks/matching_quality.py
--bilingual --scoring calibrated`` (README, "Semantic matching"): against the MiniLM blend the
pairwise error falls on every set (bilingual hand set nl→nl 0.218 → 0.143, en→en 0.113 →
0.103, nl→en 0.241 → 0.137, en→nl 0.203 → 0.108; synthetic 0.096 → 0.088) while fewer unrelated
members pass ``MIN_SCORE`` (synthetic 10.3% → 5.6%).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Curve = Literal["floor", "logistic"]


@dataclass(frozen=True)
class SemanticScoring:
    """A model's cosine → score curve, its weight beside TF-IDF and tags, and its gate."""

    curve: Curve
    weight: float
    """Beside TF-IDF 0.5 and tags 0.5."""
    floor: float = 0.15
    """``floor``: cosines from the floor to 1 map to 0-1 (under it: 0)."""
    centre: float = 0.06
    width: float = 0.02
    """``logistic``: 1 / (1 + exp(-(cos - level - centre) / width))."""
    gate: float = 0.1
    """``SEMANTIC_MIN`` of ``propose``: the best candidate by meaning is proposable from here."""
    gate_languages: frozenset[str] = frozenset({"en"})
    """Challenge languages the gate is open for: those the model was measured to know."""
    level_min_rows: int = 20
    """A language with fewer live records takes the level of all records."""


FLOOR_SCORING = SemanticScoring("floor", 0.1)
"""all-MiniLM-L6-v2's settings (README, "Semantic matching": weight 0.1, floor 0.15, gate 0.10
for English challenges)."""
LOGISTIC_SCORING = SemanticScoring(
    "logistic", 0.5, centre=0.06, width=0.02, gate=0.25, gate_languages=frozenset({"nl", "en"})
)
"""multilingual-e5-small's settings: weight 0.5 is the largest that keeps every share of
unrelated members over MIN_SCORE at or under MiniLM's; the gate at 0.25 adds no unrelated
proposal on the hand sets' main columns where 0.20 adds 11."""


def language_means(
    vectors: np.ndarray, alive: np.ndarray, row_language: np.ndarray, n_languages: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per language code the mean vector of the live rows (float64) and their number, and
    the mean vector of all live rows."""
    means = np.zeros((n_languages, vectors.shape[1]), dtype=np.float64)
    counts = np.bincount(row_language[alive], minlength=n_languages)
    for code in range(n_languages):
        rows = alive & (row_language == code)
        if counts[code]:
            means[code] = vectors[rows].mean(axis=0, dtype=np.float64)
    total = counts.sum()
    overall = (means * counts[:, None]).sum(axis=0) / max(int(total), 1)
    return means, counts, overall


@dataclass(frozen=True)
class Levels:
    """What the logistic curve needs of the record pool: per language its mean vector."""

    means: np.ndarray
    """(languages × dimensions): the mean of a language's live rows, or of all rows when that
    language has fewer than ``level_min_rows``."""

    @classmethod
    def of(
        cls,
        vectors: np.ndarray,
        alive: np.ndarray,
        row_language: np.ndarray,
        n_languages: int,
        min_rows: int,
    ) -> Levels:
        means, counts, overall = language_means(vectors, alive, row_language, n_languages)
        chosen = np.where((counts >= min_rows)[:, None], means, overall[None, :])
        return cls(chosen)

    def for_queries(self, queries: np.ndarray) -> np.ndarray:
        """(queries × languages): each query's level per record language."""
        return queries.astype(np.float64) @ self.means.T


def record_scores(
    cosines: np.ndarray, row_levels: np.ndarray | None, scoring: SemanticScoring
) -> np.ndarray:
    """Per record row, its semantic score in [0, 1] (0 for a cosine under the floor)."""
    if scoring.curve == "floor":
        shifted = (cosines - scoring.floor) / (1.0 - scoring.floor)
        return np.clip(shifted, 0.0, 1.0)
    assert row_levels is not None
    z = (cosines - row_levels - scoring.centre) / scoring.width
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


QUERY_BANK_STRETCH = 1.15
"""Centred record values are multiplied by this. Taking ``ν`` off narrows the spread of a
challenge's values over the records to about 0.87 of the raw one (0.83-0.90 on the bilingual
hand set's columns and the synthetic set), and the curve's centre (0.06) and width (0.02)
were calibrated on raw values: stretched back, a clear match on meaning alone passes the gate
as before (README, "Semantic matching")."""
CENTRE_CHUNK = 4_096
"""Queries centred at a time (float64, 12 MB)."""
QUERY_BANK_MIN = 20
"""Open challenges a language needs before its challenges are centred: with 3-10 the mean
moves with the few topics asked and English challenges ordered worse on the bilingual hand
set (en→nl 0.108 → 0.12); from 20 the gain holds (README, "Semantic matching")."""


@dataclass(frozen=True)
class QueryBank:
    """Per challenge language the mean vector ν of the network's open challenges.

    A challenge's record value ``q·(v − μ)`` carries ``ν·(v − μ)``, a share every challenge
    of that language gives the record alike: records that resemble a typical question
    ("hubs") lead for challenges they do not answer. Scoring with ``q − ν`` removes that
    share (query-bank normalisation); it changes only the query vector, so the level, the
    curve and a blockwise bound computed from the centred vector stay exact.
    """

    means: np.ndarray
    """(languages × dimensions): ν per language, zero for a language with fewer than
    ``QUERY_BANK_MIN`` challenges (those challenges are left as they are)."""
    counts: np.ndarray
    """Challenges per language that ``means`` was taken over (0 where it is zero)."""

    @classmethod
    def of(
        cls,
        queries: np.ndarray,
        query_language: np.ndarray,
        n_languages: int,
        min_rows: int = QUERY_BANK_MIN,
    ) -> QueryBank:
        alive = np.ones(len(queries), dtype=bool)
        means, counts, _ = language_means(queries, alive, query_language, n_languages)
        banked = counts >= min_rows
        return cls(np.where(banked[:, None], means, 0.0), np.where(banked, counts, 0))

    def centre(self, queries: np.ndarray, query_language: np.ndarray) -> np.ndarray:
        """Each query minus its language's ν, stretched by ``QUERY_BANK_STRETCH`` (float32,
        not normalised: the record values keep the spread the logistic curve was calibrated
        for); queries of a language without a bank are returned as they are. Taken in chunks:
        the 100,000 challenges of a re-match at once made four float64 arrays of 300 MB, a
        second of page faults before any challenge was scored."""
        banked_language = np.any(self.means != 0.0, axis=1)
        out = np.empty(queries.shape, dtype=np.float32)
        for start in range(0, len(queries), CENTRE_CHUNK):
            language = query_language[start : start + CENTRE_CHUNK]
            centred = queries[start : start + CENTRE_CHUNK].astype(np.float64)
            centred -= self.means[language]
            centred[banked_language[language]] *= QUERY_BANK_STRETCH
            out[start : start + CENTRE_CHUNK] = centred
        return out
