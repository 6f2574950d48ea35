"""All-pairs text affinity between challenges and experts (the stable batch API)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from matching.aggregate import Aggregation, aggregate
from matching.engine import (
    AUTO,
    SEMANTIC_AGGREGATION,
    TEXT_WEIGHT,
    TFIDF_SCORER,
)
from matching.semantic import Embeddings, scoring_for
from matching.semantic_scoring import Levels, record_scores
from matching.text import (
    LANGUAGES,
    TextConfig,
    TextSpace,
    analyse,
    resolve_language,
    surface_tokens,
)

CHUNK = 256
"""Challenges scored per sparse product, bounding memory for thousands × thousands."""


class Affinity(dict[str, dict[str, float]]):
    """challenge → expert → score, plus ``scorer``: which scorer produced it."""

    scorer: str = TFIDF_SCORER


def affinity(
    challenges: Mapping[str, str],
    experts: Mapping[str, Sequence[str]],
    *,
    config: TextConfig | None = None,
    aggregation: Aggregation = "max",
    embeddings: Embeddings | Literal["auto"] | None = AUTO,
) -> Affinity:
    """Score every challenge against every expert; higher is a better fit.

    IDF is fitted on the challenges and all expertise texts together, each expertise text
    is compared with the challenge by TF-IDF cosine, and an expert's texts are aggregated
    per ``aggregation`` (``max`` by default: one strong record beats many weak ones).
    With the semantic extra (``embeddings``, ``"auto"`` by default) the sentence-embedding
    score joins in as in ``Engine`` (no tags here); ``result.scorer`` says which was used.
    Empty texts score 0.
    """
    if embeddings == AUTO:
        embeddings = Embeddings.default()
    expert_ids = list(experts)
    challenge_ids = list(challenges)
    row_member: list[int] = []
    record_stems: list[list[str]] = []
    for member, texts in enumerate(experts.values()):
        for text in texts:
            record_stems.append(analyse(text or ""))
            row_member.append(member)
    challenge_stems = [analyse(challenges[c] or "") for c in challenge_ids]
    space = TextSpace(config or TextConfig())
    matrix = space.fit_transform(record_stems + challenge_stems)
    records = matrix[: len(record_stems)].T.tocsr()
    queries = matrix[len(record_stems) :]
    members = np.asarray(row_member, dtype=np.int64)
    counts = np.bincount(members, minlength=len(expert_ids))
    result = Affinity()
    record_vectors = query_vectors = query_levels = row_language = None
    if embeddings is not None:
        result.scorer = f"{embeddings.version}+tfidf+tags"
        scoring = scoring_for(embeddings.version)
        texts = [text or "" for texts in experts.values() for text in texts]
        record_vectors = embeddings.vectors(texts, kind="passage")
        query_vectors = embeddings.vectors(
            [challenges[c] or "" for c in challenge_ids], kind="query"
        )
        if scoring.curve == "logistic" and texts:
            row_language = np.array(
                [LANGUAGES.index(resolve_language(None, surface_tokens(t))) for t in texts],
                dtype=np.int64,
            )
            levels = Levels.of(
                record_vectors,
                np.ones(len(texts), dtype=bool),
                row_language,
                len(LANGUAGES),
                scoring.level_min_rows,
            )
            query_levels = levels.for_queries(query_vectors)
    for start in range(0, len(challenge_ids), CHUNK):
        block = (queries[start : start + CHUNK] @ records).tocsr()
        for offset in range(block.shape[0]):
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            member_scores = aggregate(
                block.indices[lo:hi], block.data[lo:hi], members, counts, aggregation
            )
            if record_vectors is not None and query_vectors is not None:
                cos = record_vectors @ query_vectors[start + offset]
                row_levels = (
                    None
                    if query_levels is None or row_language is None
                    else query_levels[start + offset][row_language]
                )
                scored = record_scores(cos, row_levels, scoring)
                rows = np.flatnonzero(scored > 0)
                semantic = aggregate(rows, scored[rows], members, counts, SEMANTIC_AGGREGATION)
                member_scores = (TEXT_WEIGHT * member_scores + scoring.weight * semantic) / (
                    TEXT_WEIGHT + scoring.weight
                )
            result[challenge_ids[start + offset]] = dict(
                zip(expert_ids, member_scores.tolist(), strict=True)
            )
    return result
