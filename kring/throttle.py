"""Login rate limiting kept in the database, so every app process sees the same counts.

Keys are keyed hashes of the e-mail, of the client address and of the pair; the worker
removes a row 15 minutes after its window started (`purge_expired`).

A client that guesses one account's password is stopped after 5 failures for that account
(and after 30 for any accounts). The account itself is closed to every client only after 50
failures, so from ten clients or more: counting 5 failures per account from anywhere let
anyone who knew a member's address lock that member out by typing wrong passwords.

A client is its address, except that an IPv6 address counts for its /64 network (one
connection usually has a whole /64, so each of its addresses was a fresh client) and an
IPv4-mapped IPv6 address (::ffff:192.0.2.1) counts as the IPv4 address it carries.

The codes mailed for privacy requests (privacy/verification.py) are throttled the same way per
client: `CODES_PER_CLIENT` wrong codes, for any request.
"""

from __future__ import annotations

import ipaddress
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
CODES_PER_CLIENT = Limit("client's codes", max_failures=5, window=timedelta(minutes=15))


def client_group(host: str) -> str:
    """The client a throttle counts: the IPv4 address, or the /64 network of an IPv6 one."""
    try:
        address = ipaddress.ip_address(host.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return host  # not an address (a test client's name, 'unknown'): counted as it is
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _account_keys(secret_key: str, email: str, client: str) -> list[tuple[Limit, str]]:
    account = email.strip().lower()
    client = client_group(client)
    return [
        (PER_ACCOUNT_AND_CLIENT, keyed_hash(secret_key, f"account-client:{account}\n{client}")),
        (PER_ACCOUNT, keyed_hash(secret_key, "account:" + account)),
    ]


def _keys(secret_key: str, email: str, client: str) -> list[tuple[Limit, str]]:
    return [
        *_account_keys(secret_key, email, client),
        (PER_CLIENT, keyed_hash(secret_key, "client:" + client_group(client))),
    ]


async def check_allowed(secret_key: str, email: str, client: str) -> None:
    await _check(
        _keys(secret_key, email, client),
        N_("Too many failed logins; try again in %(minutes)s minutes"),
    )


async def _check(keys: list[tuple[Limit, str]], message: str) -> None:
    now = utc_now()
    for limit, key in keys:
        rows = await LoginThrottle.select(LoginThrottle.failures, LoginThrottle.window_start).where(
            (LoginThrottle.key_hash == key) & (LoginThrottle.window_start > now - limit.window)
        )
        failures = sum(row["failures"] for row in rows)
        if failures >= limit.max_failures:
            oldest = min(row["window_start"] for row in rows)
            retry_after = max(1, math.ceil((oldest + limit.window - now).total_seconds()))
            raise TooManyAttempts(
                message,
                retry_after=retry_after,
                minutes=math.ceil(retry_after / 60),
            )


async def record_failure(secret_key: str, email: str, client: str) -> None:
    now = utc_now()
    for _limit, key in _keys(secret_key, email, client):
        await LoginThrottle.insert(LoginThrottle(key_hash=key, window_start=now, failures=1))


def _code_keys(secret_key: str, client: str) -> list[tuple[Limit, str]]:
    return [(CODES_PER_CLIENT, keyed_hash(secret_key, "codes-client:" + client_group(client)))]


async def check_codes_allowed(secret_key: str, client: str) -> None:
    """A client that typed `CODES_PER_CLIENT` wrong codes waits, whatever requests they were for."""
    await _check(
        _code_keys(secret_key, client),
        N_("too many wrong codes from your address; try again in %(minutes)s minutes"),
    )


async def record_code_failure(secret_key: str, client: str) -> int:
    """Count a wrong code for the client; returns how many more it may type in this window."""
    now = utc_now()
    ((limit, key),) = _code_keys(secret_key, client)
    await LoginThrottle.insert(LoginThrottle(key_hash=key, window_start=now, failures=1))
    rows = await LoginThrottle.select(LoginThrottle.failures).where(
        (LoginThrottle.key_hash == key) & (LoginThrottle.window_start > now - limit.window)
    )
    return max(0, limit.max_failures - sum(row["failures"] for row in rows))


async def clear_account(secret_key: str, email: str, client: str) -> None:
    """A successful login clears the account's counts (the client's own stay)."""
    keys = [key for _limit, key in _account_keys(secret_key, email, client)]
    await LoginThrottle.delete().where(LoginThrottle.key_hash.is_in(keys))


async def purge_expired() -> int:
    cutoff = utc_now() - max(
        PER_ACCOUNT_AND_CLIENT.window,
        PER_ACCOUNT.window,
        PER_CLIENT.window,
        CODES_PER_CLIENT.window,
    )
    deleted = (
        await LoginThrottle.delete()
        .where(LoginThrottle.window_start < cutoff)
        .returning(LoginThrottle.id)
    )
    return len(deleted)
