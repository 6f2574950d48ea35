"""The privacy module's own settings, read from the environment when they are used, by the
rules every process checked them with at start (`kring.settings.own_settings`).

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

from datetime import timedelta

from kring.settings import own_choice, own_number

APPROVAL_MODES = ("two-officers", "one-officer")
# Wrong codes for one request from every client together before it is locked; each client
# has its own five per 15 minutes (kring.throttle.CODES_PER_CLIENT).
VERIFICATION_ATTEMPTS = 50
DOWNLOAD_FAILURES = 5


def erasure_needs_second_officer() -> bool:
    return own_choice("KRING_ERASURE_APPROVAL") == "two-officers"


def download_link_lifetime() -> timedelta:
    return timedelta(minutes=own_number("KRING_DOWNLOAD_LINK_MINUTES"))


def downloads_per_hour() -> int:
    return own_number("KRING_DOWNLOADS_PER_HOUR")


def reauth_window() -> timedelta:
    return timedelta(minutes=own_number("KRING_REAUTH_MINUTES"))


def verification_lifetime() -> timedelta:
    return timedelta(minutes=own_number("KRING_VERIFICATION_MINUTES"))
