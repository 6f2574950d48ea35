"""How many cores this process may use (what onnxruntime's thread pools are sized to)."""

from __future__ import annotations

import os


def threads() -> int:
    """Cores this process may run on: onnxruntime's pool gets exactly that many."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
