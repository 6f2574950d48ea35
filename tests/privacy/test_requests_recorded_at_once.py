"""The same request sent several times at once by one officer is recorded once: the "same
request within 10 seconds" rule (`privacy.requests.recorded_just_now`) was a check and then an
insert, and for a request received by e-mail the check ran before the member's lock, so on
PostgreSQL submits arriving together all found nothing and each recorded a request and queued
a code (found by the privacy helper). Over HTTP against `kring serve`, the submits truly at once
from several threads; on SQLite too, where writers queue at BEGIN IMMEDIATE."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from kring.choices import Role
from kring.tables import Member
from privacy.tables import AccessRequest, ErasureRequest, RequestVerification
from tests import factories
from tests.conftest import run

AT_ONCE = 6


def _email(member_id: int) -> str:
    return run(Member.select(Member.email).where(Member.id == member_id).first())["email"]


def _at_once(live_server: str, officer, path: str, body: dict) -> list[httpx.Response]:
    with (
        httpx.Client(base_url=live_server, headers=officer.headers, timeout=60) as api,
        ThreadPoolExecutor(AT_ONCE) as pool,
    ):
        return list(pool.map(lambda _: api.post(path, json=body), range(AT_ONCE)))


@pytest.mark.parametrize("kind", ["access", "erasure"])
def test_an_emailed_request_sent_at_once_is_one_request(live_server, smtp_server, kind):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    body = {"email": _email(member.member_id)}
    answers = _at_once(live_server, officer, f"/api/privacy/{kind}-requests", body)
    assert {answer.status_code for answer in answers} == {201}, [a.text for a in answers]
    assert len({answer.json()["id"] for answer in answers}) == 1
    table = AccessRequest if kind == "access" else ErasureRequest
    assert run(table.count().where(table.member == member.member_id)) == 1
    assert run(RequestVerification.count().where(RequestVerification.member == member.member_id))


def test_a_phoned_request_sent_at_once_is_one_request(live_server):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    answers = _at_once(live_server, officer, "/api/privacy/access-requests", body)
    assert {answer.status_code for answer in answers} <= {200, 201}, [a.text for a in answers]
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert run(AccessRequest.count().where(AccessRequest.member == member.member_id)) == 1
