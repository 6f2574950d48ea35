"""A staff account without a member profile (an organiser, a privacy officer, an administrator)
gets a copy of everything held about it: every privacy page was for member profiles only, so a
staff member could not ask for their own data, though the account holds their e-mail address and
name, sessions, API tokens and what they did in the audit trail (found by the privacy helper).
Now "My account data" in the account menu shows it and offers it as JSON, after the password."""

from __future__ import annotations

import pytest

from kring.choices import Role
from privacy.access import OTHERS_WITHHELD
from privacy.serialise import WITHHELD
from tests import factories


def _confirmed(client, login) -> None:
    assert factories.log_in(client, login.email).status_code == 303
    asked = client.get("/privacy/account-data")
    assert asked.status_code == 200 and 'id="confirm"' in asked.text, asked.text
    assert "/privacy/confirm" in str(asked.url)
    done = factories.post_page_form(
        client, "/privacy/confirm", next="/privacy/account-data", password=factories.PASSWORD
    )
    assert done.status_code == 200 and str(done.url).endswith("/privacy/account-data"), done.text


@pytest.mark.parametrize("role", [Role.organiser, Role.privacy_officer, Role.admin])
def test_a_staff_account_reads_and_downloads_its_own_data(client, role):
    staff = factories.account(role)
    someone = factories.account(Role.member)
    if role != Role.organiser:  # an officer's look at a member's page is in the audit trail
        factories.log_in(client, staff.email)
        assert client.get(f"/privacy/desk/members/{someone.member_id}").status_code == 200
        client.cookies.clear()
    _confirmed(client, staff)
    shown = client.get("/privacy/account-data")
    assert shown.status_code == 200 and staff.email in shown.text
    assert 'id="table-api_token"' in shown.text
    assert 'href="/privacy/account-data.json"' in shown.text
    assert 'href="/privacy/account-data"' in shown.text  # in the account menu
    answer = client.get("/privacy/account-data.json")
    assert answer.status_code == 200, answer.text
    assert "attachment" in answer.headers["content-disposition"]
    export = answer.json()
    assert export["schema"] == "kring-access/1"
    assert export["subject"]["account_id"] == staff.account_id
    (account,) = export["tables"]["account"]["rows"]
    assert account["email"] == staff.email and account["password_hash"] == WITHHELD
    assert [t["name"] for t in export["tables"]["api_token"]["rows"]] == ["tests"]
    assert export["tables"]["user_session"]["rows"]
    assert export["tables"]["member"]["rows"] == []
    done = export["tables"]["audit_entry"]["rows"]
    assert done and all(entry["actor"] == staff.account_id for entry in done)
    assert all(entry["member"] in (None, OTHERS_WITHHELD) for entry in done)
    if role != Role.organiser:
        assert any(entry["member"] == OTHERS_WITHHELD for entry in done)


def test_the_copy_asks_for_the_password_and_a_member_is_sent_to_their_own(client):
    assert client.get("/privacy/account-data.json", follow_redirects=False).status_code in (
        302,
        303,
        401,
    )
    staff = factories.account(Role.organiser)
    factories.log_in(client, staff.email)
    early = client.get("/privacy/account-data.json", follow_redirects=False)
    assert early.status_code == 303 and "/privacy/confirm" in early.headers["location"]
    client.cookies.clear()
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    sent = client.get("/privacy/account-data", follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/privacy/my-data"


def test_the_api_gives_a_staff_account_its_data_with_the_password(client):
    staff = factories.account(Role.privacy_officer)
    path = "/api/privacy/account-data"
    refused = client.post(path, json={}, headers=staff.headers)
    assert refused.status_code == 400 and "password" in refused.text
    wrong = client.post(path, json={"password": "not it at all"}, headers=staff.headers)
    assert wrong.status_code == 403
    answer = client.post(path, json={"password": factories.PASSWORD}, headers=staff.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["tables"]["account"]["rows"][0]["email"] == staff.email
    member = factories.account(Role.member)
    own = client.post(path, json={"password": factories.PASSWORD}, headers=member.headers)
    assert own.status_code == 409 and "/api/privacy/me/export" in own.json()["detail"]


def test_a_long_audit_trail_is_cut_on_the_page_and_whole_in_the_json(client):
    """An officer's every look at a member's page is an audit entry: years of them made a page
    of tens of thousands of rows. The page shows the newest; the JSON holds them all."""
    from privacy.account_data import PAGE_ROWS
    from privacy.audit import Action, record_audit
    from tests.conftest import run

    staff = factories.account(Role.privacy_officer)
    for _ in range(PAGE_ROWS + 5):
        run(record_audit(staff.account_id, None, Action.viewed, "member"))
    _confirmed(client, staff)
    shown = client.get("/privacy/account-data")
    assert 'id="shortened-audit_entry"' in shown.text
    section = shown.text[shown.text.index('id="table-audit_entry"') :]
    section = section[: section.index("</section>")]
    assert section.count("<tr>") == PAGE_ROWS + 1  # the heading's row and the newest entries
    export = client.get("/privacy/account-data.json").json()
    assert len(export["tables"]["audit_entry"]["rows"]) >= PAGE_ROWS + 5
