"""Turning per-record similarities into one score per member.

A member with one record that fits the challenge well should beat a member with many
records that each fit a little, so the default is ``max``; the alternatives exist so the
quality benchmark can measure them (see ``benchmarks/matching_quality.py``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Aggregation = Literal["max", "mean", "lse", "top2", "top3"]
AGGREGATIONS: tuple[Aggregation, ...] = ("max", "mean", "lse", "top2", "top3")
LSE_TEMPERATURE = 20.0
"""Softmax sharpness: a second equally strong record adds ln(2)/20 ≈ 0.035."""


def aggregate(
    rows: np.ndarray,
    scores: np.ndarray,
    row_member: np.ndarray,
    record_count: np.ndarray,
    method: Aggregation = "max",
) -> np.ndarray:
    """Member scores (dense over members) from the non-zero ``scores`` of ``rows``."""
    n_members = len(record_count)
    out = np.zeros(n_members, dtype=np.float64)
    if len(rows) == 0:
        return out
    members = row_member[rows]
    values = scores.astype(np.float64, copy=False)
    if method == "max":
        np.maximum.at(out, members, values)
    elif method == "mean":
        np.add.at(out, members, values)
        out /= np.maximum(record_count, 1)
    elif method == "lse":
        np.maximum.at(out, members, values)
        mass = np.zeros(n_members, dtype=np.float64)
        np.add.at(mass, members, np.exp(LSE_TEMPERATURE * (values - out[members])))
        hit = mass > 0
        out[hit] += np.log(mass[hit]) / LSE_TEMPERATURE
    elif method in ("top2", "top3"):
        best = 2 if method == "top2" else 3
        order = np.lexsort((-values, members))
        sorted_members = members[order]
        starts = np.ones(len(order), dtype=bool)
        starts[1:] = sorted_members[1:] != sorted_members[:-1]
        group_start = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        keep = np.arange(len(order)) - group_start < best
        np.add.at(out, sorted_members[keep], values[order][keep])
        out /= np.clip(record_count, 1, best)
    else:
        raise ValueError(f"unknown aggregation {method!r}")
    return out
