"""The exact meaning scores of a re-match's candidates, compiled by numba.

A challenge's candidates need the exact semantic score of a few hundred members: their
records' values (a dot product each, computed once per challenge), the logistic curve, and
the mean of each member's best few; and the curve at many members' best values for their
bounds. As numpy calls that was a gather of rows, a product, the curve, a clip and a sum by
member, each on a fresh array. Here each is one loop: on one core, 4,096 challenges of a
20,000-member network with E5's vectors and a sketch took 1.31 ms a challenge against 1.57
(three alternating runs each), with the same shortlists.

Values are dot products accumulated in float64 and stored as float32 (one rounding, where
BLAS's float32 sums round at every step), so they stay under a sketch's bound
(``semantic_sketch.SLACK`` covers a float32 product's error). The curve and the sums are the
engine's (``record_scores``, then ``aggregate``: a member's best scores, largest first).

Imported only where a re-match scores meaning, as ``candidate_kernels``.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def values_at(
    positions: np.ndarray,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    known: np.ndarray,
) -> np.ndarray:
    """Each position's value ``matrix[p] · query``, computed into ``taken`` where ``known``
    is not yet set (and then set)."""
    out = np.empty(len(positions), dtype=np.float32)
    for i in range(len(positions)):
        out[i] = _value(positions[i], matrix, query, taken, known)
    return out


@njit(cache=True)
def logistic_member_scores(
    members: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    record_count: np.ndarray,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    known: np.ndarray,
    centre: float,
    width: float,
    kept: int,
) -> np.ndarray:
    """Each member's semantic score: the mean of its ``kept`` best record scores
    ``1 / (1 + exp(-(value - centre) / width))``, divided by its record count up to ``kept``
    (``aggregate``'s top-k; ``kept`` 1 is its max)."""
    out = np.zeros(len(members))
    best = np.empty(kept)
    for i in range(len(members)):
        m = members[i]
        filled = 0
        for r in range(count[m]):
            value = _value(start[m] + r, matrix, query, taken, known)
            score = _logistic(value, centre, width)
            at = filled if filled < kept else kept - 1
            if filled == kept and score <= best[at]:
                continue
            while at > 0 and best[at - 1] < score:  # kept largest first
                best[at] = best[at - 1]
                at -= 1
            best[at] = score
            if filled < kept:
                filled += 1
        total = 0.0
        for j in range(filled):
            total += best[j]
        out[i] = total / min(max(record_count[m], 1), kept)
    return out


@njit(cache=True)
def logistic_at(
    best: np.ndarray, slot: np.ndarray, members: np.ndarray, centre: float, width: float
) -> np.ndarray:
    """The curve at each of ``members``' best value (by slot; 0 where it is not finite)."""
    out = np.zeros(len(members))
    for i in range(len(members)):
        value = best[slot[members[i]]]
        if np.isfinite(value):
            out[i] = _logistic(value, centre, width)
    return out


@njit(cache=True, inline="always")
def _logistic(value: np.float32, centre: float, width: float) -> float:
    """``record_scores``' curve at a centred value, in its order of operations."""
    z = (np.float64(value) - centre) / width
    z = min(max(z, -60.0), 60.0)
    return 1.0 / (1.0 + np.exp(-z))


@njit(cache=True, inline="always")
def _value(
    position: int, matrix: np.ndarray, query: np.ndarray, taken: np.ndarray, known: np.ndarray
) -> np.float32:
    if not known[position]:
        taken[position] = np.float32(_dot(matrix[position], query))
        known[position] = True
    return taken[position]


@njit(cache=True, fastmath={"reassoc", "contract"})
def _dot(row: np.ndarray, query: np.ndarray) -> float:
    """``row · query`` summed in float64, in whatever order the vector units like best."""
    total = 0.0
    for d in range(len(query)):
        total += np.float64(row[d]) * np.float64(query[d])
    return total
