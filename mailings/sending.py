"""Sending a queued mailing: the outbox rows that are due go out one by one, throttled, each
claimed first (one conditional UPDATE), so any number of workers and the CLI send every
recipient once.

Each mail is rendered when it goes, in the recipient's language fixed at queueing, and only
after the person is checked again: someone who unsubscribed, was paused, erased or restricted
after the mailing was queued gets nothing (the row is `skipped`, with the reason). Mail goes
through `privacy.mail.send_mail(processor="smtp")`: without a signed agreement it is refused,
the rows stay waiting (nothing is lost, no attempt counted) and the progress names the reason.
A relay that does not take a mail is tried again after `kring.mail_retries`' growing waits,
and given up after the last (`failed`); one that refuses it for good (a 5xx reply) is not asked
again: the mail failed at once, and the progress says so.

Throttling: at most `KRING_MAILING_PER_MINUTE` mails (default 120) leave per minute, over all
mailings and senders: what was sent in the last minute and what is being sent now count.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kring.clock import utc_now
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from kring.settings import Settings, get_settings, own_number
from kring.tables import Member
from mailings.choices import MailingState
from mailings.clicks import link_maker
from mailings.delivery_tables import MailingRecipient, Problem, RecipientState
from mailings.render import render_mailing
from mailings.tables import Article, Mailing
from mailings.unsubscribe import unsubscribe_headers, unsubscribe_url
from privacy.consents import Purpose, has_consent
from privacy.mail import (
    SEND_ERRORS,
    Mail,
    ProcessorRefused,
    UnsendableMail,
    address_problem,
    refused_for_good,
    send_mail,
)
from privacy.restriction import is_restricted

log = logging.getLogger("kring.mailings")

settings_override: Settings | None = None
"""Tests point this at their SMTP server; None means the settings from the environment."""
WINDOW = timedelta(minutes=1)
OPEN_STATES = (MailingState.queued, MailingState.sending)


def per_minute(env: dict[str, str] | None = None) -> int:
    """`KRING_MAILING_PER_MINUTE`: how many mailing mails may leave per minute (most relays
    and providers limit the rate; a burst of thousands looks like spam). Every process checked
    it at start (`kring.settings.own_settings`)."""
    return own_number("KRING_MAILING_PER_MINUTE", env)


@dataclass
class Round:
    """What one call of `send_due` did."""

    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    """Refused for good by the relay: not tried again."""
    refused: bool = False
    """The processor has no signed agreement: nothing was sent, everything waits."""
    throttled: bool = False
    touched: set[int] = field(default_factory=set)


def _due(now: datetime) -> Any:
    return (
        (MailingRecipient.state == RecipientState.waiting)
        & (MailingRecipient.due_at <= now)
        & (MailingRecipient.attempts < MAX_ATTEMPTS)
        & (MailingRecipient.claimed_until.is_null() | (MailingRecipient.claimed_until < now))
    )


async def _in_flight(now: datetime) -> int:
    """Mails sent in the last minute or being sent now, over all mailings and senders."""
    return await MailingRecipient.count().where(
        (MailingRecipient.sent_at >= now - WINDOW) | (MailingRecipient.claimed_until > now)
    )


async def send_due(
    mailing_id: int | None = None,
    *,
    settings: Settings | None = None,
    limit: int | None = None,
) -> Round:
    """Send what is due now (of one mailing, or of all), within the rate limit."""
    settings = settings or settings_override or get_settings()
    now = utc_now()
    done = Round()
    budget = per_minute() - await _in_flight(now)
    if limit is not None:
        budget = min(budget, limit)
    if budget <= 0:
        done.throttled = True
        return done
    where = _due(now) & MailingRecipient.mailing.state.is_in(list(OPEN_STATES))
    if mailing_id is not None:
        where &= MailingRecipient.mailing == mailing_id
    rows = (
        await MailingRecipient.select(MailingRecipient.id)
        .where(where)
        .order_by(MailingRecipient.id)
        .limit(budget)
    )
    cache: dict[int, tuple[dict, list[dict]]] = {}
    for row in rows:
        await _attempt(row["id"], now, settings, cache, done)
        if done.refused:
            break
    done.throttled = len(rows) == budget and limit is None
    for touched in done.touched:
        await finish_if_done(touched)
    return done


async def _claim(row_id: int, now: datetime) -> dict | None:
    rows = (
        await MailingRecipient.update(
            {
                MailingRecipient.claimed_until: now + CLAIM,
                MailingRecipient.attempts: MailingRecipient.attempts + 1,
            }
        )
        .where((MailingRecipient.id == row_id) & _due(now))
        .returning(
            MailingRecipient.mailing,
            MailingRecipient.member,
            MailingRecipient.language,
            MailingRecipient.attempts,
        )
    )
    return rows[0] if rows else None


async def _settle(row_id: int, state: RecipientState, problem: Problem = Problem.none) -> None:
    values: dict[Any, Any] = {
        MailingRecipient.state: state,
        MailingRecipient.problem: problem,
        MailingRecipient.claimed_until: None,
    }
    if state == RecipientState.sent:
        values[MailingRecipient.sent_at] = utc_now()
    await MailingRecipient.update(values).where(MailingRecipient.id == row_id)


async def _why_not(member: dict | None) -> Problem | None:
    """Checked again when the mail goes: the queue is older than the person's latest wish."""
    if member is None or member["status"] != "active":
        return Problem.inactive
    if member["no_mailings"]:
        return Problem.opted_out
    if not member["email"]:
        return Problem.no_address
    if await is_restricted(member["id"]):
        return Problem.restricted
    return None


async def _content(mailing_id: int, cache: dict[int, tuple[dict, list[dict]]]) -> tuple:
    if mailing_id not in cache:
        mailing = await Mailing.select().where(Mailing.id == mailing_id).first()
        articles = (
            await Article.select()
            .where(Article.mailing == mailing_id)
            .order_by(Article.position)
            .order_by(Article.id)
        )
        cache[mailing_id] = (mailing, articles)
    return cache[mailing_id]


async def render_for(
    mailing: dict, articles: list[dict], member: dict, language: str, settings: Settings
) -> Mail:
    """The mail one recipient gets: their language, their unsubscribe link, and recording links
    only when they consent to interest signals."""
    consented = await has_consent(member["id"], Purpose.interest_signals)
    rendered = render_mailing(
        mailing,
        articles,
        language,
        link=link_maker(member["id"], consented, settings),
        unsubscribe_url=unsubscribe_url(member["id"], settings),
    )
    return Mail(
        to=member["email"],
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        member=member["id"],
        headers=unsubscribe_headers(member["id"], settings),
    )


async def _attempt(
    row_id: int,
    now: datetime,
    settings: Settings,
    cache: dict[int, tuple[dict, list[dict]]],
    done: Round,
) -> None:
    claimed = await _claim(row_id, now)
    if claimed is None:
        return
    mailing_id = claimed["mailing"]
    done.touched.add(mailing_id)
    mailing, articles = await _content(mailing_id, cache)
    if mailing is None or mailing["state"] not in OPEN_STATES:
        await _settle(row_id, RecipientState.skipped, Problem.cancelled)
        done.skipped += 1
        return
    member = (
        await Member.select(
            Member.id, Member.email, Member.status, Member.no_mailings, Member.language
        )
        .where(Member.id == claimed["member"])
        .first()
    )
    problem = await _why_not(member)
    if problem is not None:
        await _settle(row_id, RecipientState.skipped, problem)
        done.skipped += 1
        return
    if mailing["state"] == MailingState.queued:
        await Mailing.update({Mailing.state: MailingState.sending}).where(
            (Mailing.id == mailing_id) & (Mailing.state == MailingState.queued)
        )
    mail = await render_for(mailing, articles, member, claimed["language"], settings)
    try:
        sent = await send_mail(mail, processor="smtp", settings=settings)
    except ProcessorRefused as refused:
        # Not the relay's fault and not this mail's: give the attempt back, keep it waiting.
        await MailingRecipient.update(
            {
                MailingRecipient.attempts: MailingRecipient.attempts - 1,
                MailingRecipient.claimed_until: None,
                MailingRecipient.problem: Problem.no_agreement,
            }
        ).where(MailingRecipient.id == row_id)
        # Everything else of this mailing waits for the same reason: say so on each.
        await MailingRecipient.update({MailingRecipient.problem: Problem.no_agreement}).where(
            (MailingRecipient.mailing == mailing_id)
            & (MailingRecipient.state == RecipientState.waiting)
        )
        log.warning("mailing %s waits: %s", mailing_id, refused)
        done.refused = True
        return
    except SEND_ERRORS as error:
        if isinstance(error, UnsendableMail) and address_problem(mail.to) is not None:
            # Not the relay: the address on record (anything else unwritable fails as refused).
            await _settle(row_id, RecipientState.failed, Problem.bad_address)
            log.error("mailing mail %s cannot be sent: %s", row_id, error)
            done.failed += 1
            return
        if refused_for_good(error):
            await _settle(row_id, RecipientState.failed, Problem.refused)
            # The relay's text may name the address; kring.logs masks it in every log line.
            log.error("mailing mail %s refused for good: %s", row_id, error)
            done.failed += 1
            return
        await _retry_later(row_id, claimed["attempts"], now, error)
        done.retrying += 1
        return
    if sent:
        await _settle(row_id, RecipientState.sent)
        done.sent += 1
    else:  # restricted between our check and the send: privacy.mail held it back
        await _settle(row_id, RecipientState.skipped, Problem.restricted)
        done.skipped += 1


async def _retry_later(row_id: int, attempts: int, now: datetime, error: Exception) -> None:
    values: dict[Any, Any] = {
        MailingRecipient.due_at: retry_at(attempts, now),
        MailingRecipient.claimed_until: None,
        MailingRecipient.problem: Problem.relay,
    }
    if given_up(attempts):
        values[MailingRecipient.state] = RecipientState.failed
        values[MailingRecipient.problem] = Problem.given_up
        log.error("mailing mail %s given up after %d attempts: %s", row_id, attempts, error)
    else:
        log.warning("mailing mail %s not sent (attempt %d): %s", row_id, attempts, error)
    await MailingRecipient.update(values).where(MailingRecipient.id == row_id)


async def finish_if_done(mailing_id: int) -> bool:
    """A mailing with nobody waiting any more is sent."""
    waiting = await MailingRecipient.exists().where(
        (MailingRecipient.mailing == mailing_id)
        & (MailingRecipient.state == RecipientState.waiting)
    )
    if waiting:
        return False
    finished = (
        await Mailing.update({Mailing.state: MailingState.sent, Mailing.sent_at: utc_now()})
        .where((Mailing.id == mailing_id) & Mailing.state.is_in(list(OPEN_STATES)))
        .returning(Mailing.id)
    )
    return bool(finished)


async def next_due(mailing_id: int) -> datetime | None:
    """When the next waiting mail of this mailing may be tried (None: nothing waits)."""
    row = (
        await MailingRecipient.select(MailingRecipient.due_at)
        .where(
            (MailingRecipient.mailing == mailing_id)
            & (MailingRecipient.state == RecipientState.waiting)
        )
        .order_by(MailingRecipient.due_at)
        .first()
    )
    return row["due_at"] if row else None
