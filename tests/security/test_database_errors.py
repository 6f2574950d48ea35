"""The errors a dying or restarting PostgreSQL raises are "try again" (503), not "we failed" (500).

Each exception here was seen in the restart test's server log while PostgreSQL shut down under
load; the restart test proves the whole path, these pin down the mapping it relies on.
"""

from __future__ import annotations

import asyncpg
import pytest

from kring.web.errors import describe

SEEN_DURING_A_RESTART = [
    ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)"),
    asyncpg.CannotConnectNowError("the database system is shutting down"),
    asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    asyncpg.InternalClientError("cannot switch to state 15; another operation (2) is in progress"),
]


@pytest.mark.parametrize("exc", SEEN_DURING_A_RESTART, ids=lambda exc: type(exc).__name__)
def test_connection_failures_answer_503_with_retry_after(exc):
    status, detail, _, headers = describe(exc)
    assert status == 503
    assert headers == {"Retry-After": "1"}
    assert "retry" in detail


def test_a_plain_bug_is_still_a_500():
    status, _, _, _ = describe(KeyError("no such thing"))
    assert status == 500
