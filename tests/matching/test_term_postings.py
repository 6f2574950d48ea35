"""The candidate index's term postings: every member holding a term once, with its best weight
among its records, ordered by term then member, whether the records come member by member (read
column by column) or in any other order (sorted)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from matching.candidates import _term_postings


def _expected(live: sparse.csr_matrix, row_member: np.ndarray) -> list[tuple[int, int, float]]:
    best: dict[tuple[int, int], float] = {}
    coo = live.tocoo()
    for row, term, value in zip(coo.row, coo.col, coo.data, strict=True):
        key = (int(term), int(row_member[row]))
        best[key] = max(best.get(key, -np.inf), float(value))
    return [(t, m, v) for (t, m), v in sorted(best.items())]


@st.composite
def _records(draw: st.DrawFn) -> tuple[sparse.csr_matrix, np.ndarray]:
    n_rows = draw(st.integers(0, 12))
    n_terms = draw(st.integers(1, 6))
    cells = draw(
        st.lists(
            st.tuples(st.integers(0, max(n_rows - 1, 0)), st.integers(0, n_terms - 1)),
            max_size=40 if n_rows else 0,
            unique=True,
        )
    )
    weights = draw(
        st.lists(st.sampled_from([0.25, 0.5, 0.75, 1.0]), min_size=len(cells), max_size=len(cells))
    )
    rows = [r for r, _ in cells]
    cols = [c for _, c in cells]
    live = sparse.csr_matrix(
        (np.array(weights, dtype=np.float32), (rows, cols)), shape=(n_rows, n_terms)
    )
    members = draw(st.lists(st.integers(0, 4), min_size=n_rows, max_size=n_rows))
    if draw(st.booleans()):
        members.sort()
    return live, np.array(members, dtype=np.int64)


@settings(max_examples=300, deadline=None)
@given(_records())
def test_each_member_holds_a_term_once_with_its_best_weight(records) -> None:
    live, row_member = records
    terms, members, values = _term_postings(live, row_member)
    got = [(int(t), int(m), float(v)) for t, m, v in zip(terms, members, values, strict=True)]
    assert got == _expected(live, row_member)
