"""`top_k_at_least` answers exactly as a full partition, whatever the order of the values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.selection import STRIDE, top_k_at_least


def _partitioned(values: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    cut = np.partition(values, len(values) - k)[len(values) - k]
    return float(cut), np.flatnonzero(values >= cut)


def _same(values: np.ndarray, k: int) -> None:
    cut, where = top_k_at_least(values, k)
    expected_cut, expected_where = _partitioned(values, k)
    assert cut == expected_cut
    assert np.array_equal(where, expected_where)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(1, 40_000),
    k=st.integers(1, 300),
    levels=st.sampled_from([None, 3, 50]),
    order=st.sampled_from(["random", "ascending", "descending", "top in the gaps"]),
)
def test_the_cut_and_its_positions_are_those_of_a_full_partition(seed, size, k, levels, order):
    rng = np.random.default_rng(seed)
    values = rng.standard_normal(size).astype(np.float32)
    if levels is not None:  # many ties, also at the cut
        values = np.round(values * levels) / levels
    if order == "ascending":
        values.sort()
    elif order == "descending":
        values = -np.sort(-values)
    elif order == "top in the gaps":  # the sample (every STRIDE-th value) holds only the lowest
        values.sort()
        sampled = np.arange(0, size, STRIDE)
        rest = np.setdiff1d(np.arange(size), sampled)
        arranged = np.empty_like(values)
        arranged[sampled] = values[: len(sampled)]
        arranged[rest] = values[len(sampled) :]
        values = arranged
    _same(values, min(k, size))


def test_a_network_sized_array_takes_the_sampled_path_and_agrees():
    values = np.random.default_rng(3).standard_normal(100_000).astype(np.float32)
    for k in (1, 80, 256, 2_000):
        _same(values, k)


def test_minus_infinity_and_k_equal_to_the_length():
    values = np.array([0.5, -np.inf, 0.5, 0.2], dtype=np.float32)
    _same(values, 4)
    _same(values, 2)


@pytest.mark.parametrize("k", [0, 5])
def test_a_k_outside_the_values_is_refused(k):
    with pytest.raises(ValueError, match="k must be between 1 and 4"):
        top_k_at_least(np.zeros(4, dtype=np.float32), k)
