"""Dates as people type them in a form, and as a form shows them again.

A form's date field is a text field (`_form.html`): chromium's own date field shows its order in
the browser's language ('mm/dd/yyyy' in an English browser on a Dutch page), so 05/01 read as
the fifth of January by one member was the first of May to the next. The page asks for
dd-mm-jjjj; ISO (2027-01-05, as the API and older forms send it) is read too.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_DAY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MOMENT = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s*,\s*|\s+|T)(\d{1,2})[:.](\d{2})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?")


def read_day(text: str) -> date:
    """A day typed as dd-mm-jjjj (or with / or .), or as ISO's yyyy-mm-dd; ValueError for anything
    else. ISO's other spellings of a day (20261207, 2026-W49-1), which date.fromisoformat reads
    too, are refused: no page asks for them, and the API's dates are read by this function."""
    text = text.strip()
    if found := _DAY.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
        return date(year, month, day)
    if found := _ISO_DAY.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
        return date(year, month, day)
    raise ValueError(f"not a day: {text!r}")


def read_moment(text: str) -> datetime:
    """A moment typed as 'dd-mm-jjjj uu:mm' (a comma between them is fine), or as ISO; naive,
    as a form's clock time is; ValueError for anything else."""
    text = text.strip()
    if found := _MOMENT.fullmatch(text):
        day, month, year, hour, minute = (int(part) for part in found.groups())
        return datetime(year, month, day, hour, minute)
    return datetime.fromisoformat(text)


def day_text(value: object) -> str:
    """A form's value of a day as the field asks for it (dd-mm-jjjj); what was typed and
    refused stays as typed."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = "" if value is None else str(value)
    if found := _ISO_DAY.fullmatch(text.strip()):
        year, month, day = found.groups()
        return f"{day}-{month}-{year}"
    return text


def moment_text(value: object) -> str:
    """A form's value of a moment as the field asks for it (dd-mm-jjjj uu:mm)."""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    text = "" if value is None else str(value)
    if found := _ISO_MOMENT.fullmatch(text.strip()):
        year, month, day, hour, minute = found.groups()
        return f"{day}-{month}-{year} {hour}:{minute}"
    return text
