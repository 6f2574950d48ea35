"""The mail with a password reset link: owed in its `PasswordReset` row until the relay takes it.

A relay that did not take the mail lost it: the person, told "we sent a link" (the answer is
the same for every address), waited for nothing, while every other mail is tried again. Now the
row itself is the queue, as the codes of e-mailed privacy requests are
(`privacy.verification`): the mail is tried at once, after the answer, and then by the worker
after `kring.mail_retries`' growing waits, while the ask is younger than `RETRY_WINDOW`.

Only a hash of a link's token is ever stored, so the token is made when its mail goes: a mail
that did not go leaves a hash of a token nobody has, and a link works for its whole hour from
the moment its mail went.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kring.clock import utc_now
from kring.credentials import new_token, token_hash
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from kring.tables import Account, Member, PasswordReset
from privacy.mail import refused_for_good
from privacy.mails import MailNotSent, send_to_person

log = logging.getLogger("kring.passwords")

RESET_LIFETIME = timedelta(hours=1)
RETRY_WINDOW = timedelta(hours=6)
"""How long after the ask a reset mail the relay did not take is still tried: later, the person
has most likely asked again or asked someone for help."""


def unusable_hash() -> str:
    """The hash of a token nobody is given (the column is unique, so not one empty value)."""
    return token_hash(new_token())


@dataclass(frozen=True)
class ResetMail:
    """A reset mail to send after the answer went (a background task): the answer takes as long
    for an address without an account, which sends nothing."""

    reset_id: int

    async def send(self) -> None:
        await send_reset_mail(self.reset_id)


def _due(now: datetime) -> Any:
    return (
        PasswordReset.mail_sent_at.is_null()
        & PasswordReset.used_at.is_null()
        & (PasswordReset.mail_due_at <= now)
        & (PasswordReset.mail_attempts < MAX_ATTEMPTS)
        & (PasswordReset.created_at > now - RETRY_WINDOW)
        & (PasswordReset.mail_claimed_until.is_null() | (PasswordReset.mail_claimed_until < now))
    )


async def send_reset_mail(reset_id: int, now: datetime | None = None) -> bool:
    """One attempt at the mail of one reset row: claim it, make the token, mail the link.
    True when it went; of several senders at once, one claims the row."""
    now = now or utc_now()
    claimed = (
        await PasswordReset.update(
            {
                PasswordReset.mail_claimed_until: now + CLAIM,
                PasswordReset.mail_attempts: PasswordReset.mail_attempts + 1,
            }
        )
        .where((PasswordReset.id == reset_id) & _due(now))
        .returning(PasswordReset.account, PasswordReset.language, PasswordReset.mail_attempts)
    )
    if not claimed:
        return False
    row = claimed[0]
    account = (
        await Account.select(Account.email, Account.display_name, Account.member)
        .where((Account.id == row["account"]) & Account.active.eq(True))
        .first()
    )
    if account is None:  # made inactive meanwhile: nobody may reset through it
        await PasswordReset.delete().where(PasswordReset.id == reset_id)
        return False
    language = row["language"]
    if account["member"] is not None:
        member = await Member.select(Member.language).where(Member.id == account["member"]).first()
        language = member["language"] if member else language
    token = new_token()
    link: dict[Any, Any] = {PasswordReset.token_hash: token_hash(token)}
    if row["mail_attempts"] > 1:  # a retry: its hour starts now (the first one's at the ask)
        link[PasswordReset.expires_at] = now + RESET_LIFETIME
    await PasswordReset.update(link).where(PasswordReset.id == reset_id)
    try:
        await send_to_person(
            account["email"],
            language,
            "members/mail/password_reset.txt",
            token=token,
            name=account["display_name"],
            minutes=int(RESET_LIFETIME.total_seconds() // 60),
        )
    except MailNotSent as error:
        await _retry_later(reset_id, row["mail_attempts"], now, error)
        return False
    await PasswordReset.update(
        {PasswordReset.mail_sent_at: utc_now(), PasswordReset.mail_claimed_until: None}
    ).where(PasswordReset.id == reset_id)
    return True


async def _retry_later(reset_id: int, attempts: int, now: datetime, error: Exception) -> None:
    """The link that did not go must not work; the row stays until its retry (then its hour).
    A mail the relay refused for good has no try left: asked again, it answers the same."""
    due = retry_at(attempts, now)
    if refused_for_good(error):
        attempts = MAX_ATTEMPTS
    await PasswordReset.update(
        {
            PasswordReset.token_hash: unusable_hash(),
            PasswordReset.mail_due_at: due,
            PasswordReset.mail_claimed_until: None,
            PasswordReset.expires_at: due + RESET_LIFETIME,
            PasswordReset.mail_attempts: attempts,
        }
    ).where(PasswordReset.id == reset_id)
    if given_up(attempts):  # the error text may name the address; kring.logs masks it
        log.error("password reset mail %s given up after %d tries: %s", reset_id, attempts, error)
    else:
        log.warning("password reset mail %s not sent (attempt %d): %s", reset_id, attempts, error)


async def send_due_reset_mails(now: datetime | None = None) -> int:
    """Worker job: send the reset mails whose retry is due; returns how many went."""
    now = now or utc_now()
    rows = (
        await PasswordReset.select(PasswordReset.id)
        .where(_due(now))
        .order_by(PasswordReset.mail_due_at)
        .limit(100)
    )
    return sum([await send_reset_mail(row["id"], now) for row in rows])
