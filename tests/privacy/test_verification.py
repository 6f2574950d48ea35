"""Requests received by e-mail wait for a mailed code: expiry, attempt limits, then locked.

A stranger's guesses are stopped per client and leave the person's code working; only many
wrong codes from many clients lock the request (tests/security/test_code_guessing.py over
HTTP from several addresses)."""

import asyncio
import re
from datetime import timedelta
from email import message_from_bytes

import pytest

from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.tables import Member
from kring.throttle import CODES_PER_CLIENT
from privacy.config import VERIFICATION_ATTEMPTS
from privacy.requests import Kind
from privacy.tables import ErasureRequest, RequestVerification
from privacy.verification import WrongCode, send_due_codes, verify
from tests import factories
from tests.conftest import run


def _member_email(login) -> str:
    return run(Member.select(Member.email).where(Member.id == login.member_id).first())["email"]


def _code(mailbox) -> str:
    text = message_from_bytes(mailbox.messages[-1].content).get_payload(decode=True).decode()
    return re.search(r"^\s*(\d{6})\s*$", text, re.MULTILINE).group(1)


def _record(client, officer, kind, email):
    return client.post(
        f"/api/privacy/{kind}-requests", json={"email": email}, headers=officer.headers
    )


def test_an_emailed_request_proceeds_only_after_the_mailed_code(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = _member_email(member)
    made = _record(client, officer, "access", email.upper().replace("@", "@"))
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["status"] == "unverified" and request["member_id"] == member.member_id
    assert mailbox.messages[-1].rcpt_tos == [email]
    stored = run(RequestVerification.select().first())
    code = _code(mailbox)
    assert code not in str(stored)  # only a keyed hash is kept
    blocked = client.get(
        f"/api/privacy/access-requests/{request['id']}/export", headers=officer.headers
    )
    assert blocked.status_code == 409 and "code" in blocked.json()["detail"]
    wrong = "000000" if code != "000000" else "111111"
    answer = client.post(
        f"/api/privacy/access-requests/{request['id']}/verify", json={"code": wrong}
    )
    assert answer.status_code == 400 and "4 tries left" in answer.text
    answer = client.post(
        f"/api/privacy/access-requests/{request['id']}/verify", json={"code": code}
    )
    assert answer.status_code == 200 and answer.json()["status"] == "open"
    export = client.get(
        f"/api/privacy/access-requests/{request['id']}/export", headers=officer.headers
    )
    assert export.status_code == 200
    again = client.post(f"/api/privacy/access-requests/{request['id']}/verify", json={"code": code})
    assert again.status_code == 409


def test_a_client_that_guesses_is_stopped_and_the_code_still_works(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request = _record(client, officer, "erasure", _member_email(member)).json()
    code = _code(mailbox)
    wrong = "000000" if code != "000000" else "111111"
    path = f"/api/privacy/erasure-requests/{request['id']}/verify"
    answers = [
        client.post(path, json={"code": wrong}) for _ in range(CODES_PER_CLIENT.max_failures)
    ]
    assert [a.status_code for a in answers] == [400, 400, 400, 400, 429]
    assert "3 tries left" in answers[1].text and "1 try left" in answers[3].text
    assert "from your address" in answers[4].json()["detail"]
    assert client.post(path, json={"code": code}).status_code == 429  # this client waits
    stored = run(ErasureRequest.select().where(ErasureRequest.id == request["id"]).first())
    assert stored["status"] == "unverified"
    opened = run(verify(Kind.erasure, request["id"], code, "192.0.2.7"))
    assert opened["status"] == "open"


def test_wrong_codes_from_many_clients_lock_the_request_for_good(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request = _record(client, officer, "erasure", _member_email(member)).json()
    code = _code(mailbox)
    wrong = "000000" if code != "000000" else "111111"
    per_client = CODES_PER_CLIENT.max_failures - 1
    clients = [f"10.0.{n}.1" for n in range(VERIFICATION_ATTEMPTS // per_client + 1)]
    for guesser in clients:
        for _ in range(per_client):
            with pytest.raises(WrongCode):  # each client below its own limit
                run(verify(Kind.erasure, request["id"], wrong, guesser))
    stored = run(ErasureRequest.select().where(ErasureRequest.id == request["id"]).first())
    assert stored["status"] == "locked"
    path = f"/api/privacy/erasure-requests/{request['id']}/verify"
    locked = client.post(path, json={"code": code})
    assert locked.status_code == 429 and "locked" in locked.json()["detail"]
    run_it = client.post(
        f"/api/privacy/erasure-requests/{request['id']}/run", headers=officer.headers
    )
    assert run_it.status_code == 409 and "locked" in run_it.json()["detail"]


def test_an_expired_code_does_not_work_and_bad_input_is_a_4xx(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request = _record(client, officer, "access", _member_email(member)).json()
    code = _code(mailbox)
    run(
        RequestVerification.update(
            {RequestVerification.expires_at: utc_now() - timedelta(minutes=1)}
        ).where(RequestVerification.request_id == request["id"])
    )
    path = f"/api/privacy/access-requests/{request['id']}/verify"
    expired = client.post(path, json={"code": code})
    assert expired.status_code == 409 and "expired" in expired.json()["detail"]
    assert client.post(path, json={"code": "12ab"}).status_code == 400
    unknown_id = client.post("/api/privacy/access-requests/999999/verify", json={"code": "123456"})
    assert unknown_id.status_code == 400 and "wrong code" in unknown_id.json()["detail"]
    unknown = _record(client, officer, "access", "niemand@nergens.be")
    assert unknown.status_code == 404 and "email" in unknown.text
    assert _record(client, officer, "access", "not an address").status_code == 400
    assert _record(client, member, "access", _member_email(member)).status_code == 403


def test_the_person_enters_the_code_on_a_page(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request = _record(client, officer, "erasure", _member_email(member)).json()
    code = _code(mailbox)
    text = message_from_bytes(mailbox.messages[-1].content).get_payload(decode=True).decode()
    path = f"/privacy/verify/erasure/{request['id']}"
    assert path in text
    form = client.get(path)
    assert form.status_code == 200 and 'name="code"' in form.text
    done = client.post(path, data={"code": code, "_csrf_token": factories.csrf_token(client)})
    assert done.status_code == 200 and 'id="verified"' in done.text
    stored = run(ErasureRequest.select().where(ErasureRequest.id == request["id"]).first())
    assert stored["status"] == "open"


def test_a_relay_that_does_not_answer_queues_the_code_until_it_does(client, mailbox, relay_down):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    made = _record(client, officer, "access", _member_email(member))
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["status"] == "unverified" and request["code"] == "queued"
    assert mailbox.messages == []
    path = f"/api/privacy/access-requests/{request['id']}/verify"
    early = client.post(path, json={"code": "123456"})  # no code exists yet: none is right
    assert early.status_code == 400 and "wrong code" in early.json()["detail"]

    assert run(send_due_codes()) == 0  # the relay is still down, and the retry is not due
    relay_down.answer_again()
    assert run(send_due_codes()) == 0  # the next try waits a minute
    later = utc_now() + timedelta(minutes=2)
    assert run(send_due_codes(later)) == 1
    assert run(send_due_codes(later)) == 0  # once
    assert mailbox.messages[-1].rcpt_tos == [_member_email(member)]
    answer = client.post(path, json={"code": _code(mailbox)})
    assert answer.status_code == 200 and answer.json()["status"] == "open"


def test_two_workers_at_once_mail_a_queued_code_once(client, mailbox, relay_down):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    assert _record(client, officer, "erasure", _member_email(member)).json()["code"] == "queued"
    relay_down.answer_again()
    later = utc_now() + timedelta(minutes=2)

    async def two_workers() -> list[int]:
        return await asyncio.gather(send_due_codes(later), send_due_codes(later))

    assert sorted(run(two_workers())) == [0, 1]
    assert len(mailbox.messages) == 1


def test_a_code_that_never_goes_out_is_given_up_and_never_works(client, mailbox, relay_down):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request = _record(client, officer, "access", _member_email(member)).json()
    when = utc_now()
    for _ in range(MAX_ATTEMPTS + 2):
        when += timedelta(days=1)
        run(send_due_codes(when))
    row = run(RequestVerification.select().first())
    assert row["mail_attempts"] == MAX_ATTEMPTS and row["code_sent_at"] is None
    assert row["code_hash"] == ""
    path = f"/api/privacy/access-requests/{request['id']}/verify"
    assert client.post(path, json={"code": "123456"}).status_code == 400
    relay_down.answer_again()
    assert run(send_due_codes(when + timedelta(days=1))) == 0 and mailbox.messages == []


def test_the_desk_says_whether_the_code_went_or_waits_for_the_relay(client, mailbox, relay_down):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    factories.log_in(client, officer.email)
    answer = client.post(
        "/privacy/desk/emailed",
        data={
            "kind": "access",
            "email": _member_email(member),
            "_csrf_token": factories.csrf_token(client),
        },
    )
    assert answer.status_code == 200 and "?mailed=queued" in str(answer.url)
    assert 'id="code-queued"' in answer.text
    assert "Code nog niet gemaild" in answer.text
    relay_down.answer_again()
    other = factories.account(Role.member)
    answer = client.post(
        "/privacy/desk/emailed",
        data={
            "kind": "erasure",
            "email": _member_email(other),
            "_csrf_token": factories.csrf_token(client),
        },
    )
    assert 'id="code-mailed"' in answer.text and len(mailbox.messages) == 1
    assert "Wacht op de gemailde code" in answer.text  # the second request's code went


def test_a_code_mail_refused_for_good_is_not_offered_again(client, smtp_server):
    """Found by the findings helper: a relay that answered 550 'no such mailbox' to the code's
    mail was asked again for about two days, as if it were busy."""
    from dataclasses import replace

    from kring.settings import get_settings
    from privacy import mails
    from tests.refusing_relay import refusing_relay

    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = _member_email(member)
    with refusing_relay() as refusing:
        refusing.for_good.add(email)
        mails.settings_override = replace(get_settings(), smtp_port=refusing.port)
        try:
            assert _record(client, officer, "access", email).json()["code"] == "refused"
            when = utc_now()
            for _ in range(3):
                when += timedelta(days=1)
                run(send_due_codes(when))
        finally:
            mails.settings_override = None
    assert refusing.asked == [email]
    row = run(RequestVerification.select().first())
    assert row["mail_attempts"] == MAX_ATTEMPTS and row["code_hash"] == ""


def test_the_desk_says_when_the_relay_refused_the_code_for_good(client, smtp_server):
    """After a 550 the code is never mailed again: the desk said 'Code nog niet gemaild: de
    mailserver antwoordde niet' as if it would still go, and the officer waited for nothing."""
    from dataclasses import replace

    from kring.settings import get_settings
    from privacy import mails
    from tests.refusing_relay import refusing_relay

    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = _member_email(member)
    factories.log_in(client, officer.email)
    with refusing_relay() as refusing:
        refusing.for_good.add(email)
        mails.settings_override = replace(get_settings(), smtp_port=refusing.port)
        try:
            answer = client.post(
                "/privacy/desk/emailed",
                data={
                    "kind": "access",
                    "email": email,
                    "_csrf_token": factories.csrf_token(client),
                },
            )
        finally:
            mails.settings_override = None
    assert answer.status_code == 200 and "?mailed=refused" in str(answer.url)
    assert 'id="code-refused"' in answer.text
    assert "de mailserver weigerde de code definitief" in answer.text
    assert "Code niet gemaild: de mailserver weigerde ze of nam ze nooit aan" in answer.text
    assert "antwoordde niet" not in answer.text
