"""The blockwise product (onnxruntime's kernels where installed and faster, else numpy)
equals numpy's float32 product, keeps working after a fork and reuses one buffer from block
to block."""

from __future__ import annotations

import multiprocessing
import pickle

import numpy as np
import pytest

from matching.record_product import RecordProduct

RNG = np.random.default_rng(5)
RECORDS = RNG.standard_normal((3000, 128)).astype(np.float32)


def _queries(n: int) -> np.ndarray:
    return RNG.standard_normal((n, 128)).astype(np.float32)


@pytest.mark.parametrize("threads", [1, None])
def test_the_product_equals_numpys(threads: int | None) -> None:
    product = RecordProduct(RECORDS)
    for queries in (_queries(40), _queries(40)):  # the first times both kernels, then one
        got = product(queries, threads)
        np.testing.assert_allclose(got, queries @ RECORDS.T, rtol=1e-5, atol=1e-4)
    assert product.kernels in ("numpy", "onnxruntime")


def test_a_smaller_block_reuses_the_buffer_and_gets_its_own_values() -> None:
    product = RecordProduct(RECORDS)
    first = product(_queries(64))
    queries = _queries(10)
    second = product(queries)
    assert second.shape == (10, len(RECORDS))
    assert np.shares_memory(first, second)
    np.testing.assert_allclose(second, queries @ RECORDS.T, rtol=1e-5, atol=1e-4)


_SHARED = RecordProduct(RECORDS)
"""Reached by forked workers as ``candidates`` reaches its run: inherited, not pickled."""


def _in_child(queries: np.ndarray) -> float:
    return float(np.abs(_SHARED(queries, 1) - queries @ RECORDS.T).max())


def test_a_forked_worker_makes_its_own_session() -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("fork is Linux's")
    _SHARED(_queries(8), 1)  # the parent's session exists before the fork
    with multiprocessing.get_context("fork").Pool(1) as pool:
        (error,) = pool.map(_in_child, [_queries(16)])
    assert error < 1e-3


def test_a_pickled_product_leaves_its_session_behind() -> None:
    product = RecordProduct(RECORDS)
    product(_queries(4))
    copy = pickle.loads(pickle.dumps(product))
    queries = _queries(6)
    np.testing.assert_allclose(copy(queries), queries @ RECORDS.T, rtol=1e-5, atol=1e-4)
