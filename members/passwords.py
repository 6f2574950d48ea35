"""Changing one's password, and resetting a forgotten one through a link sent by mail.

A new password ends every page session of the account (the one it was changed in gets a fresh
session), every Piccolo Admin session of an admin, every reset link still open, and what the
apps declared it ends (`kring.declarations.declare_password_change`: events' calendar address,
which reads the member's agenda without a password): whoever knew the old password is out. API
tokens stay valid: they are credentials of their own, listed and revoked on their own page, and
the person may revoke them all in the same step. Each change leaves an audit entry (no
password in it).

A reset link is asked for with an e-mail address. The answer is the same whether an account has
that address or not, and the mail goes after the answer (`ResetMail`), so neither the words nor
the time tell who has an account; a mail the relay does not take is tried again
(`members.reset_mails`). The link holds a random token of which only a hash is kept
(`kring.tables.PasswordReset`); it works once, for `RESET_LIFETIME`. Asking is throttled per
address and client like a login (`kring.throttle`), and an account gets at most
`RESETS_PER_HOUR` mails an hour, whoever asks. Only an active account gets a link: an erased
person has none, a paused member's account is active.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from kring.accounts import (
    NewSession,
    WrongPassword,
    check_password_strength,
    confirm_password,
    principal_for_email,
    start_session,
)
from kring.admin_site import end_admin_sessions
from kring.choices import ResetLinkSpent, Role
from kring.clock import utc_now
from kring.credentials import (
    hash_password,
    normalise_password,
    token_hash,
    verify_password,
)
from kring.database import write_transaction
from kring.declarations import REGISTER
from kring.messages import N_
from kring.principal import Principal
from kring.schema import all_tables
from kring.tables import Account, ApiToken, PasswordReset, UserSession
from kring.throttle import check_allowed, clear_account, record_failure
from kring.validation import Checks, FieldError, normalise_email
from members.reset_mails import RESET_LIFETIME, ResetMail, unusable_hash
from privacy.audit import Action, record_audit
from privacy.login_months import record_login_month

log = logging.getLogger("kring.passwords")

RESETS_PER_HOUR = 3
"""Reset mails one account gets at most in an hour; asking more sends nothing (and says the
same), so nobody can flood a mailbox through the form."""
AUDIT_TABLE = "account (password)"


def check_new_password(new: str, again: str | None) -> None:
    """The one password rule (`check_password_strength`), and the same text typed twice."""
    checks = Checks()
    with checks:
        if not new:
            raise FieldError("new_password", N_("is required"))
        check_password_strength(new, "new_password")
    with checks:
        if again is not None and not again:
            raise FieldError("new_password_again", N_("is required"))
        if again is not None and new != again:
            raise FieldError("new_password_again", N_("is not the same as the new password"))
    checks.done()


def _reused() -> FieldError:
    return FieldError(
        "new_password", N_("is your current password; choose a password you have not used")
    )


@dataclass(frozen=True)
class PasswordReplaced:
    session: NewSession | None
    """The caller's browser's new session, when it asked for one."""
    told: tuple[str, ...] = ()
    """What the apps turned off with the old password (`declare_password_change`), each an
    `N_` message for the person."""


async def _replace_password(
    account_id: int, new: str, revoke_tokens: bool, actor: int | None, spent: ResetLinkSpent
) -> tuple[str, ...]:
    """The new hash, and everything the old password could have opened ended (in one go); the
    open reset links are spent, `spent` saying why (their page tells the person). Returns what
    the apps say they turned off."""
    now = utc_now()
    told: list[str] = []
    all_tables()  # loads every app's declarations, as an erasure does
    async with write_transaction():
        row = await Account.select(Account.member).where(Account.id == account_id).first()
        await Account.update({Account.password_hash: hash_password(new)}).where(
            Account.id == account_id
        )
        await UserSession.delete().where(UserSession.account == account_id)
        await PasswordReset.update(
            {PasswordReset.used_at: now, PasswordReset.spent_because: spent}
        ).where((PasswordReset.account == account_id) & PasswordReset.used_at.is_null())
        if revoke_tokens:
            await ApiToken.update({ApiToken.revoked_at: now}).where(
                (ApiToken.account == account_id) & ApiToken.revoked_at.is_null()
            )
        member_id = row["member"] if row else None
        if member_id is not None:
            for change in REGISTER.password_changes.values():
                if await change.end(member_id):
                    told.append(change.told)
        await record_audit(actor, member_id, Action.changed, AUDIT_TABLE)
    email = await Account.select(Account.email).where(Account.id == account_id).first()
    admin = email and await principal_for_email(email["email"], "password")
    if admin and admin.role == Role.admin:
        await end_admin_sessions(admin)
    return tuple(told)


async def change_password(
    secret_key: str,
    viewer: Principal,
    current: str,
    new: str,
    again: str | None,
    client: str,
    revoke_tokens: bool = False,
    session_hours: int | None = None,
) -> PasswordReplaced:
    """Change the viewer's password after checking the current one (throttled like a login).

    Every session of the account ends; with `session_hours` the caller's browser gets a new
    one (returned, with what the apps turned off). A wrong current password is a 403 at
    `current_password`, counted as a failed login; too many give a 429."""
    checks = Checks()  # an empty field is named, not counted as a wrong password
    if not current:
        checks.add(FieldError("current_password", N_("is required")))
    with checks:
        check_new_password(new, again)
    checks.done()
    try:
        await confirm_password(secret_key, viewer.account_id, current, client)
    except WrongPassword:
        raise WrongPassword(N_("wrong password"), field="current_password") from None
    if normalise_password(new) == normalise_password(current):
        raise _reused()
    told = await _replace_password(
        viewer.account_id, new, revoke_tokens, viewer.account_id, ResetLinkSpent.changed
    )
    if session_hours is None:
        return PasswordReplaced(None, told)
    return PasswordReplaced(await start_session(viewer.account_id, session_hours), told)


def _reset_throttle_name(address: str) -> str:
    """Asking for links is counted apart from failed logins of the same address."""
    return "password-reset:" + address.lower()


async def request_reset(
    secret_key: str, email: str, client: str, language: str
) -> ResetMail | None:
    """Make a reset link for the active account with this address, if any; the caller sends
    the mail after answering, and answers the same either way. A malformed address is a 400
    (it names no account, so saying so tells nothing); too many requests a 429."""
    address = normalise_email(email[:254]).lower()
    await check_allowed(secret_key, _reset_throttle_name(address), client)
    await record_failure(secret_key, _reset_throttle_name(address), client)
    account = (
        await Account.select(Account.id, Account.email, Account.display_name, Account.member)
        .where((Account.email == address) & Account.active.eq(True))
        .first()
    )
    if account is None:
        return None
    now = utc_now()
    recent = await PasswordReset.count().where(
        (PasswordReset.account == account["id"])
        & (PasswordReset.created_at > now - timedelta(hours=1))
    )
    if recent >= RESETS_PER_HOUR:
        log.info("password reset for account %s not sent: %d this hour", account["id"], recent)
        return None
    rows = await PasswordReset.insert(
        PasswordReset(
            account=account["id"],
            token_hash=unusable_hash(),  # the token is made when its mail goes
            created_at=now,
            expires_at=now + RESET_LIFETIME,
            language=language,
            mail_due_at=now,
        )
    ).returning(PasswordReset.id)
    return ResetMail(rows[0]["id"])


class LinkState(StrEnum):
    usable = "usable"
    used = "used"
    replaced = "replaced"  # another link set the password
    changed = "changed"  # the password was changed with the current one
    expired = "expired"
    unknown = "unknown"


class ResetLinkUnusable(Exception):
    """The link was used, is too old or never existed: the page says which and offers a new one
    (a page of its own, not a message at a field)."""

    def __init__(self, state: LinkState) -> None:
        super().__init__(f"password reset link {state}")
        self.state = state


async def link_state(token: str) -> LinkState:
    row = (
        await PasswordReset.select(
            PasswordReset.used_at,
            PasswordReset.spent_because,
            PasswordReset.expires_at,
            PasswordReset.account.active,
        )
        .where(PasswordReset.token_hash == token_hash(token))
        .first()
    )
    if row is None or not row["account.active"]:
        return LinkState.unknown
    if row["used_at"] is not None:  # spent before the reason was kept: used
        return LinkState(row["spent_because"] or ResetLinkSpent.used)
    if row["expires_at"] <= utc_now():
        return LinkState.expired
    return LinkState.usable


async def reset_password(
    secret_key: str, token: str, new: str, again: str | None, client: str, session_hours: int
) -> PasswordReplaced:
    """Set the new password through a link: it is spent, every session of the account ends,
    what the apps declared ends too, and the person is logged in with a new session
    (returned, with what the apps turned off)."""
    state = await link_state(token)
    if state != LinkState.usable:
        raise ResetLinkUnusable(state)
    check_new_password(new, again)
    now = utc_now()
    spent = (
        await PasswordReset.update(
            {PasswordReset.used_at: now, PasswordReset.spent_because: ResetLinkSpent.used}
        )
        .where(
            (PasswordReset.token_hash == token_hash(token))
            & PasswordReset.used_at.is_null()
            & (PasswordReset.expires_at > now)
        )
        .returning(PasswordReset.account)
    )
    if not spent:  # used at the same moment by another request
        raise ResetLinkUnusable(LinkState.used)
    account_id = spent[0]["account"]
    account = (
        await Account.select(Account.email, Account.password_hash, Account.member)
        .where(Account.id == account_id)
        .first()
    )
    if verify_password(account["password_hash"], new):
        # The link stays usable: the person only has to choose another password.
        await PasswordReset.update(
            {PasswordReset.used_at: None, PasswordReset.spent_because: None}
        ).where(PasswordReset.token_hash == token_hash(token))
        raise _reused()
    told = await _replace_password(account_id, new, False, account_id, ResetLinkSpent.replaced)
    # Failed logins of the forgotten password no longer stand in the way.
    await clear_account(secret_key, account["email"], client)
    if account["member"] is not None:
        await record_login_month(account["member"])
    return PasswordReplaced(await start_session(account_id, session_hours), told)


async def purge_expired_resets() -> int:
    """Worker job: a reset link's row is deleted once its hour is over (used or not)."""
    gone = (
        await PasswordReset.delete()
        .where(PasswordReset.expires_at <= utc_now())
        .returning(PasswordReset.id)
    )
    return len(gone)
