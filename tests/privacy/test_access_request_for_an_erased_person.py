"""An access request for an erased person is refused (nothing more is recorded about them), but
the 409 said only that ("member 12 was erased: nothing more is recorded about them"), leaving
the officer who must still answer the person without a word on when they were erased or where
Kring shows what it keeps of them. It now says both, naming `member_id`, on the desk and in the
API, whose description documents it."""

from __future__ import annotations

import httpx

from kring.choices import Role
from privacy.erasure import erase_member
from privacy.requests import Kind, RequestChannel, record_request
from tests import factories
from tests.conftest import run

DUTCH = {"accept": "text/html", "accept-language": "nl"}
TIMEOUT = 60  # the OpenAPI document is built on its first request


def _erased_through_a_request(client) -> tuple[int, int]:
    person = factories.account(Role.member)
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)  # two officers, the default
    request_id = run(record_request(Kind.erasure, person.member_id, RequestChannel.phone, None))
    factories.log_in(client, officer.email)
    assert factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}").is_success
    client.cookies.clear()
    factories.log_in(client, second.email)
    assert factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}/approve")
    client.cookies.clear()
    return person.member_id, request_id


def _asked(client, member_id: int):
    officer = factories.account(Role.privacy_officer)
    body = {"member_id": member_id, "identity_checked": True}
    return client.post("/api/privacy/access-requests", json=body, headers=officer.headers)


def test_the_refusal_says_when_and_where_the_desk_shows_what_is_kept(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kring.i18n import HOME_ZONE, show_date

    member_id, erasure_id = _erased_through_a_request(client)
    answer = _asked(client, member_id)
    assert answer.status_code == 409, answer.text
    (error,) = answer.json()["errors"]
    assert error["field"] == "member_id"
    said = error["message"]
    day = show_date(datetime.now(ZoneInfo(HOME_ZONE)).date(), "en")
    assert f"member {member_id} was erased on {day}: " in said, said
    assert f"/privacy/desk/erasure/{erasure_id}" in said, said


def test_a_person_erased_by_the_retention_rules_is_named_so(client):
    member_id = factories.member(factories.organisation())
    run(erase_member(member_id))
    answer = _asked(client, member_id)
    assert answer.status_code == 409, answer.text
    said = answer.json()["errors"][0]["message"]
    assert "without an erasure request" in said and "/privacy/desk/erasure/" not in said, said


def test_the_desk_s_form_says_it_in_dutch_at_the_member_field(client):
    member_id, erasure_id = _erased_through_a_request(client)
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    answer = client.post(
        "/privacy/desk/requests",
        data={
            "kind": "access",
            "member_id": str(member_id),
            "channel": "phone",
            "identity_checked": "on",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=DUTCH,
    )
    assert answer.status_code == 409, answer.text
    said = factories.field_error(answer.text, "member_id")
    assert "is gewist op" in said and f"/privacy/desk/erasure/{erasure_id}" in said, said


def test_the_api_documents_the_refusal(live_server):
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()
    operation = document["paths"]["/api/privacy/access-requests"]["post"]
    assert "erased" in operation.get("description", ""), operation
