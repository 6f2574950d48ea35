"""The one place that tells the time, always timezone-aware (UTC) so both databases agree."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

HOME_ZONE = "Europe/Brussels"
"""The network's own zone: where its members live the days they type."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return utc_now().date()


def home_today() -> date:
    """Today in the network's zone: a day a member or organiser types ("joined today") is
    checked against it. UTC's date is yesterday's between midnight and one or two o'clock in
    Brussels, and refused that day as "in the future"."""
    return datetime.now(ZoneInfo(HOME_ZONE)).date()
