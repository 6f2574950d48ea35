"""HEAD is answered wherever GET is, by the served app over raw HTTP: the GET's status and
headers without a body, with the GET's guards (RFC 9110 §9.3.2)."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.served import raw_request

SKIPPED = {"date", "set-cookie", "x-request-id"}
"""Headers that differ between any two answers."""


def _headers(answer) -> dict[str, str]:
    return {k.lower(): v for k, v in answer.headers.items() if k.lower() not in SKIPPED}


@pytest.mark.parametrize("path", ["/health", "/login", "/", "/schema/openapi.json", "/nowhere"])
def test_head_answers_as_get_without_a_body(live_server: str, path: str) -> None:
    get = raw_request(live_server, "GET", path)
    head = raw_request(live_server, "HEAD", path)
    assert head.status == get.status != 405
    assert head.body == b""
    assert _headers(head) == _headers(get)
    if get.status == 200:
        assert int(head.headers["content-length"]) == len(get.body) > 0


def test_head_keeps_the_guards_of_get(live_server: str) -> None:
    login = factories.account(Role.member)
    assert raw_request(live_server, "HEAD", "/api/me").status == 401
    answer = raw_request(live_server, "HEAD", "/api/me", login.headers)
    assert answer.status == 200 and answer.body == b""
    organiser_only = "/api/organisations/duplicates"
    assert raw_request(live_server, "HEAD", organiser_only, login.headers).status == 403
    organiser = factories.account(Role.organiser)
    answer = raw_request(live_server, "HEAD", organiser_only, organiser.headers)
    assert answer.status == 200 and answer.body == b""


def test_other_methods_are_unchanged(live_server: str) -> None:
    assert raw_request(live_server, "PUT", "/health").status == 405
    assert raw_request(live_server, "OPTIONS", "/health").status in (200, 204)
