"""A progress bar on stderr for long encoding runs (``kring demo``, ``kring worker``).

Encoding thousands of texts takes minutes; a terminal shows one line that fills and ends
with the rate, a log (stderr not a terminal) gets a line now and then but only for runs
long enough to matter. Rendering is tqdm's (installed with the ``semantic`` extra, the only
case where texts are encoded).
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

TERMINAL_MIN = 200
"""Texts from which a terminal shows the bar (about a second of encoding)."""
LOG_MIN = 2_000
"""Texts from which a log gets progress lines (ten seconds or more)."""
LOG_INTERVAL = 10.0
"""Seconds between progress lines in a log."""


class EncodingBar:
    """A ``progress(done, total)`` callback that decides on its first call whether to show."""

    def __init__(self, stream: TextIO | None = None, label: str = "Encoding texts") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.bar: Any = None
        self.decided = False
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.decided:
            self.decided = True
            terminal = self.stream.isatty()
            if total >= (TERMINAL_MIN if terminal else LOG_MIN):
                from tqdm import tqdm

                self.bar = tqdm(
                    total=total,
                    desc=self.label,
                    unit=" texts",
                    file=self.stream,
                    dynamic_ncols=terminal,
                    ncols=None if terminal else 80,
                    mininterval=0.2 if terminal else LOG_INTERVAL,
                    ascii=not terminal,
                    leave=True,
                )
        if self.bar is None:
            return
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.bar.close()
            self.bar = None
