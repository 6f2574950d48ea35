"""When a queued mail is tried again after the relay did not take it: one schedule for all.

Introduction mails (`introductions.mail_outbox`) and the codes of e-mailed privacy requests
(`privacy.verification`) are kept until the relay takes them; each failed attempt waits longer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(hours=24),
)
"""The wait after each failed attempt; after the last one the mail is given up (about two
days of trying: long enough for a relay's outage, short enough that the news is still news)."""
MAX_ATTEMPTS = len(RETRY_AFTER)
CLAIM = timedelta(minutes=5)
"""How long a claimed mail is left to its sender before another may take it (a sender that
died mid-way)."""


def retry_at(attempts: int, now: datetime) -> datetime:
    """When to try again after `attempts` failed attempts."""
    return now + RETRY_AFTER[min(max(attempts, 1), MAX_ATTEMPTS) - 1]


def given_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
