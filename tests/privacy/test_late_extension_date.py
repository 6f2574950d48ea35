"""A refused late extension names the end of the first month as every other date reads: "1 Mar
2024" on the API, "1 mrt 2024" on the Dutch desk, never the ISO "2024-03-01"."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from kring.choices import Role
from kring.clock import today
from kring.i18n import show_date
from privacy import requests
from privacy.requests import Kind, RequestChannel
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run

DUE = today() - timedelta(days=40)


def _late_request(officer: factories.Login) -> int:
    member_id = factories.member(factories.organisation())
    made = run(
        requests.record_request(Kind.access, member_id, RequestChannel.phone, officer.account_id)
    )
    run(AccessRequest.update({AccessRequest.due_on: DUE}).where(AccessRequest.id == made))
    return made


def test_a_late_extension_names_the_day_in_english_on_the_api(client):
    officer = factories.account(Role.privacy_officer)
    request_id = _late_request(officer)
    answer = client.post(
        f"/api/privacy/access-requests/{request_id}/extension",
        json={"months": 1, "reason": "te laat"},
        headers=officer.headers,
    )
    assert answer.status_code == 409, answer.text
    detail = answer.json()["detail"]
    assert f"the first month ended on {show_date(DUE, 'en')};" in detail, detail
    assert DUE.isoformat() not in answer.text


def test_a_late_extension_names_the_day_in_dutch_on_the_desk(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    request_id = _late_request(officer)
    answer = factories.post_page_form(
        client, f"/privacy/desk/extension/access/{request_id}", months="1", reason="te laat"
    )
    assert answer.status_code == 409, answer.text[:300]
    text = unescape(answer.text)
    assert f"eerste maand eindigde op {show_date(DUE, 'nl')};" in text
    assert DUE.isoformat() not in text
