"""Introduction mails owed, kept until the relay took them.

A state change writes the mails it owes in its own transaction (`owe`), so neither a relay
that does not answer nor a process that dies right after the change loses one. They are sent
at once after the change (`deliver`); what fails is retried by the worker (`deliver_due`)
after growing waits, and given up after the last (logged). A row is claimed before it is
sent, so the request that wrote it and any number of workers send it once.

Rows hold ids only. The text is rendered when the mail goes, from the data as it is then:
an erased side means nothing is sent, a restriction is honoured by `privacy.mail`, and the rows
are deleted with the introduction (so with either member's erasure).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from introductions.mails import mail_settings, owed_mail
from introductions.tables import IntroductionMail, MailKind
from kring.clock import utc_now
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from privacy.mail import SEND_ERRORS, send_mail

log = logging.getLogger("kring.introductions.mail")

KEEP_SETTLED = timedelta(days=30)
BATCH = 100


async def owe(introduction_id: int, *kinds: MailKind) -> None:
    """Record the mails a state change owes; call it inside the change's transaction."""
    now = utc_now()
    await IntroductionMail.insert(
        *[IntroductionMail(introduction=introduction_id, kind=kind, due_at=now) for kind in kinds]
    ).on_conflict(action="DO NOTHING")


async def deliver(introduction_id: int, *kinds: MailKind) -> int:
    """Send what `owe` recorded, now; returns how many went. A failure is left to the worker."""
    rows = await IntroductionMail.select(IntroductionMail.id).where(
        (IntroductionMail.introduction == introduction_id)
        & IntroductionMail.kind.is_in(list(kinds))
        & IntroductionMail.done_at.is_null()
    )
    return sum([await _attempt(row["id"], utc_now()) for row in rows])


async def deliver_due(now: datetime | None = None) -> int:
    """Worker job: send the mails whose retry is due; returns how many went."""
    now = now or utc_now()
    rows = (
        await IntroductionMail.select(IntroductionMail.id)
        .where(_due(now))
        .order_by(IntroductionMail.due_at)
        .limit(BATCH)
    )
    return sum([await _attempt(row["id"], now) for row in rows])


async def forget_settled(now: datetime | None = None) -> int:
    """Worker job: rows of mails sent or given up more than KEEP_SETTLED ago."""
    since = (now or utc_now()) - KEEP_SETTLED
    gone = (
        await IntroductionMail.delete()
        .where(
            (IntroductionMail.done_at < since)
            | ((IntroductionMail.attempts >= MAX_ATTEMPTS) & (IntroductionMail.due_at < since))
        )
        .returning(IntroductionMail.id)
    )
    return len(gone)


def _due(now: datetime):
    return (
        IntroductionMail.done_at.is_null()
        & (IntroductionMail.due_at <= now)
        & (IntroductionMail.attempts < MAX_ATTEMPTS)
        & (IntroductionMail.claimed_until.is_null() | (IntroductionMail.claimed_until < now))
    )


async def _claim(row_id: int, now: datetime) -> dict | None:
    """One conditional UPDATE: of two senders at once, one gets the row."""
    rows = (
        await IntroductionMail.update(
            {
                IntroductionMail.claimed_until: now + CLAIM,
                IntroductionMail.attempts: IntroductionMail.attempts + 1,
            }
        )
        .where((IntroductionMail.id == row_id) & _due(now))
        .returning(IntroductionMail.introduction, IntroductionMail.kind, IntroductionMail.attempts)
    )
    return rows[0] if rows else None


async def _attempt(row_id: int, now: datetime) -> int:
    claimed = await _claim(row_id, now)
    if claimed is None:
        return 0
    mail = await owed_mail(claimed["introduction"], MailKind(claimed["kind"]))
    sent = 0
    if mail is not None:
        try:
            sent = await send_mail(mail, processor="smtp", settings=mail_settings())
        except SEND_ERRORS as error:
            await _retry_later(row_id, claimed["attempts"], now, error)
            return 0
    await IntroductionMail.update(
        {IntroductionMail.done_at: utc_now(), IntroductionMail.claimed_until: None}
    ).where(IntroductionMail.id == row_id)
    return sent


async def _retry_later(row_id: int, attempts: int, now: datetime, error: Exception) -> None:
    await IntroductionMail.update(
        {IntroductionMail.due_at: retry_at(attempts, now), IntroductionMail.claimed_until: None}
    ).where(IntroductionMail.id == row_id)
    # The error text may name the address; kring.logs masks it in every log line.
    if given_up(attempts):
        log.error("introduction mail %s given up after %d attempts: %s", row_id, attempts, error)
    else:
        log.warning("introduction mail %s not sent (attempt %d): %s", row_id, attempts, error)
