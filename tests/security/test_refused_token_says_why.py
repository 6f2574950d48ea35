"""A bearer token the API refuses (expired, revoked, or never issued) is answered with a 401 that
says the token is what is wrong and how to get another. It was told "log in first (API: send
'Authorization: Bearer <token>')", the answer to a call without one, though it had sent one."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from kring.choices import Role
from kring.tables import ApiToken
from tests import factories
from tests.conftest import run

REFUSED = (
    "the bearer token sent is unknown, revoked or expired; get a new one with POST /api/tokens"
)


def _expired() -> str:
    login = factories.account(Role.member)
    past = datetime(2026, 1, 1, tzinfo=UTC)
    run(ApiToken.update({ApiToken.expires_at: past}).where(ApiToken.account == login.account_id))
    return login.token


def _revoked(live_server: str) -> str:
    login = factories.account(Role.member)
    (token,) = httpx.get(f"{live_server}/api/tokens", headers=login.headers).json()
    gone = httpx.delete(f"{live_server}/api/tokens/{token['id']}", headers=login.headers)
    assert gone.status_code == 204
    return login.token


@pytest.mark.parametrize("kind", ["expired", "revoked", "unknown"])
def test_a_refused_token_is_named_as_what_is_wrong(live_server, kind):
    token = {
        "expired": _expired,
        "revoked": lambda: _revoked(live_server),
        "unknown": lambda: "kr_" + "A" * 43,
    }[kind]()
    answer = httpx.get(f"{live_server}/api/me", headers={"authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="kring", error="invalid_token"'
    assert answer.json()["detail"] == REFUSED


def test_a_call_without_a_token_is_still_told_to_send_one(live_server):
    answer = httpx.get(f"{live_server}/api/me")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "log in first (API: send 'Authorization: Bearer <token>')"
