"""The privacy module's own settings, read from the environment when they are used.

| variable | default | meaning |
|---|---|---|
| `KRING_ERASURE_APPROVAL` | `two-officers` | or `one-officer` (see below) |
| `KRING_DOWNLOAD_LINK_MINUTES` | 60 | how long a download link to an access answer works |
| `KRING_DOWNLOADS_PER_HOUR` | 5 | download links issued per person per hour |
| `KRING_REAUTH_MINUTES` | 10 | how long a password asked again in the members' area counts |
| `KRING_VERIFICATION_MINUTES` | 60 | how long a code mailed for an e-mailed request works |

With `two-officers` (the default: erasure cannot be undone) a second privacy officer approves
every erasure, never the one who recorded or started it; `one-officer` lets the officer who
starts an erasure carry it out at once.
"""

from __future__ import annotations

import os
from datetime import timedelta

from kring.settings import SettingsError
from kring.validation import only_digits

APPROVAL_MODES = ("two-officers", "one-officer")
VERIFICATION_ATTEMPTS = 5
DOWNLOAD_FAILURES = 5


def _minutes(name: str, default: int) -> timedelta:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return timedelta(minutes=default)
    if not only_digits(raw) or not 1 <= int(raw) <= 60 * 24 * 31:
        raise SettingsError(f"{name} must be a number of minutes (1 to 44640), not {raw!r}")
    return timedelta(minutes=int(raw))


def erasure_needs_second_officer() -> bool:
    mode = os.environ.get("KRING_ERASURE_APPROVAL", "").strip() or APPROVAL_MODES[0]
    if mode not in APPROVAL_MODES:
        raise SettingsError(
            f"KRING_ERASURE_APPROVAL must be two-officers or one-officer, not {mode!r}"
        )
    return mode == "two-officers"


def download_link_lifetime() -> timedelta:
    return _minutes("KRING_DOWNLOAD_LINK_MINUTES", 60)


def downloads_per_hour() -> int:
    raw = os.environ.get("KRING_DOWNLOADS_PER_HOUR", "").strip()
    if not raw:
        return 5
    if not only_digits(raw) or int(raw) < 1:
        raise SettingsError(f"KRING_DOWNLOADS_PER_HOUR must be a whole number above 0, not {raw!r}")
    return int(raw)


def reauth_window() -> timedelta:
    return _minutes("KRING_REAUTH_MINUTES", 10)


def verification_lifetime() -> timedelta:
    return _minutes("KRING_VERIFICATION_MINUTES", 60)
