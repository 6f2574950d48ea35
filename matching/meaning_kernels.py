"""The exact meaning scores of a re-match's candidates, compiled by numba.

A challenge's candidates need the exact semantic score of a few hundred members: their
records' values (a dot product each, computed once per challenge), the logistic curve, and
the mean of each member's best few; and the curve at many members' best values for their
bounds, read as upper bounds from a table (an exp per member was an eighth of the candidates'
time at 100,000 members). As numpy calls that was a gather of rows, a product, the curve, a
clip and a sum by member, each on a fresh array. Here each is one loop: on one core, 4,096
challenges of a 20,000-member network with E5's vectors and a sketch took 1.31 ms a challenge
against 1.57 (three alternating runs each), with the same shortlists.

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
    stamp: np.ndarray,
    generation: int,
) -> np.ndarray:
    """Each position's value ``matrix[p] · query``, computed into ``taken`` where ``stamp``
    does not mark it as this challenge's ``generation`` yet (and then marked)."""
    _fill(positions, len(positions), matrix, query, taken, stamp, generation)
    out = np.empty(len(positions), dtype=np.float32)
    for i in range(len(positions)):
        out[i] = taken[positions[i]]
    return out


@njit(cache=True)
def refine_best(
    slots: np.ndarray,
    slot_member: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    stamp: np.ndarray,
    generation: int,
    bounds: np.ndarray,
) -> None:
    """Each of ``slots``' bound replaced by its member's exact best record value (each value
    computed into ``taken`` once, as ``values_at``)."""
    members = np.empty(len(slots), dtype=np.int64)
    for i in range(len(slots)):
        members[i] = slot_member[slots[i]]
    _fill_members(members, start, count, matrix, query, taken, stamp, generation)
    for i in range(len(slots)):
        m = members[i]
        best = _value(start[m], matrix, query, taken, stamp, generation)
        for r in range(1, count[m]):
            value = _value(start[m] + r, matrix, query, taken, stamp, generation)
            if value > best:
                best = value
        bounds[slots[i]] = best


@njit(cache=True)
def logistic_member_scores(
    members: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    record_count: np.ndarray,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    stamp: np.ndarray,
    generation: int,
    centre: float,
    width: float,
    kept: int,
) -> np.ndarray:
    """Each member's semantic score: the mean of its ``kept`` best record scores
    ``1 / (1 + exp(-(value - centre) / width))``, divided by its record count up to ``kept``
    (``aggregate``'s top-k; ``kept`` 1 is its max)."""
    _fill_members(members, start, count, matrix, query, taken, stamp, generation)
    out = np.zeros(len(members))
    best = np.empty(kept)
    for i in range(len(members)):
        m = members[i]
        filled = 0
        for r in range(count[m]):
            value = _value(start[m] + r, matrix, query, taken, stamp, generation)
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
def logistic_bound_at(
    best: np.ndarray,
    slot: np.ndarray,
    members: np.ndarray,
    table: np.ndarray,
    low: float,
    per_step: float,
) -> np.ndarray:
    """An upper bound of the curve at each of ``members``' best value (by slot; 0 where it
    is not finite), read from ``table`` (``bound_table``) instead of computing an exp."""
    out = np.zeros(len(members))
    for i in range(len(members)):
        value = best[slot[members[i]]]
        if np.isfinite(value):
            out[i] = _bound(value, table, low, per_step)
    return out


@njit(cache=True)
def logistic_bound_of(
    values: np.ndarray, table: np.ndarray, low: float, per_step: float
) -> np.ndarray:
    """``logistic_bound_at`` for values given directly (0 where not finite)."""
    out = np.zeros(len(values))
    for i in range(len(values)):
        if np.isfinite(values[i]):
            out[i] = _bound(values[i], table, low, per_step)
    return out


@njit(cache=True, inline="always")
def _bound(value: np.float32, table: np.ndarray, low: float, per_step: float) -> float:
    """The table's entry at the first grid point above ``value`` (the curve rises, so that
    entry is at least the curve at the value); under the grid its first entry, above it 1."""
    at = (np.float64(value) - low) * per_step
    if at < 0.0:
        return table[0]
    if at >= len(table) - 1:
        return 1.0
    return table[int(at) + 1]


@njit(cache=True, inline="always")
def _logistic(value: np.float32, centre: float, width: float) -> float:
    """``record_scores``' curve at a centred value, in its order of operations."""
    z = (np.float64(value) - centre) / width
    z = min(max(z, -60.0), 60.0)
    return 1.0 / (1.0 + np.exp(-z))


@njit(cache=True)
def _fill_members(
    members: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    stamp: np.ndarray,
    generation: int,
) -> None:
    """``_fill`` for every record of ``members``."""
    total = 0
    for i in range(len(members)):
        total += count[members[i]]
    positions = np.empty(total, dtype=np.int64)
    at = 0
    for i in range(len(members)):
        m = members[i]
        for r in range(count[m]):
            positions[at] = start[m] + r
            at += 1
    _fill(positions, total, matrix, query, taken, stamp, generation)


@njit(cache=True)
def _fill(
    positions: np.ndarray,
    n: int,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    stamp: np.ndarray,
    generation: int,
) -> None:
    """The values at ``positions[:n]`` not yet this challenge's, computed into ``taken``
    and marked, four rows at a time. The rows lie anywhere in a matrix of hundreds of MB,
    so one row's dot product mostly waits for memory; four at once keep four rows' loads
    in flight (at 100,000 members, 512 rows in 0.24 ms against 0.41 one by one)."""
    pending = np.empty(n, dtype=np.int64)
    waiting = 0
    for i in range(n):
        p = positions[i]
        if stamp[p] != generation:
            stamp[p] = generation
            pending[waiting] = p
            waiting += 1
    i = 0
    while i + 4 <= waiting:
        a, b, c, d = pending[i], pending[i + 1], pending[i + 2], pending[i + 3]
        sa, sb, sc, sd = _dot4(matrix[a], matrix[b], matrix[c], matrix[d], query)
        taken[a], taken[b] = np.float32(sa), np.float32(sb)
        taken[c], taken[d] = np.float32(sc), np.float32(sd)
        i += 4
    for j in range(i, waiting):
        taken[pending[j]] = np.float32(_dot(matrix[pending[j]], query))


@njit(cache=True, fastmath={"reassoc", "contract"})
def _dot4(
    a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, query: np.ndarray
) -> tuple[float, float, float, float]:
    """Four rows' ``_dot`` in one pass over the query."""
    sa = sb = sc = sd = 0.0
    for k in range(len(query)):
        x = np.float64(query[k])
        sa += np.float64(a[k]) * x
        sb += np.float64(b[k]) * x
        sc += np.float64(c[k]) * x
        sd += np.float64(d[k]) * x
    return sa, sb, sc, sd


@njit(cache=True, inline="always")
def _value(
    position: int,
    matrix: np.ndarray,
    query: np.ndarray,
    taken: np.ndarray,
    stamp: np.ndarray,
    generation: int,
) -> np.float32:
    """The value at ``position``: ``taken``'s when ``stamp`` marks it as this challenge's
    (``generation``), else computed into it."""
    if stamp[position] != generation:
        taken[position] = np.float32(_dot(matrix[position], query))
        stamp[position] = generation
    return taken[position]


@njit(cache=True, fastmath={"reassoc", "contract"})
def _dot(row: np.ndarray, query: np.ndarray) -> float:
    """``row · query`` summed in float64, in whatever order the vector units like best."""
    total = 0.0
    for d in range(len(query)):
        total += np.float64(row[d]) * np.float64(query[d])
    return total
