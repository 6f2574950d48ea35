"""A staff member who also has a member profile got the member's copy of their data without
what they did as staff: the audit entries their account made (an officer's every look at a
member's page), which `/privacy/account-data` gives a staff account without a profile (found
by a helper). Their copy (the page, its JSON and the API) now holds them, whose data each
touched withheld as there."""

from __future__ import annotations

import re

from kring.choices import Role
from privacy.access import OTHERS_WITHHELD
from tests import factories


def _officer_with_a_profile(client) -> tuple[factories.Login, int]:
    officer = factories.account(Role.privacy_officer, factories.member(factories.organisation()))
    someone = factories.account(Role.member)
    factories.log_in(client, officer.email)
    assert client.get(f"/privacy/desk/members/{someone.member_id}").status_code == 200
    return officer, someone.member_id


def _done_as_staff(export: dict, officer: factories.Login) -> list[dict]:
    rows = export["tables"]["audit_entry"]["rows"]
    return [r for r in rows if r["actor"] == officer.account_id and r["member"] == OTHERS_WITHHELD]


def test_the_api_copy_of_a_staff_member_with_a_profile_holds_what_they_did(client):
    officer, someone = _officer_with_a_profile(client)
    answer = client.post(
        "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=officer.headers
    )
    assert answer.status_code == 200, answer.text
    export = answer.json()
    assert export["subject"]["member_id"] == officer.member_id
    assert _done_as_staff(export, officer), export["tables"]["audit_entry"]["rows"]
    assert someone not in {r["member"] for r in export["tables"]["audit_entry"]["rows"]}


def test_the_page_and_json_copy_of_a_staff_member_with_a_profile_hold_what_they_did(client):
    officer, someone = _officer_with_a_profile(client)
    factories.post_page_form(
        client, "/privacy/confirm", next="/privacy/my-data", password=factories.PASSWORD
    )
    asked = factories.post_page_form(client, "/privacy/my-data")
    assert asked.status_code == 200, asked.text
    request_id = re.search(r"/privacy/my-data/(\d+)", str(asked.url)).group(1)
    section = asked.text[asked.text.index('id="table-audit_entry"') :]
    section = section[: section.index("</section>")]
    assert "<dd>[niet getoond: gegevens van iemand anders]</dd>" in section, section
    export = client.get(f"/privacy/my-data/{request_id}/answer.json").json()
    assert _done_as_staff(export, officer)
    assert someone not in {r["member"] for r in export["tables"]["audit_entry"]["rows"]}


def test_years_of_staff_audit_entries_are_cut_on_the_page_and_whole_in_the_json(client):
    from privacy.account_data import PAGE_ROWS
    from privacy.audit import Action, record_audit
    from tests.conftest import run

    officer, someone = _officer_with_a_profile(client)
    for _ in range(PAGE_ROWS + 5):
        run(record_audit(officer.account_id, someone, Action.viewed, "member"))
    factories.post_page_form(
        client, "/privacy/confirm", next="/privacy/my-data", password=factories.PASSWORD
    )
    asked = factories.post_page_form(client, "/privacy/my-data")
    assert 'id="shortened-audit_entry"' in asked.text, asked.text
    section = asked.text[asked.text.index('id="table-audit_entry"') :]
    assert section[: section.index("</section>")].count("<tr>") == PAGE_ROWS + 1  # and a heading
    request_id = re.search(r"/privacy/my-data/(\d+)", str(asked.url)).group(1)
    export = client.get(f"/privacy/my-data/{request_id}/answer.json").json()
    assert len(_done_as_staff(export, officer)) >= PAGE_ROWS + 5
