"""Failed logins slow the guesser, not the member: counted per account and client, per
client, and per account from every client (``kring/throttle.py``), in the real database."""

from __future__ import annotations

from kring.accounts import LoginFailed
from kring.choices import Role
from kring.errors import TooManyAttempts
from kring.throttle import PER_ACCOUNT, PER_ACCOUNT_AND_CLIENT, PER_CLIENT, client_group
from members.accounts import authenticate
from tests import factories
from tests.conftest import run

SECRET = "test-secret"


def attempt(email: str, password: str, client: str) -> str:
    """'ok', 'wrong' or 'blocked'."""
    try:
        run(authenticate(SECRET, email, password, client))
    except LoginFailed:
        return "wrong"
    except TooManyAttempts:
        return "blocked"
    return "ok"


def test_a_guesser_is_stopped_while_the_member_still_logs_in():
    member = factories.account(Role.member)
    guesses = [attempt(member.email, "wrong-password", "10.0.0.66") for _ in range(6)]
    assert guesses == ["wrong"] * PER_ACCOUNT_AND_CLIENT.max_failures + ["blocked"]
    assert attempt(member.email, factories.PASSWORD, "10.0.0.66") == "blocked"
    assert attempt(member.email, factories.PASSWORD, "192.0.2.7") == "ok"


def test_one_client_guessing_many_accounts_is_stopped():
    emails = [factories.account(Role.member).email for _ in range(8)]
    outcomes = [attempt(email, "wrong-password", "10.0.0.66") for email in emails for _ in range(4)]
    assert outcomes[: PER_CLIENT.max_failures] == ["wrong"] * PER_CLIENT.max_failures
    assert set(outcomes[PER_CLIENT.max_failures :]) == {"blocked"}


def test_an_account_guessed_from_many_clients_is_closed_to_all():
    member = factories.account(Role.member)
    clients = 20
    outcomes = [
        attempt(member.email, "wrong-password", f"10.0.{n}.1")
        for n in range(clients)
        for _ in range(3)
    ]
    assert outcomes[: PER_ACCOUNT.max_failures] == ["wrong"] * PER_ACCOUNT.max_failures
    assert set(outcomes[PER_ACCOUNT.max_failures :]) == {"blocked"}
    assert attempt(member.email, factories.PASSWORD, "192.0.2.7") == "blocked"


def test_a_successful_login_clears_the_account_but_not_the_client():
    member = factories.account(Role.member)
    for _ in range(4):
        assert attempt(member.email, "wrong-password", "10.0.0.5") == "wrong"
    assert attempt(member.email, factories.PASSWORD, "10.0.0.5") == "ok"
    assert [attempt(member.email, "wrong-password", "10.0.0.5") for _ in range(5)] == ["wrong"] * 5


def test_an_ipv6_client_is_counted_by_its_64_network():
    """Found from outside: every IPv6 address was its own client, and a connection usually has
    a whole /64 of them: a new address for each guess, and no per-client limit ever came."""
    assert client_group("2001:db8:1:2:aaaa::1") == client_group("2001:db8:1:2:ffff::9")
    assert client_group("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_group("2001:db8:1:3::1") != client_group("2001:db8:1:2::1")
    assert client_group("2001:DB8:1:2::1") == client_group("[2001:db8:1:2::1]")
    assert client_group("fe80::1%eth0") == client_group("fe80::2")
    assert client_group("::ffff:192.0.2.7") == "192.0.2.7" == client_group("192.0.2.7")
    assert client_group("192.0.2.7") != client_group("192.0.2.8")
    assert client_group("testclient") == "testclient"


def test_guesses_from_one_ipv6_network_are_one_client():
    member = factories.account(Role.member)
    limit = PER_ACCOUNT_AND_CLIENT.max_failures
    guesses = [
        attempt(member.email, "wrong-password", f"2001:db8:5:6::{n:x}") for n in range(limit + 1)
    ]
    assert guesses == ["wrong"] * limit + ["blocked"]
    assert attempt(member.email, factories.PASSWORD, "2001:db8:5:7::1") == "ok"
