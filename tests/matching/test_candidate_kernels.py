"""The compiled posting lookup against a plain dictionary, on both of its paths: spreading a
short posting into the dense scratch, and a binary search in a long one (the path a network
of 100,000 members takes, which the small networks of the shortlist tests never reach)."""

from __future__ import annotations

import numpy as np
import pytest

from matching.candidate_kernels import DENSE_LOOKUP, gather


@pytest.mark.parametrize("posting_size", [0, 7, 50, 5_000])
def test_gather_reads_each_members_value_or_zero(posting_size: int) -> None:
    rng = np.random.default_rng(posting_size)
    n_members = 20_000
    held = np.sort(rng.choice(n_members, posting_size, replace=False)).astype(np.int64)
    values = rng.random(posting_size)
    # The posting sits in the middle of a pool, as the index keeps it.
    pool_members = np.concatenate([[3, 1], held, [2]]).astype(np.int64)
    pool_values = np.concatenate([[9.0, 9.0], values, [9.0]])
    lo, hi = 2, 2 + posting_size
    asked = np.concatenate([held[::50], rng.choice(n_members, 40)]).astype(np.int64)
    dense = np.zeros(n_members)
    expected = dict(zip(held.tolist(), values.tolist(), strict=True))
    got = gather(pool_members, pool_values, lo, hi, asked, dense)
    assert got.tolist() == [expected.get(m, 0.0) for m in asked.tolist()]
    assert not dense.any()  # the scratch is left zeroed for the next lookup
    searched = posting_size >= DENSE_LOOKUP * len(asked)
    assert searched == (posting_size == 5_000)  # both paths are taken
