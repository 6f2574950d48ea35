"""Nothing new is recorded about an erased member: no request, opt-out, restriction or login
(an officer could add rows for them, and `kring createuser --member-id` gave them a login
that showed their remaining record)."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import Account
from privacy.erasure import erase_member
from privacy.tables import AccessRequest, ErasureRequest, OptOutEvent
from tests import factories
from tests.cli import kring
from tests.conftest import run


def _erased() -> int:
    member_id = factories.member(factories.organisation())
    run(erase_member(member_id))
    return member_id


def test_the_desk_records_no_request_or_opt_out_for_an_erased_member(client):
    officer = factories.account(Role.privacy_officer)
    gone = _erased()
    for path in ("/api/privacy/access-requests", "/api/privacy/erasure-requests"):
        body = {"member_id": gone, "identity_checked": True}
        answer = client.post(path, json=body, headers=officer.headers)
        assert answer.status_code == 409, answer.text
        assert answer.json()["errors"][0]["field"] == "member_id"
    opt_out = client.put(
        f"/api/privacy/members/{gone}/opt-outs",
        json={"kind": "mailings", "active": True, "channel": "paper"},
        headers=officer.headers,
    )
    assert opt_out.status_code == 409, opt_out.text
    restrict = client.post(
        f"/api/privacy/members/{gone}/restriction",
        json={"requested_by": "brief", "reason": "betwist"},
        headers=officer.headers,
    )
    assert restrict.status_code == 409, restrict.text
    for table in (AccessRequest, ErasureRequest, OptOutEvent):
        assert run(table.count().where(table.member == gone)) == 0


def test_createuser_gives_an_erased_member_no_login():
    gone = _erased()
    result = kring(
        "createuser",
        "terug@example.be",
        "--role",
        "member",
        "--member-id",
        str(gone),
        "--adult-confirmed",
        "--password",
        "a-long-password-2026",
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "was erased" in result.stderr
    assert run(Account.count().where(Account.member == gone)) == 0


def test_asking_for_erasure_twice_leaves_one_request_on_the_desk(client):
    """Two clicks (or the page and the API) made two open requests, and both were carried
    out; the second now answers the first."""
    member = factories.account(Role.member)
    body = {"password": factories.PASSWORD}
    first = client.post("/api/privacy/erasure-requests", json=body, headers=member.headers)
    second = client.post("/api/privacy/erasure-requests", json=body, headers=member.headers)
    assert first.status_code == second.status_code == 201, second.text
    assert first.json()["id"] == second.json()["id"]
    assert run(ErasureRequest.count().where(ErasureRequest.member == member.member_id)) == 1
