"""The officer's answer to an access request: looking at it, downloading or printing it changes
nothing; the officer marks it answered with a confirmed POST, once it is delivered."""

from __future__ import annotations

import json

from kring.choices import Role
from kring.tables import Member
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run

DUTCH = {"Accept-Language": "nl"}


def _recorded(client, officer, member_id: int) -> int:
    made = client.post(
        "/api/privacy/access-requests",
        json={"member_id": member_id, "channel": "email", "identity_checked": True},
        headers=officer.headers,
    )
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _status(request_id: int) -> str:
    row = run(AccessRequest.select(AccessRequest.status).where(AccessRequest.id == request_id))
    return row[0]["status"]


def test_opening_the_answer_changes_nothing_and_a_confirmed_post_marks_it_answered(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    request_id = _recorded(client, officer, alice.member_id)
    factories.log_in(client, officer.email)

    page = client.get(f"/privacy/desk/access/{request_id}", headers=DUTCH)
    assert page.status_code == 200, page.text
    assert _status(request_id) == "open"  # a GET (a look, a prefetch) answers nothing
    assert f'href="/privacy/desk/access/{request_id}/answer.json"' in page.text
    assert "data-print" in page.text
    assert f'action="/privacy/desk/access/{request_id}/answered"' in page.text
    assert "Ja, markeren als beantwoord" in page.text  # the confirmation step
    assert "kring-access/1" not in page.text
    assert f"Kenmerk: inzageverzoek {request_id}" in page.text

    download = client.get(f"/privacy/desk/access/{request_id}/answer.json")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert json.loads(download.text)["subject"]["member_id"] == alice.member_id
    assert _status(request_id) == "open"

    no_token = client.post(f"/privacy/desk/access/{request_id}/answered")
    assert no_token.status_code == 403 and _status(request_id) == "open"

    client.headers.update(DUTCH)
    done = factories.post_page_form(client, f"/privacy/desk/access/{request_id}/answered")
    assert done.status_code == 200 and done.url.path == "/privacy/desk"
    assert _status(request_id) == "fulfilled"
    assert "Het inzageverzoek is gemarkeerd als beantwoord." in done.text
    again = client.get(f"/privacy/desk/access/{request_id}", headers=DUTCH)
    assert 'id="answered"' in again.text and "mark-answered" not in again.text


def test_the_api_get_reads_the_answer_and_its_post_answers(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    request_id = _recorded(client, officer, alice.member_id)
    path = f"/api/privacy/access-requests/{request_id}/export"
    read = client.get(path, headers=officer.headers)
    assert read.status_code == 200 and read.json()["subject"]["member_id"] == alice.member_id
    assert _status(request_id) == "open"
    answered = client.post(path, json={}, headers=officer.headers)
    assert answered.status_code == 200, answered.text
    assert _status(request_id) == "fulfilled"


def test_the_answer_names_people_and_categories_not_numbers_and_keys(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    request_id = _recorded(client, officer, alice.member_id)
    factories.log_in(client, officer.email)
    page = client.get(f"/privacy/desk/access/{request_id}", headers=DUTCH).text
    name = run(Member.select().where(Member.id == alice.member_id).first())
    full = f"{name['first_name']} {name['last_name']}"
    section = page.split('id="table-access_request"')[1].split("</section>")[0]
    assert f"<dt>Lid</dt><dd>{full}</dd>" in section, section
    assert "<dt>Referentienummer</dt>" in section
    assert '<td data-label="Categorie">Account ✓</td>' in page  # a label, capitalised
    assert "<td>audit</td>" not in page and "awardjury" not in page


def test_empty_rights_tables_say_what_would_appear(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/rights", headers=DUTCH).text
    assert 'id="no-restrictions"' in page and "Er is geen verwerking beperkt." in page
    assert 'id="no-notices"' in page and "Geen enkele ontvanger" in page
    assert 'id="restrictions"' not in page and 'id="notices"' not in page
