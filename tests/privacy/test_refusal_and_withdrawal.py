"""A privacy request can end without being carried out: the officer refuses it with a reason
that is mailed to the person (GDPR art. 12(4)), or the person withdraws it."""

from datetime import timedelta
from email import message_from_bytes

from kring.choices import MemberStatus, Role
from kring.clock import utc_now
from kring.tables import Member
from privacy.requests import request_notices_job
from privacy.tables import AccessRequest, ErasureRequest
from privacy.verification import send_due_codes
from tests import factories
from tests.conftest import run
from tests.privacy.test_verification import _member_email, _record

HTML = {"accept": "text/html"}


def _made(client, officer, kind, member_id) -> int:
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    made = client.post(f"/api/privacy/{kind}-requests", json=body, headers=officer.headers)
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _text(message) -> str:
    return message_from_bytes(message.content).get_payload(decode=True).decode()


def test_the_officer_refuses_an_access_request_and_the_person_is_told_why(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request_id = _made(client, officer, "access", member.member_id)
    link = client.post(
        f"/api/privacy/access-requests/{request_id}/download-link",
        json={},
        headers=officer.headers,
    )
    assert link.status_code == 201, link.text
    path = f"/api/privacy/access-requests/{request_id}/refusal"
    assert client.post(path, json={"reason": "x"}, headers=member.headers).status_code == 403
    empty = client.post(path, json={"reason": "   "}, headers=officer.headers)
    assert empty.status_code == 400 and "reason" in empty.text
    missing = client.post(path, json={}, headers=officer.headers)
    assert missing.status_code == 400 and "reason" in missing.text
    assert mailbox.messages == []

    refused = client.post(
        path, json={"reason": "Deze vraag is de vierde deze maand"}, headers=officer.headers
    )
    assert refused.status_code == 200, refused.text
    row = refused.json()
    assert (row["status"], row["close_reason"], row["closed_by"]) == (
        "refused",
        "Deze vraag is de vierde deze maand",
        officer.account_id,
    )
    assert row["close_notified_at"] is not None and row["overdue"] is False
    assert [m.rcpt_tos for m in mailbox.messages] == [[_member_email(member)]]
    text = _text(mailbox.messages[0])
    assert "Deze vraag is de vierde deze maand" in text
    assert "Gegevensbeschermingsautoriteit" in text

    again = client.post(path, json={"reason": "nog eens"}, headers=officer.headers)
    assert again.status_code == 409 and "refused" in again.json()["detail"]
    export = client.get(
        f"/api/privacy/access-requests/{request_id}/export", headers=officer.headers
    )
    assert export.status_code == 409 and "refused" in export.json()["detail"]
    new_link = client.post(
        f"/api/privacy/access-requests/{request_id}/download-link",
        json={},
        headers=officer.headers,
    )
    assert new_link.status_code == 409
    old_link = client.get(link.json()["url"], headers=member.headers)  # the person's own
    assert old_link.status_code == 410  # handed out before the refusal: no longer answered
    assert len(mailbox.messages) == 1


def test_a_second_officer_turns_down_an_erasure_waiting_for_approval(client, mailbox):
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _made(client, first, "erasure", member_id)
    path = f"/api/privacy/erasure-requests/{request_id}"
    assert client.post(f"{path}/run", headers=first.headers).json()["status"] == "approval"
    refused = client.post(
        f"{path}/refusal",
        json={"reason": "Het dossier valt onder een wettelijke bewaarplicht"},
        headers=second.headers,
    )
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "refused"
    approve = client.post(f"{path}/approve", headers=first.headers)
    assert approve.status_code == 409
    assert client.post(f"{path}/run", headers=second.headers).status_code == 409
    status = run(Member.select(Member.status).where(Member.id == member_id).first())["status"]
    assert status == MemberStatus.active
    assert "bewaarplicht" in _text(mailbox.messages[-1])


def test_a_carried_out_erasure_cannot_be_refused_or_withdrawn(client, mailbox):
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _made(client, first, "erasure", member_id)
    path = f"/api/privacy/erasure-requests/{request_id}"
    client.post(f"{path}/run", headers=first.headers)
    assert client.post(f"{path}/approve", headers=second.headers).status_code == 200
    late = client.post(f"{path}/refusal", json={"reason": "te laat"}, headers=first.headers)
    assert late.status_code == 409 and "done" in late.json()["detail"]
    assert client.post(f"{path}/withdrawal", headers=first.headers).status_code == 409
    assert mailbox.messages == []


def test_a_refusal_notice_waits_for_the_mail_server_and_goes_once(client, mailbox, relay_down):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request_id = _made(client, officer, "erasure", member.member_id)
    refused = client.post(
        f"/api/privacy/erasure-requests/{request_id}/refusal",
        json={"reason": "identiteit niet vastgesteld"},
        headers=officer.headers,
    )
    assert refused.status_code == 200 and refused.json()["close_notified_at"] is None
    assert run(request_notices_job()) == 0
    relay_down.answer_again()  # its next try is after a wait (test_notices_back_off.py)
    assert run(request_notices_job(utc_now() + timedelta(minutes=2))) == 1
    assert run(request_notices_job(utc_now() + timedelta(minutes=2))) == 0
    assert "identiteit niet vastgesteld" in _text(mailbox.messages[-1])


def test_a_member_withdraws_their_own_request_on_their_page(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    other = factories.account(Role.member)
    request_id = _made(client, officer, "erasure", member.member_id)
    others_id = _made(client, officer, "erasure", other.member_id)
    factories.log_in(client, member.email)
    mine = client.get("/privacy", headers=HTML)
    assert f'id="my-erasure-{request_id}"' in mine.text
    assert f'action="/privacy/requests/erasure/{request_id}/withdrawal"' in mine.text
    assert f"my-erasure-{others_id}" not in mine.text

    def withdraw(kind: str, number: int | str):
        return client.post(
            f"/privacy/requests/{kind}/{number}/withdrawal",
            data={"_csrf_token": factories.csrf_token(client)},
            headers=HTML,
            follow_redirects=False,
        )

    assert withdraw("erasure", others_id).status_code == 404
    assert withdraw("access", request_id).status_code == 404  # no access request of that id
    assert withdraw("nonsense", request_id).status_code == 400
    no_token = client.post(
        f"/privacy/requests/erasure/{request_id}/withdrawal", headers=HTML, follow_redirects=False
    )
    assert no_token.status_code == 403
    done = withdraw("erasure", request_id)
    assert done.status_code == 303 and done.headers["location"].startswith("/privacy")
    page = client.get(done.headers["location"], headers=HTML)
    assert "Je verzoek is ingetrokken." in page.text
    request = page.text.split(f'id="my-erasure-{request_id}"', 1)[1].split("</li>", 1)[0]
    assert ": ingetrokken" in " ".join(request.split())  # its state, in the sentence
    assert f'action="/privacy/requests/erasure/{request_id}/withdrawal"' not in page.text
    assert 'id="erasure"' in page.text  # the form to ask again is back
    assert withdraw("erasure", request_id).status_code == 409
    stored = run(ErasureRequest.select().where(ErasureRequest.id == request_id).first())
    assert (stored["status"], stored["closed_by"]) == ("withdrawn", member.account_id)
    others = run(ErasureRequest.select().where(ErasureRequest.id == others_id).first())
    assert others["status"] == "open"
    run_it = client.post(f"/api/privacy/erasure-requests/{request_id}/run", headers=officer.headers)
    assert run_it.status_code == 409
    assert mailbox.messages == []  # a withdrawal is not mailed: the person did it


def test_a_refused_emailed_request_gets_no_code_and_its_code_does_not_open_it(
    client, mailbox, relay_down
):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    made = _record(client, officer, "access", _member_email(member))
    assert made.status_code == 201 and made.json()["code"] == "queued"
    request_id = made.json()["id"]
    refused = client.post(
        f"/api/privacy/access-requests/{request_id}/refusal",
        json={"reason": "het adres hoort niet bij een lid"},
        headers=officer.headers,
    )
    assert refused.status_code == 200, refused.text
    relay_down.answer_again()
    later = utc_now() + timedelta(minutes=5)
    assert run(send_due_codes(later)) == 0
    answer = client.post(
        f"/api/privacy/access-requests/{request_id}/verify", json={"code": "123456"}
    )  # no code went out, so none is right; a stranger learns nothing of the request
    assert answer.status_code == 400 and "wrong code" in answer.json()["detail"]
    stored = run(AccessRequest.select().where(AccessRequest.id == request_id).first())
    assert stored["status"] == "refused"


def test_the_desk_refuses_with_a_reason_and_records_a_withdrawal(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    refused_id = _made(client, officer, "access", member.member_id)
    withdrawn_id = _made(client, officer, "erasure", member.member_id)
    factories.log_in(client, officer.email)
    desk = client.get("/privacy/desk", headers=HTML)
    assert f'action="/privacy/desk/refusal/access/{refused_id}"' in desk.text
    assert f'action="/privacy/desk/withdrawal/erasure/{withdrawn_id}"' in desk.text

    def post(path: str, **data: str):
        return client.post(
            path,
            data={**data, "_csrf_token": factories.csrf_token(client)},
            headers=HTML,
            follow_redirects=False,
        )

    empty = post(f"/privacy/desk/refusal/access/{refused_id}", reason="")
    assert empty.status_code == 400 and "reden" in empty.text
    done = post(f"/privacy/desk/refusal/access/{refused_id}", reason="Kennelijk ongegrond")
    assert done.status_code == 303
    after = client.get(done.headers["location"], headers=HTML)
    assert "Het verzoek is geweigerd" in after.text
    assert f"access-{refused_id}" not in after.text  # off the desk
    assert post(f"/privacy/desk/withdrawal/erasure/{withdrawn_id}").status_code == 303
    stored = run(ErasureRequest.select().where(ErasureRequest.id == withdrawn_id).first())
    assert (stored["status"], stored["closed_by"]) == ("withdrawn", officer.account_id)
    assert "Kennelijk ongegrond" in _text(mailbox.messages[-1])
    assert len(mailbox.messages) == 1
