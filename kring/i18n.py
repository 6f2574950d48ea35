"""Dutch (the network's default) and English: message catalogues and formats, through babel.

Catalogues are the `.po` files under `kring/locale`; they are compiled in memory at start-up,
so there is no build step and no compiled file to forget.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, get_timezone_location
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from kring.clock import HOME_ZONE

LANGUAGES = ("nl", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
LOCALES = {"nl": "nl_BE", "en": "en_GB"}


@cache
def translations(language: str) -> gettext.NullTranslations:
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_file.exists():
        return gettext.NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(language: str) -> Callable[[str], str]:
    return translations(language if language in LANGUAGES else "nl").gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    """Real plurals: `ngettext("%(count)s request", "%(count)s requests", n)`."""
    return translations(language if language in LANGUAGES else "nl").ngettext


def language_of_gettext(gettext: Callable[[str], str]) -> str:
    """The language `gettext` (one of `gettext_for`'s) translates into, so a message's date is
    written as that language writes dates; English for any other."""
    return next((language for language in LANGUAGES if gettext == gettext_for(language)), "en")


def pick_language(requested: str | None, default: str) -> str:
    return requested if requested in LANGUAGES else default


MOMENT = "moment"
"""`show_date`'s style for a moment in the family of the medium date, to the minute: "6 dec
2026, 05:40" beside "6 dec 2026" (short was "6/12/2026, 05:40", medium had seconds)."""


def show_date(
    value: date | datetime | str | None,
    language: str,
    style: str | None = None,
    zone: str = HOME_ZONE,
) -> str:
    """A date or moment as the reader writes it; ISO text (a serialised row) is read first. By
    default a day reads "19 dec 2026" and a moment "19 dec 2026, 07:01" (`MOMENT`), on every
    page alike; `style` names another of babel's ("long": "19 december 2026"). A moment is shown
    in Brussels unless `zone` names another (an event abroad, in its own); one whose clock time
    happens twice there (the autumn fold) says which, by its offset ("02:30 (UTC+1)")."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    locale = Locale.parse(LOCALES.get(language, "nl_BE"))
    if isinstance(value, datetime):
        style = style or MOMENT
        if style == MOMENT:
            style = str(locale.datetime_formats["medium"]).format(
                locale.time_formats["short"].pattern, locale.date_formats["medium"].pattern
            )
            return format_datetime(value, style, locale=locale, tzinfo=zone) + _fold_offset(
                value, zone
            )
        return format_datetime(value, style, locale=locale, tzinfo=zone)
    return format_date(value, "medium" if style in (None, MOMENT) else style, locale=locale)


def show_time(value: datetime | None, language: str, zone: str = HOME_ZONE) -> str:
    """The time of a moment alone ("14:00", "2:00 pm" where the reader writes so), for the end of
    something that ends on the day it starts."""
    if value is None:
        return ""
    locale = Locale.parse(LOCALES.get(language, "nl_BE"))
    return format_time(value, "short", tzinfo=ZoneInfo(zone), locale=locale) + _fold_offset(
        value, zone
    )


def _fold_offset(value: datetime, zone: str) -> str:
    """The offset, as " (UTC+1)", after a moment whose clock time `zone` shows twice (02:30 on
    the night the clock moves back): it says which of the two is meant. Empty for others."""
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(ZoneInfo(zone))
    offset = local.utcoffset() or timedelta()
    if local.replace(fold=1 - local.fold).utcoffset() == offset:
        return ""
    minutes = round(offset.total_seconds() / 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else "+"
    return f" (UTC{sign}{hours}{f':{rest:02d}' if rest else ''})"


def show_zone(zone: str, language: str) -> str:
    """The clock an event abroad keeps, as a reader names it: 'tijd in New York' (babel's city
    of the zone, in the reader's language), not the database's 'America/New_York'. UTC and
    the fixed offsets (Etc/GMT+2) keep their names."""
    if zone == "UTC" or zone.startswith("Etc/"):
        return zone.removeprefix("Etc/")
    try:
        city = get_timezone_location(zone, locale=LOCALES.get(language, "en_GB"), return_city=True)
    except LookupError:
        return zone
    gettext = gettext_for(language)
    return gettext("%(city)s time") % {"city": city}


def show_period(start: datetime, end: datetime, language: str, zone: str = HOME_ZONE) -> str:
    """From one moment to another, the end's date left out when it is the start's day where
    they happen: "4 mei 2031, 18:30 – 20:30"."""
    here = ZoneInfo(zone)
    if start.astimezone(here).date() == end.astimezone(here).date():
        until = show_time(end, language, zone)
    else:
        until = show_date(end, language, MOMENT, zone)
    return f"{show_date(start, language, MOMENT, zone)} – {until}"


def show_duration(length: timedelta, language: str) -> str:
    """A length of time in whole hours ("an hour", "2 uur") or else in minutes ("30 minuten"),
    with the reader's plural forms: how far a clock moves at a time change."""
    ngettext = ngettext_for(language)
    minutes = round(abs(length).total_seconds() / 60)
    if minutes and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("an hour", "%(count)s hours", hours) % {"count": hours}
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def show_number(value: float | int | None, language: str) -> str:
    """1.234,5 in Dutch, 1,234.5 in English."""
    if value is None:
        return ""
    return format_decimal(value, locale=Locale.parse(LOCALES.get(language, "nl_BE")))
