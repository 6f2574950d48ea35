"""Turning per-record similarities into one score per member.

A member with one record that fits the challenge well should beat a member with many
records that each fit a little, so the default is ``max``; the alternatives exist so the
quality benchmark can measure them (see ``benchmarks/matching_quality.py``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Aggregation = Literal["max", "mean", "lse", "top2"]
AGGREGATIONS: tuple[Aggregation, ...] = ("max", "mean", "lse", "top2")
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
    elif method == "top2":
        order = np.lexsort((-values, members))
        sorted_members = members[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = sorted_members[1:] != sorted_members[:-1]
        second = np.zeros(len(order), dtype=bool)
        second[1:] = ~first[1:] & first[:-1]
        keep = first | second
        np.add.at(out, sorted_members[keep], values[order][keep])
        out /= np.clip(record_count, 1, 2)
    else:
        raise ValueError(f"unknown aggregation {method!r}")
    return out
