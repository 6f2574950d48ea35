"""A stranger cannot use up the tries of a code mailed for a privacy request, nor tell which
request ids wait for one (`privacy.verification.verify`).

Found from outside: five wrong codes to `POST /api/privacy/access-requests/3/verify`, each from
another address, locked the request ("ask the privacy officer again") before its person had
typed the mailed code, and an id that waited for a code answered 400/409/429 where any other
answered 404. Wrong codes now count per client (an IPv6 client by its /64); only the right code
tells anything about the request. Over HTTP (`kring serve`) behind a trusted proxy, so each
guess can come from another address as it would on the Internet.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from email import message_from_bytes

import pytest

from kring.choices import Role
from kring.tables import Member
from kring.throttle import CODES_PER_CLIENT
from tests import factories
from tests.conftest import run
from tests.served import Served, raw_request, served


@pytest.fixture(scope="module")
def behind_proxy() -> Iterator[Served]:
    env = os.environ.copy() | {"KRING_TRUSTED_PROXIES": "127.0.0.1"}
    with served(env=env) as server:
        yield server


def _post(url: str, path: str, body: object, address: str) -> tuple[int, dict]:
    answer = raw_request(
        url,
        "POST",
        path,
        {"content-type": "application/json", "x-forwarded-for": address},
        json.dumps(body).encode(),
    )
    return answer.status, json.loads(answer.body)


def _emailed_request(client, mailbox, kind: str) -> tuple[int, str]:
    """A request recorded by the officer for a member's address, and the code mailed for it."""
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == member.member_id).first())["email"]
    made = client.post(
        f"/api/privacy/{kind}-requests", json={"email": email}, headers=officer.headers
    )
    assert made.status_code == 201, made.text
    text = message_from_bytes(mailbox.messages[-1].content).get_payload(decode=True).decode()
    return made.json()["id"], re.search(r"^\s*(\d{6})\s*$", text, re.MULTILINE).group(1)


@pytest.mark.parametrize("kind", ["access", "erasure"])
def test_strangers_guessing_from_many_addresses_do_not_lock_the_request(
    client, behind_proxy, mailbox, kind
):
    request_id, code = _emailed_request(client, mailbox, kind)
    wrong = "111111" if code != "111111" else "222222"
    path = f"/api/privacy/{kind}-requests/{request_id}/verify"
    guesses = [
        _post(behind_proxy.url, path, {"code": wrong}, f"198.51.100.{n}") for n in range(1, 11)
    ]
    assert [status for status, _ in guesses] == [400] * 10, guesses
    status, answer = _post(behind_proxy.url, path, {"code": code}, "203.0.113.9")
    assert (status, answer.get("status")) == (200, "open"), answer


def test_an_unknown_id_answers_as_one_that_waits_for_a_code(client, behind_proxy, mailbox):
    request_id, code = _emailed_request(client, mailbox, "access")
    wrong = "111111" if code != "111111" else "222222"
    waiting = _post(
        behind_proxy.url,
        f"/api/privacy/access-requests/{request_id}/verify",
        {"code": wrong},
        "198.51.100.20",
    )
    unknown = _post(
        behind_proxy.url,
        f"/api/privacy/access-requests/{request_id + 1000}/verify",
        {"code": wrong},
        "198.51.100.21",
    )
    assert waiting == unknown and waiting[0] == 400, (waiting, unknown)
    assert "wrong code" in waiting[1]["detail"]


def test_one_ipv6_network_is_one_client_for_the_codes(client, behind_proxy, mailbox):
    """Each address of one /64 is the same guesser; the next /64 is another."""
    request_id, code = _emailed_request(client, mailbox, "erasure")
    wrong = "111111" if code != "111111" else "222222"
    path = f"/api/privacy/erasure-requests/{request_id}/verify"
    limit = CODES_PER_CLIENT.max_failures
    statuses = [
        _post(behind_proxy.url, path, {"code": wrong}, f"2001:db8:7:1::{n:x}")[0]
        for n in range(1, limit + 2)
    ]
    assert statuses == [400] * (limit - 1) + [429, 429]
    status, answer = _post(behind_proxy.url, path, {"code": code}, "2001:db8:7:2::1")
    assert (status, answer.get("status")) == (200, "open"), answer


def test_the_right_code_says_what_became_of_a_refused_request(client, behind_proxy, mailbox):
    request_id, code = _emailed_request(client, mailbox, "access")
    officer = factories.account(Role.privacy_officer)
    refused = client.post(
        f"/api/privacy/access-requests/{request_id}/refusal",
        json={"reason": "het adres hoort niet bij een lid"},
        headers=officer.headers,
    )
    assert refused.status_code == 200, refused.text
    path = f"/api/privacy/access-requests/{request_id}/verify"
    status, answer = _post(behind_proxy.url, path, {"code": code}, "198.51.100.30")
    assert status == 409 and "refused" in answer["detail"]
