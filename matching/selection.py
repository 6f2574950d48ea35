"""The ``k``-th largest of many values and where the values reach it, without a full partition.

A re-match's candidates ask this twice per challenge over every member's meaning bound
(100,000 values, ``k`` 80 and 256). ``np.partition`` moves all of them each time; a strided
sample gives a threshold that only a few hundred values pass, and the exact ``k``-th largest
is the partition of those. The answer is the same as the full partition's whatever the
sample, which only decides how much work it takes: when fewer than ``k`` values pass (an
unlucky order of the values), the full partition is taken instead.
"""

from __future__ import annotations

import numpy as np

STRIDE = 32
"""Every 32nd value is sampled."""
SPARE = 2.5
"""The threshold is the sample's value expected to let about ``SPARE × k`` values pass."""


def top_k_at_least(values: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    """The ``k``-th largest of ``values`` (``1 ≤ k ≤ len(values)``) and the ascending
    positions of every value at least that large (ties included: there may be more than
    ``k``)."""
    n = len(values)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and {n}, not {k}")
    if n >= 16 * k:  # else the sample is too small to say much, and the partition cheap
        sample = values[::STRIDE]
        rank = min(len(sample), int(np.ceil(SPARE * k / STRIDE)))
        threshold = np.partition(sample, len(sample) - rank)[len(sample) - rank]
        passed = np.flatnonzero(values >= threshold)
        if len(passed) >= k:
            kept = values[passed]
            cut = np.partition(kept, len(kept) - k)[len(kept) - k]
            return float(cut), passed[kept >= cut]
    cut = np.partition(values, n - k)[n - k]
    return float(cut), np.flatnonzero(values >= cut)
