"""The assignment as a min-cost flow (OR-Tools) reaches the MILP's optimum."""

from __future__ import annotations

import numpy as np
import pytest

from matching.assignment import COVERAGE_BONUS, _solve, _solve_milp


def instance(seed: int) -> tuple[list[tuple[int, int, float]], np.ndarray, np.ndarray]:
    """Challenges with 0-3 places and experts with 0-3 places sharing popular experts,
    scores with ties."""
    rng = np.random.default_rng(seed)
    n_chal, n_exp = 60, 40
    popular = rng.permutation(n_exp)[:8]
    edges = []
    for c in range(n_chal):
        pool = np.union1d(rng.choice(n_exp, 6, replace=False), rng.choice(popular, 2))
        for e in pool:
            edges.append((c, int(e), float(np.round(rng.uniform(0.1, 1.0), 2))))
    need = rng.integers(0, 4, n_chal).astype(float)
    room = rng.integers(0, 4, n_exp).astype(float)
    return edges, need, room


def objective(
    edges: list[tuple[int, int, float]], chosen: np.ndarray, need: np.ndarray, room: np.ndarray
) -> float:
    chal = np.array([e[0] for e in edges])
    expert = np.array([e[1] for e in edges])
    score = np.array([e[2] for e in edges])
    taken = np.bincount(chal[chosen], minlength=len(need))
    assert (taken <= need).all()
    assert (np.bincount(expert[chosen], minlength=len(room)) <= room).all()
    return float(score[chosen].sum() + COVERAGE_BONUS * (taken > 0).sum())


@pytest.mark.parametrize("seed", range(8))
def test_the_flow_reaches_the_milp_optimum(seed: int) -> None:
    edges, need, room = instance(seed)
    lp, milp = _solve(edges, need, room), _solve_milp(edges, need, room)
    assert objective(edges, lp, need, room) == pytest.approx(objective(edges, milp, need, room))


def test_coverage_comes_before_a_second_expert() -> None:
    """One expert with one place, two challenges: the one with no one else gets her."""
    edges = [(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.3)]
    chosen = _solve(edges, np.array([2.0, 1.0]), np.array([1.0, 1.0]))
    assert chosen.tolist() == [False, True, True]
