"""Mails about registrations owed, kept until the relay took them.

A change of seats writes the mails it owes in its own transaction (`owe`, under the event's
lock), so neither a relay that does not answer nor a process that dies right after the change
loses one. The change's caller sends them at once after its transaction (`deliver`); what
fails, and what changes made elsewhere owe (an offer passed on by the worker, a seat given back
by an erasure), the worker sends (`deliver_due`), retried after growing waits
(`kring.mail_retries`) and given up after the last (logged). A row is claimed before it is
sent, so any number of senders send it once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from events.choices import EventMailKind
from events.registration_mails import mail_settings, owed_mail
from events.tables import EventMail
from kring.clock import utc_now
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from privacy.mail import SEND_ERRORS, send_mail

log = logging.getLogger("kring.events.mail")

KEEP_SETTLED = timedelta(days=30)
BATCH = 100


async def owe(registration_ids: Iterable[int], kind: EventMailKind) -> None:
    """Record a mail to each registration's person; call it inside the change's transaction.
    A mail of that kind still unsent is not owed twice (it is rendered when it goes anyway)."""
    now = utc_now()
    rows = [EventMail(registration=rid, kind=kind, due_at=now) for rid in registration_ids]
    if rows:
        await EventMail.insert(*rows).on_conflict(action="DO NOTHING")


async def deliver(event_id: int) -> int:
    """Send the event's mails that are due, now (after the change's transaction); returns how
    many went. A failure is left to the worker."""
    now = utc_now()
    rows = (
        await EventMail.select(EventMail.id)
        .where(_due(now) & (EventMail.registration.event == event_id))
        .order_by(EventMail.id)
        .limit(BATCH)
    )
    return sum([await _attempt(row["id"], now) for row in rows])


async def deliver_due(now: datetime | None = None) -> int:
    """Worker job: send every mail whose (re)try is due; returns how many went."""
    now = now or utc_now()
    rows = (
        await EventMail.select(EventMail.id)
        .where(_due(now))
        .order_by(EventMail.due_at)
        .order_by(EventMail.id)
        .limit(BATCH)
    )
    return sum([await _attempt(row["id"], now) for row in rows])


async def forget_settled(now: datetime | None = None) -> int:
    """Worker job: rows of mails sent or given up more than KEEP_SETTLED ago."""
    since = (now or utc_now()) - KEEP_SETTLED
    gone = (
        await EventMail.delete()
        .where(
            (EventMail.done_at < since)
            | ((EventMail.attempts >= MAX_ATTEMPTS) & (EventMail.due_at < since))
        )
        .returning(EventMail.id)
    )
    return len(gone)


def _due(now: datetime) -> Any:
    return (
        EventMail.done_at.is_null()
        & (EventMail.due_at <= now)
        & (EventMail.attempts < MAX_ATTEMPTS)
        & (EventMail.claimed_until.is_null() | (EventMail.claimed_until < now))
    )


async def _claim(row_id: int, now: datetime) -> dict[str, Any] | None:
    """One conditional UPDATE: of two senders at once, one gets the row."""
    rows = (
        await EventMail.update(
            {
                EventMail.claimed_until: now + CLAIM,
                EventMail.attempts: EventMail.attempts + 1,
            }
        )
        .where((EventMail.id == row_id) & _due(now))
        .returning(EventMail.registration, EventMail.kind, EventMail.attempts)
    )
    return rows[0] if rows else None


async def _attempt(row_id: int, now: datetime) -> int:
    claimed = await _claim(row_id, now)
    if claimed is None:
        return 0
    settings = mail_settings()
    sent = 0
    try:
        mail = await owed_mail(
            claimed["registration"], EventMailKind(claimed["kind"]), utc_now(), settings
        )
        if mail is not None:
            sent = await send_mail(mail, processor="smtp", settings=settings)
    except SEND_ERRORS as error:
        await _retry_later(row_id, claimed["attempts"], now, error)
        return 0
    await EventMail.update({EventMail.done_at: utc_now(), EventMail.claimed_until: None}).where(
        EventMail.id == row_id
    )
    return sent


async def _retry_later(row_id: int, attempts: int, now: datetime, error: Exception) -> None:
    await EventMail.update(
        {EventMail.due_at: retry_at(attempts, now), EventMail.claimed_until: None}
    ).where(EventMail.id == row_id)
    # The error text may name the address; kring.logs masks it in every log line.
    if given_up(attempts):
        log.error("event mail %s given up after %d attempts: %s", row_id, attempts, error)
    else:
        log.warning("event mail %s not sent (attempt %d): %s", row_id, attempts, error)
