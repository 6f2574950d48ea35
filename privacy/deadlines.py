"""Deadlines of privacy requests (GDPR art. 12(3)): pure date arithmetic and the extension rules.

A request is due one calendar month after receipt; when the target month is shorter, on its
last day (31 January → 28 or 29 February). Within that first month the controller may extend
by up to two further months, once, with a reason, and must tell the person. Months are always
counted from the day of receipt, so 31 January + 3 months is 30 April, not 28 April.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from kring.errors import Conflict
from kring.messages import N_, Moment, Term
from kring.validation import FieldError

MAX_EXTENSION_MONTHS = 2
MAX_REASON = 1000


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month."""
    if months < 0:
        raise ValueError("months must not be negative")
    year, month = divmod(day.year * 12 + (day.month - 1) + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(received: date) -> date:
    """One calendar month after receipt; when that month is shorter, its last day."""
    return add_months(received, 1)


def effective_due(due_on: date, extended_until: date | None) -> date:
    return extended_until or due_on


def is_overdue(status: str, due_on: date, extended_until: date | None, today: date) -> bool:
    """Still waiting for an answer after the (possibly extended) deadline."""
    return status in OPEN_STATES and effective_due(due_on, extended_until) < today


OPEN_STATES = ("open", "unverified", "approval")


@dataclass(frozen=True)
class Extension:
    months: int
    reason: str
    until: date


def extension(
    *,
    received: date,
    due_on: date,
    status: str,
    already_extended: bool,
    months: int,
    reason: str,
    today: date,
) -> Extension:
    """Check an extension against the rules and say until when it runs; 4xx errors otherwise."""
    if not isinstance(months, int) or not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise FieldError(
            "months", N_("an extension is 1 or %(limit)s months"), limit=MAX_EXTENSION_MONTHS
        )
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", N_("an extension needs a reason; the person is told it"))
    if len(reason) > MAX_REASON:
        raise FieldError("reason", N_("at most %(limit)s characters"), limit=MAX_REASON)
    if status not in OPEN_STATES:
        raise Conflict(
            N_("the request is %(status)s; only an open request is extended"),
            "status",
            status=Term(status),
        )
    if already_extended:
        raise Conflict(
            N_("the request was already extended; it can be extended only once"), "months"
        )
    if today > due_on:
        raise Conflict(
            N_("the first month ended on %(due_on)s; extend only within it"),
            "months",
            due_on=Moment(due_on),
        )
    return Extension(months=months, reason=reason, until=add_months(received, 1 + months))
