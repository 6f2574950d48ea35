"""Feedback nudges scores, within a hard bound: at most ±FEEDBACK_WEIGHT of a score.

Only what requesters said about experts counts, and only `useful` / `not_useful` (a meeting
that did not happen says nothing about expertise). A prior of PRIOR answers keeps one or two
verdicts from moving anyone much; the text and tags stay what decides a proposal.
"""

from __future__ import annotations

from collections.abc import Mapping

from matching.shortlists import Shortlists

FEEDBACK_WEIGHT = 0.1
PRIOR = 3


def feedback_factor(useful: int, not_useful: int) -> float:
    """A multiplier in [1 - FEEDBACK_WEIGHT, 1 + FEEDBACK_WEIGHT] (strictly inside)."""
    answers = useful + not_useful
    if answers <= 0:
        return 1.0
    return 1.0 + FEEDBACK_WEIGHT * (useful - not_useful) / (answers + PRIOR)


def adjust(
    scores: Mapping[str, Mapping[str, float]], factors: Mapping[str, float]
) -> Mapping[str, Mapping[str, float]]:
    """Scores (challenge → expert → score) times each expert's factor, kept within [0, 1]
    (on a re-match's ``Shortlists``, on its arrays)."""
    if isinstance(scores, Shortlists):
        return scores.scaled(factors)
    return {
        challenge: {
            expert: min(1.0, max(0.0, score * factors.get(expert, 1.0)))
            for expert, score in experts.items()
        }
        for challenge, experts in scores.items()
    }
