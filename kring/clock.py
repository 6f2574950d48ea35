"""The one place that tells the time, always timezone-aware (UTC) so both databases agree."""

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return utc_now().date()
