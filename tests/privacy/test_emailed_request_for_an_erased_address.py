"""A request received by e-mail from the address of an erased person answered 404 "no member
has the e-mail address …": the erasure blanks the address, but its suppression record keeps a
keyed hash of it (`privacy.suppression`), so Kring can recognise it. The officer, who must still
answer the person, now hears that they were erased, on which day, and the erasure's page at the
desk, as an access request naming the erased member does (409, at the e-mail field)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kring.choices import Role
from kring.i18n import HOME_ZONE, show_date
from privacy.requests import Kind, RequestChannel, record_request
from tests import factories
from tests.conftest import run

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def _erased_through_a_request(client) -> tuple[int, int, str]:
    from kring.tables import Member

    person = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == person.member_id).first())["email"]
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)  # two officers, the default
    request_id = run(record_request(Kind.erasure, person.member_id, RequestChannel.phone, None))
    factories.log_in(client, officer.email)
    assert factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}").is_success
    client.cookies.clear()
    factories.log_in(client, second.email)
    assert factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}/approve")
    client.cookies.clear()
    return person.member_id, request_id, email


def test_the_api_says_the_address_was_an_erased_persons(client):
    member_id, erasure_id, email = _erased_through_a_request(client)
    officer = factories.account(Role.privacy_officer)
    answer = client.post(
        "/api/privacy/access-requests",
        json={"email": email.upper(), "identity_checked": True},
        headers=officer.headers,
    )
    assert answer.status_code == 409, answer.text
    (error,) = answer.json()["errors"]
    assert error["field"] == "email"
    day = show_date(datetime.now(ZoneInfo(HOME_ZONE)).date(), "en")
    assert f"member {member_id} was erased on {day}: " in error["message"], error
    assert f"/privacy/desk/erasure/{erasure_id}" in error["message"], error


def test_the_desk_s_emailed_form_says_it_in_dutch_at_the_e_mail_field(client):
    _, erasure_id, email = _erased_through_a_request(client)
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    answer = client.post(
        "/privacy/desk/emailed",
        data={"kind": "access", "email": email, "_csrf_token": factories.csrf_token(client)},
        headers=DUTCH,
    )
    assert answer.status_code == 409, answer.text
    said = factories.field_error(answer.text, "email")
    assert "is gewist op" in said and f"/privacy/desk/erasure/{erasure_id}" in said, said
    assert email in answer.text  # the form keeps what was typed


def test_an_address_nobody_had_is_still_no_members(client):
    officer = factories.account(Role.privacy_officer)
    answer = client.post(
        "/api/privacy/access-requests",
        json={"email": "niemand@verhaeghe.be", "identity_checked": True},
        headers=officer.headers,
    )
    assert answer.status_code == 404, answer.text
