"""Ways to turn one challenge's embedding cosines to every record into scores in [0, 1].

The engine rescales a cosine from [floor, 1] to [0, 1]. That suits all-MiniLM-L6-v2, whose
unrelated texts sit at cosine 0-0.3, but not multilingual-e5-small, whose unrelated texts sit
at ≈ 0.80 and related ones at 0.85-0.92, with a level that moves with the challenge and its
language. The candidates here are compared by ``benchmarks/semantic_calibration.py``; each
needs only the challenge's row of cosines (``standard_scale`` only its mean and standard
deviation, which equal ``q·μ`` and ``sqrt(qᵀΣq)`` for the records' mean vector ``μ`` and
covariance ``Σ``, so a blockwise scorer can compute it without the full row).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Scale = Callable[[np.ndarray], np.ndarray]
"""One challenge's cosines to every record → per-record scores in [0, 1]."""


def floor_scale(floor: float) -> Scale:
    """The engine's rescale: [floor, 1] → [0, 1], anything under the floor 0."""

    def scale(cos: np.ndarray) -> np.ndarray:
        return np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0)

    return scale


def range_scale(low: float, high: float) -> Scale:
    """A fixed window [low, high] → [0, 1]: a floor and a spread fitted to the model."""

    def scale(cos: np.ndarray) -> np.ndarray:
        return np.clip((cos - low) / (high - low), 0.0, 1.0)

    return scale


def median_max_scale() -> Scale:
    """(cos − median) / (max − median) of the challenge's row: its best record scores 1."""

    def scale(cos: np.ndarray) -> np.ndarray:
        middle, top = float(np.median(cos)), float(cos.max())
        return np.clip((cos - middle) / max(top - middle, 1e-6), 0.0, 1.0)

    return scale


def shift_scale(offset: float, width: float) -> Scale:
    """The challenge's mean cosine moved to ``offset`` below the window of ``width``:
    (cos − mean − offset) / width, so the level adapts per challenge, the spread does not."""

    def scale(cos: np.ndarray) -> np.ndarray:
        return np.clip((cos - float(cos.mean()) - offset) / width, 0.0, 1.0)

    return scale


def standard_scale(z_low: float, z_high: float) -> Scale:
    """The cosine's z-score among the challenge's records, [z_low, z_high] → [0, 1]."""

    def scale(cos: np.ndarray) -> np.ndarray:
        z = (cos - float(cos.mean())) / max(float(cos.std()), 1e-6)
        return np.clip((z - z_low) / (z_high - z_low), 0.0, 1.0)

    return scale


def logistic_scale(centre: float, width: float, *, relative: bool = False) -> Scale:
    """A calibrated curve: 1 / (1 + exp(−(cos − centre) / width)), dense (every record keeps
    its order) but near 0 for the unrelated level and near 1 for clearly related records.
    ``relative`` measures the cosine from the challenge's mean cosine over all records."""

    def scale(cos: np.ndarray) -> np.ndarray:
        level = float(cos.mean()) if relative else 0.0
        return 1.0 / (1.0 + np.exp(-(cos - level - centre) / width))

    return scale


class GroupScale:
    """``logistic_scale(relative=True)`` with the level taken per record language: a record's
    cosine is measured from the challenge's mean cosine over the records in its language
    (``q·μ_lang``), so Dutch and English records compete on equal terms for one challenge. A
    language with fewer than ``min_rows`` records takes the mean over all records (a mean
    of a handful of cosines moves with the one relevant record among them)."""

    def __init__(self, centre: float, width: float, min_rows: int = 20) -> None:
        self.centre, self.width, self.min_rows = centre, width, min_rows

    def __call__(self, cos: np.ndarray) -> np.ndarray:
        return self.by_group(cos, np.zeros(len(cos), dtype=int))

    def by_group(self, cos: np.ndarray, groups: np.ndarray) -> np.ndarray:
        level = np.full(len(cos), float(cos.mean()))
        for group in np.unique(groups):
            mine = groups == group
            if mine.sum() >= self.min_rows:
                level[mine] = cos[mine].mean()
        return 1.0 / (1.0 + np.exp(-(cos - level - self.centre) / self.width))
