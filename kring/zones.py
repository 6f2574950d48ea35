"""Time zones people type, and wall-clock times read in them: one decision for every entry point.

A zone is an IANA area/location name (`Europe/Brussels`) or `UTC`; the zone database also
answers to `localtime` (whatever the server's clock says), `posixrules`, `Factory` and old
country aliases, which no calendar program elsewhere reads the same way. A wall-clock time that
the zone skips (the spring-forward hour) or shows twice (the autumn fold) is refused rather than
moved or guessed: the organiser picks another minute.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from kring.messages import N_
from kring.validation import FieldError

AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
"""The IANA regions whose `Area/Location` names are today's zones (`Etc/`, `US/`, … are not)."""

PLAIN = frozenset({"UTC"})


@cache
def zone_names() -> frozenset[str]:
    """Every name a zone field takes: the zone database's area/location names, and UTC."""
    return frozenset(
        name for name in available_timezones() if name in PLAIN or name.partition("/")[0] in AREAS
    )


def require_zone(raw: object, field: str = "timezone") -> str:
    """The zone name typed, or a FieldError saying what a zone looks like."""
    name = str(raw if raw is not None else "").strip()
    if name in zone_names():
        return name
    if name in available_timezones():  # localtime, Factory, CET, US/Eastern…
        raise FieldError(
            field,
            N_("%(value)r is not a region/city time zone; choose one like Europe/Brussels, or UTC"),
            value=name,
        )
    raise FieldError(
        field, N_("%(value)r is not a known time zone (e.g. Europe/Brussels)"), value=name
    )


def wall_clock(value: datetime, zone: str, field: str) -> datetime:
    """A naive wall-clock time read in `zone`, as an aware UTC time; an aware one as it is.

    A time in the spring gap does not exist there (Python would quietly read 02:30 as 03:30);
    a time in the autumn fold happens twice (Python would quietly take the first). Both are
    refused, naming the field."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    here = ZoneInfo(zone)
    first, second = value.replace(tzinfo=here, fold=0), value.replace(tzinfo=here, fold=1)
    shown = value.strftime("%Y-%m-%d %H:%M")
    if first.astimezone(UTC).astimezone(here).replace(tzinfo=None) != value:
        raise FieldError(
            field,
            N_(
                "%(value)s does not exist in %(zone)s: that day the clock moves forward an"
                " hour; choose a time outside the skipped hour"
            ),
            value=shown,
            zone=zone,
        )
    if first.utcoffset() != second.utcoffset():
        raise FieldError(
            field,
            N_(
                "%(value)s happens twice in %(zone)s: that day the clock moves back an hour;"
                " choose a time outside the repeated hour"
            ),
            value=shown,
            zone=zone,
        )
    return first.astimezone(UTC)
