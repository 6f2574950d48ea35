"""All-pairs text affinity between challenges and experts (the stable batch API)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from matching.aggregate import Aggregation, aggregate
from matching.text import TextConfig, TextSpace, analyse

CHUNK = 256
"""Challenges scored per sparse product, bounding memory for thousands × thousands."""


def affinity(
    challenges: Mapping[str, str],
    experts: Mapping[str, Sequence[str]],
    *,
    config: TextConfig | None = None,
    aggregation: Aggregation = "max",
) -> dict[str, dict[str, float]]:
    """Score every challenge against every expert; higher is a better fit.

    IDF is fitted on the challenges and all expertise texts together, each expertise text
    is compared with the challenge by TF-IDF cosine, and an expert's texts are aggregated
    per ``aggregation`` (``max`` by default: one strong record beats many weak ones).
    Empty texts score 0.
    """
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
    result: dict[str, dict[str, float]] = {}
    for start in range(0, len(challenge_ids), CHUNK):
        block = (queries[start : start + CHUNK] @ records).tocsr()
        for offset in range(block.shape[0]):
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            member_scores = aggregate(
                block.indices[lo:hi], block.data[lo:hi], members, counts, aggregation
            )
            result[challenge_ids[start + offset]] = dict(
                zip(expert_ids, member_scores.tolist(), strict=True)
            )
    return result
