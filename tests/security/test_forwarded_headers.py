"""`kring serve` believes X-Forwarded-For only from the proxies KRING_TRUSTED_PROXIES names.

uvicorn trusted it from 127.0.0.1 by default, so a client on the machine (or anything behind a
local proxy that passes the header on) chose the address the login throttle counts: a new
address for each guess, and the limit per account and client never came."""

from __future__ import annotations

import json
import os

from kring.choices import Role
from kring.throttle import PER_ACCOUNT_AND_CLIENT
from tests import factories
from tests.served import raw_request, served


def _guesses(url: str, email: str, count: int, address: str = "198.51.100.{n}") -> list[int]:
    """The statuses of `count` wrong logins, each claiming another forwarded address."""
    body = json.dumps({"email": email, "password": "wrong-password"}).encode()
    return [
        raw_request(
            url,
            "POST",
            "/api/tokens",
            {"content-type": "application/json", "x-forwarded-for": address.format(n=n)},
            body,
        ).status
        for n in range(1, count + 1)
    ]


def test_a_forwarded_address_does_not_change_the_throttled_client(live_server):
    member = factories.account(Role.member)
    limit = PER_ACCOUNT_AND_CLIENT.max_failures
    assert _guesses(live_server, member.email, limit + 1) == [401] * limit + [429]


def test_a_trusted_proxy_forwards_the_client_address():
    member = factories.account(Role.member)
    limit = PER_ACCOUNT_AND_CLIENT.max_failures
    env = os.environ.copy() | {"KRING_TRUSTED_PROXIES": "127.0.0.1"}
    with served(env=env) as server:
        assert _guesses(server.url, member.email, limit + 1) == [401] * (limit + 1)


def test_forwarded_ipv6_addresses_of_one_network_are_one_client():
    """Found from outside: each IPv6 address was a client of its own, so a guesser with a /64
    (what one connection usually gets) never met the limit; IPv4-mapped ones were another
    client than the IPv4 address they carry."""
    member = factories.account(Role.member)
    limit = PER_ACCOUNT_AND_CLIENT.max_failures
    env = os.environ.copy() | {"KRING_TRUSTED_PROXIES": "127.0.0.1"}
    with served(env=env) as server:
        same_network = _guesses(server.url, member.email, limit + 1, "2001:db8:9:1::{n:x}")
        assert same_network == [401] * limit + [429]
        assert _guesses(server.url, member.email, 1, "2001:db8:9:2::{n:x}") == [401]
        assert _guesses(server.url, member.email, limit, "192.0.2.77") == [401] * limit
        assert _guesses(server.url, member.email, 1, "::ffff:192.0.2.77") == [429]
