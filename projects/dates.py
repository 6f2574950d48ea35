"""Days typed in a form or sent by the API, read one way."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kring.messages import N_
from kring.typed_dates import read_day
from kring.validation import FieldError, refuse_control_characters

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def parse_day(raw: Any, field: str) -> date:
    """A date (2026-05-04); a datetime counts for its day. Far-off years are typing errors."""
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = refuse_control_characters(str(raw if raw is not None else ""), field).strip()
        if not text:
            raise FieldError(field, N_("is required"))
        try:
            value = read_day(text[:10] if len(text) > 10 and "T" in text else text)
        except ValueError:
            raise FieldError(
                field, N_("%(value)r is not a date like 2026-05-04"), value=text[:40]
            ) from None
    if not EARLIEST <= value <= LATEST:
        raise FieldError(
            field,
            N_("%(value)s is not a date between %(first)s and %(last)s"),
            value=value.isoformat(),
            first=EARLIEST.isoformat(),
            last=LATEST.isoformat(),
        )
    return value
