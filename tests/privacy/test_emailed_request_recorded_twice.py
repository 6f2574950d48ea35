"""A double click on "Record and mail the code" records one request and mails one code: it
recorded two unverified requests for the person and mailed two codes, the first of which then
opened only one of them (found by the outside probe). The same request by the same officer
within 10 seconds answers the first one."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import Member
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run


def test_an_emailed_request_recorded_twice_is_one_request_with_one_code(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == member.member_id).first())["email"]
    answers = [
        client.post("/api/privacy/access-requests", json={"email": email}, headers=officer.headers)
        for _ in range(2)
    ]
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    assert answers[1].json()["code"] == answers[0].json()["code"] == "sent"
    assert run(AccessRequest.count().where(AccessRequest.member == member.member_id)) == 1
    assert len(mailbox.messages) == 1
