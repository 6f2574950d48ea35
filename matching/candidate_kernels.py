"""The inner loops of the re-match's candidates (``candidates.py``), compiled by numba.

Per challenge the candidates read a few thousand posting entries and score a hundred
members exactly: work of tens of microseconds that took about a millisecond as sixty numpy
calls, each paying Python's overhead and a pass over fresh arrays. These functions do the
same arithmetic in one pass each, in the same order (so the scores are the same bits).

Imported only where a re-match builds its candidates: importing numba costs half a second,
which every ``kring`` command would otherwise pay. ``cache=True`` keeps the machine code
beside this file, so a process compiles only when the code or numba changed.
"""

from __future__ import annotations

import numpy as np
from numba import njit

DENSE_LOOKUP = 8
"""A posting is spread into a dense array for a lookup when it is shorter than this many
times the members looked up (else each member is found by binary search)."""


@njit(cache=True)
def gather(
    pool_members: np.ndarray,
    pool_values: np.ndarray,
    lo: int,
    hi: int,
    members: np.ndarray,
    dense: np.ndarray,
) -> np.ndarray:
    """The value of posting ``lo:hi`` (sorted members) for each of ``members`` (0 when it
    does not hold the feature). ``dense``: a zeroed array over all members, left zeroed."""
    out = np.zeros(len(members))
    size = hi - lo
    if size == 0 or len(members) == 0:
        return out
    if size < DENSE_LOOKUP * len(members):
        for p in range(lo, hi):
            dense[pool_members[p]] = pool_values[p]
        for i in range(len(members)):
            out[i] = dense[members[i]]
        for p in range(lo, hi):
            dense[pool_members[p]] = 0.0
        return out
    posting = pool_members[lo:hi]
    for i in range(len(members)):
        at = np.searchsorted(posting, members[i])
        if at < size and posting[at] == members[i]:
            out[i] = pool_values[lo + at]
    return out


@njit(cache=True)
def union(
    pool_members: np.ndarray,
    pool_values: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    shares: np.ndarray,
    acc: np.ndarray,
    seen: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Members holding any of the postings ``los[i]:his[i]``, in order of first appearance,
    and the sum of ``shares[i] ×`` their values. ``acc`` (zeroed) and ``seen`` (False) are
    arrays over all members, left as they were."""
    total = 0
    for f in range(len(los)):
        total += his[f] - los[f]
    members = np.empty(total, dtype=np.int64)
    count = 0
    for f in range(len(los)):
        share = shares[f]
        for p in range(los[f], his[f]):
            m = pool_members[p]
            if not seen[m]:
                seen[m] = True
                members[count] = m
                count += 1
            acc[m] += share * pool_values[p]
    members = members[:count]
    partial = np.empty(count)
    for i in range(count):
        m = members[i]
        partial[i] = acc[m]
        acc[m] = 0.0
        seen[m] = False
    return members, partial


@njit(cache=True)
def prune(
    pool_members: np.ndarray,
    pool_values: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    dense_row: np.ndarray,
    dense_rows: np.ndarray,
    shares: np.ndarray,
    peaks: np.ndarray,
    members: np.ndarray,
    partial: np.ndarray,
    bound: np.ndarray,
    beyond: float,
    tau: float,
    dense: np.ndarray,
) -> np.ndarray:
    """The ``members`` (with ``partial`` sums and meaning ``bound``) that can still reach
    ``tau`` as each further feature (postings ``los[i]:his[i]``, strongest first) adds its
    part, in their order: a member is dropped once its sum plus ``beyond`` (the peaks of
    the features not yet added, plus slack) plus its bound falls under ``tau``. A feature
    with a ``dense_row`` (≥ 0) is read from that row of ``dense_rows``."""
    alive = members.copy()
    sums = partial.copy()
    bounds = bound.copy()
    count = len(alive)
    for f in range(len(los) + 1):
        kept = 0
        for i in range(count):
            if sums[i] + beyond + bounds[i] >= tau:
                alive[kept], sums[kept], bounds[kept] = alive[i], sums[i], bounds[i]
                kept += 1
        count = kept
        if f == len(los):
            break
        if dense_row[f] >= 0:
            row = dense_rows[dense_row[f]]
            for i in range(count):
                sums[i] = sums[i] + shares[f] * row[alive[i]]
        else:
            values = gather(pool_members, pool_values, los[f], his[f], alive[:count], dense)
            for i in range(count):
                sums[i] = sums[i] + shares[f] * values[i]
        beyond -= peaks[f]
    return alive[:count]


@njit(cache=True)
def row_cosines(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    rows: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
) -> np.ndarray:
    """Each row's dot product with the query (sorted ``terms`` with ``weights``), summed in
    float64 in the rows' stored (sorted) order and rounded to float32, as the numpy code
    before it did. The query is merged with each row rather than read from a dense vector
    over the vocabulary, whose every read missed the cache."""
    out = np.empty(len(rows), dtype=np.float32)
    for i in range(len(rows)):
        out[i] = _row_cosine(indptr, indices, data, rows[i], terms, weights)
    return out


@njit(cache=True, inline="always")
def _row_cosine(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    r: int,
    terms: np.ndarray,
    weights: np.ndarray,
) -> np.float32:
    """Row ``r``'s dot product with the query (``row_cosines``)."""
    n_terms = len(terms)
    total = 0.0
    t = 0
    for p in range(indptr[r], indptr[r + 1]):
        column = indices[p]
        while t < n_terms and terms[t] < column:
            t += 1
        if t == n_terms:
            break
        if terms[t] == column:
            total += np.float64(data[p]) * weights[t]
    return np.float32(total)


@njit(cache=True)
def member_text(
    members: np.ndarray,
    member_ptr: np.ndarray,
    member_rows: np.ndarray,
    record_count: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
    best: int,
) -> np.ndarray:
    """Each member's text score: the TF-IDF cosines of its alive rows (``row_cosines``)
    aggregated as ``aggregate.aggregate`` does, over the positive ones, in the same order:
    ``best`` = 1 the maximum, 2 or 3 the mean of that many best (by ``record_count``, at
    most ``best``), 0 the mean over all records."""
    out = np.zeros(len(members))
    top = np.zeros(max(best, 1))
    for i in range(len(members)):
        m = members[i]
        total = 0.0
        held = 0
        for j in range(member_ptr[m], member_ptr[m + 1]):  # no array per member
            c = _row_cosine(indptr, indices, data, member_rows[j], terms, weights)
            if best == 0:
                if c > 0:
                    total += np.float64(c)
            elif best == 1:
                if c > 0 and c > total:
                    total = np.float64(c)
            else:  # insertion into the `best` largest, largest first
                if c <= 0:
                    continue
                value = np.float64(c)
                if held < best:
                    held += 1
                elif value <= top[held - 1]:
                    continue
                at = held - 1
                while at > 0 and top[at - 1] < value:
                    top[at] = top[at - 1]
                    at -= 1
                top[at] = value
        if best == 0:
            out[i] = total / max(record_count[m], 1)
        elif best == 1:
            out[i] = total
        else:
            for k in range(held):
                total += top[k]
            out[i] = total / min(max(record_count[m], 1), best)
    return out


@njit(cache=True)
def allowed(
    members: np.ndarray,
    open_: np.ndarray,
    org: np.ndarray,
    domain: np.ndarray,
    owner: int,
    owner_org: int,
    owner_domain: int,
    orgs_sharing_domain: np.ndarray,
    own_domains: np.ndarray,
    excluded: np.ndarray,
) -> np.ndarray:
    """``EligibilityMasks.allowed_for`` with the owner's rule as codes (``OwnerRule``)."""
    out = np.zeros(len(members), dtype=np.bool_)
    for i in range(len(members)):
        m = members[i]
        if not open_[m] or m == owner:
            continue
        if owner_org >= 0 and org[m] == owner_org:
            continue
        if owner_domain >= 0 and domain[m] == owner_domain:
            continue
        if _holds(orgs_sharing_domain, org[m]) or _holds(own_domains, domain[m]):
            continue
        out[i] = not _holds(excluded, m)
    return out


@njit(cache=True)
def _holds(sorted_values: np.ndarray, value: int) -> bool:
    at = np.searchsorted(sorted_values, value)
    return at < len(sorted_values) and sorted_values[at] == value
