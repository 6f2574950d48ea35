"""Accounts, page sessions and API tokens: who a request is.

Creating an account and signing in also record privacy facts (the adult confirmation, the login
month), so they live one layer up, in `members.accounts`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kring.choices import Role
from kring.clock import utc_now
from kring.credentials import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from kring.database import fetch
from kring.errors import DomainError, NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.tables import Account, ApiToken, UserSession
from kring.throttle import check_allowed, clear_account, record_failure
from kring.validation import FieldError


class LoginFailed(DomainError):
    status_code = 401


def check_password_strength(password: str, field: str = "password") -> None:
    """The one rule for every password, wherever it is set (createuser, change, reset)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise FieldError(
            field,
            N_("must be at least %(count)s characters long"),
            count=MIN_PASSWORD_LENGTH,
        )
    if len(password) > 1024:
        raise FieldError(field, N_("must be at most 1024 characters long"))


async def set_password(account_id: int, password: str) -> None:
    check_password_strength(password)
    await Account.update({Account.password_hash: hash_password(password)}).where(
        Account.id == account_id
    )
    # A new password ends every session and token that the old one could have opened.
    await UserSession.delete().where(UserSession.account == account_id)


@dataclass(frozen=True)
class NewSession:
    token: str
    expires_at: datetime


async def start_session(account_id: int, hours: int) -> NewSession:
    token = new_token()
    expires_at = utc_now() + timedelta(hours=hours)
    await UserSession.insert(
        UserSession(token_hash=token_hash(token), account=account_id, expires_at=expires_at)
    )
    return NewSession(token=token, expires_at=expires_at)


async def end_session(token: str) -> None:
    await UserSession.delete().where(UserSession.token_hash == token_hash(token))


def _principal_from(row: dict, via: str) -> Principal:
    return Principal(
        account_id=row["account.id"],
        role=Role(row["account.role"]),
        member_id=row["account.member"],
        email=row["account.email"],
        display_name=row["account.display_name"],
        via=via,
    )


SESSION_CALLER_SQL = """
    SELECT a.id AS "account.id", a.role AS "account.role", a.member AS "account.member",
        a.email AS "account.email", a.display_name AS "account.display_name"
    FROM user_session s JOIN account a ON a.id = s.account
    WHERE s.token_hash = {} AND s.expires_at > {} AND a.active = {}
"""
"""The session and its account in one query (read on every page request)."""

BEARER_CALLER_SQL = """
    SELECT a.id AS "account.id", a.role AS "account.role", a.member AS "account.member",
        a.email AS "account.email", a.display_name AS "account.display_name", t.expires_at
    FROM api_token t JOIN account a ON a.id = t.account
    WHERE t.token_hash = {} AND t.revoked_at IS NULL AND a.active = {}
"""
"""The token and its account in one query (read on every API request)."""


async def principal_for_email(email: str, via: str) -> Principal | None:
    """For the command line, where the operator names the account to act as."""
    row = (
        await Account.select(
            Account.id.as_alias("account.id"),
            Account.role.as_alias("account.role"),
            Account.member.as_alias("account.member"),
            Account.email.as_alias("account.email"),
            Account.display_name.as_alias("account.display_name"),
        )
        .where((Account.email == email.strip().lower()) & Account.active.eq(True))
        .first()
    )
    return None if row is None else _principal_from(row, via)


async def principal_for_session(token: str) -> Principal | None:
    """One query per request: the session and its account together."""
    rows = await fetch(UserSession, SESSION_CALLER_SQL, token_hash(token), utc_now(), True)
    return _principal_from(rows[0], "session") if rows else None


@dataclass(frozen=True)
class NewApiToken:
    id: int
    token: str
    prefix: str


async def create_api_token(account_id: int, name: str, days: int | None = 365) -> NewApiToken:
    """The token is shown once; only its hash is kept. A login leaves nothing finer than the
    month, so the token keeps the month it was made in and an expiry at a midnight (UTC): it
    works through the `days`th day after the day it was made, never longer."""
    token = "kr_" + new_token()
    now = utc_now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    expires_at = midnight + timedelta(days=days + 1) if days else None
    row = ApiToken(
        account=account_id,
        name=name,
        prefix=token[:10],
        token_hash=token_hash(token),
        created_at=midnight.replace(day=1),
        expires_at=expires_at,
    )
    await row.save()
    return NewApiToken(id=row.id, token=token, prefix=row.prefix)


async def principal_for_api_token(token: str) -> Principal | None:
    """One query per request: the token, its expiry and its account together."""
    rows = await fetch(ApiToken, BEARER_CALLER_SQL, token_hash(token), True)
    if not rows or (rows[0]["expires_at"] is not None and rows[0]["expires_at"] <= utc_now()):
        return None
    return _principal_from(rows[0], "token")


async def list_api_tokens(account_id: int) -> list[dict]:
    return (
        await ApiToken.select(
            ApiToken.id,
            ApiToken.name,
            ApiToken.prefix,
            ApiToken.created_at,
            ApiToken.expires_at,
            ApiToken.revoked_at,
        )
        .where(ApiToken.account == account_id)
        .order_by(ApiToken.id)
    )


async def revoke_api_token(account_id: int, token_id: int) -> bool:
    """Only the owner revokes a token; someone else's token id answers 404. False when it was
    revoked already (a double click, a second tab): the moment of the first revocation stays."""
    owned = (ApiToken.id == token_id) & (ApiToken.account == account_id)
    updated = (
        await ApiToken.update({ApiToken.revoked_at: utc_now()})
        .where(owned & ApiToken.revoked_at.is_null())
        .returning(ApiToken.id)
    )
    if updated:
        return True
    if await ApiToken.exists().where(owned):
        return False
    raise NotFound(N_("token %(token_id)s not found"), token_id=token_id)


async def purge_expired_sessions() -> int:
    gone = (
        await UserSession.delete()
        .where(UserSession.expires_at <= utc_now())
        .returning(UserSession.id)
    )
    return len(gone)


class WrongPassword(DomainError):
    """The password asked again was wrong: 403, the caller stays logged in."""

    status_code = 403


async def confirm_password(secret_key: str, account_id: int, password: str, client: str) -> None:
    """Ask the password again (before export or erasure), throttled like a login."""
    row = (
        await Account.select(Account.email, Account.password_hash)
        .where((Account.id == account_id) & Account.active.eq(True))
        .first()
    )
    email = row["email"] if row else f"account-{account_id}"
    await check_allowed(secret_key, email, client)
    verified = verify_password(row["password_hash"] if row else None, password or "")
    if row is None or not verified:  # verified first: both answers cost one argon2 check
        await record_failure(secret_key, email, client)
        raise WrongPassword(N_("wrong password"), field="password")
    await clear_account(secret_key, email, client)


async def reauthenticate_session(
    secret_key: str, token: str, account_id: int, password: str, client: str
) -> None:
    """The password asked again in a page session; the moment is kept in the session row."""
    await confirm_password(secret_key, account_id, password, client)
    await UserSession.update({UserSession.reauthenticated_at: utc_now()}).where(
        (UserSession.token_hash == token_hash(token)) & (UserSession.account == account_id)
    )


async def reauthenticated_within(token: str, window: timedelta) -> bool:
    row = (
        await UserSession.select(UserSession.reauthenticated_at)
        .where(UserSession.token_hash == token_hash(token))
        .first()
    )
    moment = row["reauthenticated_at"] if row else None
    return moment is not None and moment > utc_now() - window
