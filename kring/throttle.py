"""Login rate limiting kept in the database, so every app process sees the same counts.

Keys are keyed hashes of the e-mail, of the client address and of the pair; the worker
removes a row 15 minutes after its window started (`purge_expired`).

A client that guesses one account's password is stopped after 5 failures for that account
(and after 30 for any accounts). The account itself is closed to every client only after 50
failures, so from ten clients or more: counting 5 failures per account from anywhere let
anyone who knew a member's address lock that member out by typing wrong passwords.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from kring.clock import utc_now
from kring.credentials import keyed_hash
from kring.errors import TooManyAttempts
from kring.messages import N_
from kring.tables import LoginThrottle


@dataclass(frozen=True)
class Limit:
    scope: str
    max_failures: int
    window: timedelta


PER_ACCOUNT_AND_CLIENT = Limit("account and client", max_failures=5, window=timedelta(minutes=15))
PER_CLIENT = Limit("client", max_failures=30, window=timedelta(minutes=15))
PER_ACCOUNT = Limit("account", max_failures=50, window=timedelta(minutes=15))


def _account_keys(secret_key: str, email: str, client: str) -> list[tuple[Limit, str]]:
    account = email.strip().lower()
    return [
        (PER_ACCOUNT_AND_CLIENT, keyed_hash(secret_key, f"account-client:{account}\n{client}")),
        (PER_ACCOUNT, keyed_hash(secret_key, "account:" + account)),
    ]


def _keys(secret_key: str, email: str, client: str) -> list[tuple[Limit, str]]:
    return [
        *_account_keys(secret_key, email, client),
        (PER_CLIENT, keyed_hash(secret_key, "client:" + client)),
    ]


async def check_allowed(secret_key: str, email: str, client: str) -> None:
    now = utc_now()
    for limit, key in _keys(secret_key, email, client):
        rows = await LoginThrottle.select(LoginThrottle.failures, LoginThrottle.window_start).where(
            (LoginThrottle.key_hash == key) & (LoginThrottle.window_start > now - limit.window)
        )
        failures = sum(row["failures"] for row in rows)
        if failures >= limit.max_failures:
            oldest = min(row["window_start"] for row in rows)
            retry_after = max(1, math.ceil((oldest + limit.window - now).total_seconds()))
            raise TooManyAttempts(
                N_("Too many failed logins; try again in %(minutes)s minutes"),
                retry_after=retry_after,
                minutes=math.ceil(retry_after / 60),
            )


async def record_failure(secret_key: str, email: str, client: str) -> None:
    now = utc_now()
    for _limit, key in _keys(secret_key, email, client):
        await LoginThrottle.insert(LoginThrottle(key_hash=key, window_start=now, failures=1))


async def clear_account(secret_key: str, email: str, client: str) -> None:
    """A successful login clears the account's counts (the client's own stay)."""
    keys = [key for _limit, key in _account_keys(secret_key, email, client)]
    await LoginThrottle.delete().where(LoginThrottle.key_hash.is_in(keys))


async def purge_expired() -> int:
    cutoff = utc_now() - max(PER_ACCOUNT_AND_CLIENT.window, PER_ACCOUNT.window, PER_CLIENT.window)
    deleted = (
        await LoginThrottle.delete()
        .where(LoginThrottle.window_start < cutoff)
        .returning(LoginThrottle.id)
    )
    return len(deleted)
