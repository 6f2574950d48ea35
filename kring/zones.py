"""Time zones people type, and wall-clock times read in them: one decision for every entry point.

A zone is an IANA area/location name (`Europe/Brussels`) or `UTC`; the zone database also
answers to `localtime` (whatever the server's clock says), `posixrules`, `Factory` and old
country aliases, which no calendar program elsewhere reads the same way. A wall-clock time that
the zone skips (the spring-forward hour) or shows twice (the autumn fold) is refused rather than
moved or guessed: the organiser picks another minute. The time stored before, sent back as a
form shows it, is kept as it was: which of the two it was is known.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from kring.messages import N_, Duration
from kring.validation import FieldError, briefly

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
            value=briefly(name),
        )
    raise FieldError(
        field, N_("%(value)r is not a known time zone (e.g. Europe/Brussels)"), value=briefly(name)
    )


def wall_clock(value: datetime, zone: str, field: str, stored: datetime | None = None) -> datetime:
    """A naive wall-clock time read in `zone`, as an aware UTC time; an aware one as it is.

    A time in the spring gap does not exist there (Python would quietly read 02:30 as 03:30);
    a time in the autumn fold happens twice (Python would quietly take the first). Both are
    refused, naming the field and by how much the clock moves there (30 minutes on Lord Howe
    Island). A time that reads as `stored` (the field's value before, as the edit form shows
    it) is that stored moment: an event at the second 02:30 stays editable."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    here = ZoneInfo(zone)
    if stored is not None and _shows(stored, here, value):
        return stored.astimezone(UTC)
    first, second = value.replace(tzinfo=here, fold=0), value.replace(tzinfo=here, fold=1)
    shown = value.strftime("%Y-%m-%d %H:%M")
    shift = Duration(abs(_offset(second) - _offset(first)))
    if first.astimezone(UTC).astimezone(here).replace(tzinfo=None) != value:
        raise FieldError(
            field,
            N_(
                "%(value)s does not exist in %(zone)s: that day the clock moves forward"
                " %(shift)s; choose a time outside the skipped period"
            ),
            value=shown,
            zone=zone,
            shift=shift,
        )
    if first.utcoffset() != second.utcoffset():
        raise FieldError(
            field,
            N_(
                "%(value)s happens twice in %(zone)s: that day the clock moves back %(shift)s;"
                " choose a time outside the repeated period"
            ),
            value=shown,
            zone=zone,
            shift=shift,
        )
    return first.astimezone(UTC)


def _offset(moment: datetime) -> timedelta:
    return moment.utcoffset() or timedelta()


def _shows(stored: datetime, here: ZoneInfo, typed: datetime) -> bool:
    """Whether `typed` is `stored` as a clock in `here` shows it, to the precision typed (the
    form shows minutes): either reading of a repeated time."""
    local = stored.astimezone(here).replace(tzinfo=None)
    if not typed.second and not typed.microsecond:
        local = local.replace(second=0, microsecond=0)
    return local == typed
