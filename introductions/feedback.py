"""Each expert's feedback factor, counted from what requesters said about their introductions."""

from __future__ import annotations

from collections import Counter

from introductions.tables import Feedback, Introduction
from matching.feedback_weight import feedback_factor


async def load_feedback_factors() -> dict[str, float]:
    """Each expert's factor from the requesters' feedback; experts without any are absent."""
    rows = await Introduction.select(Introduction.expert, Introduction.requester_feedback).where(
        Introduction.requester_feedback.is_in([Feedback.useful, Feedback.not_useful])
    )
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        counts.setdefault(str(row["expert"]), Counter())[row["requester_feedback"]] += 1
    return {
        expert: feedback_factor(c[Feedback.useful], c[Feedback.not_useful])
        for expert, c in counts.items()
    }
