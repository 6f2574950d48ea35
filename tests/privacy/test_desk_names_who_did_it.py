"""The desk names who recorded a request and who did what in the audit trail ("Sofie Peeters
(privacyverantwoordelijke)"), not an account number; an account that is gone reads neutrally
(found by an outside review: "Vastgelegd door (accountnummer): 12")."""

import re
from html import unescape

from kring.choices import Role
from kring.tables import Account
from tests import factories
from tests.conftest import run

GONE = "een account dat niet meer bestaat"


def _officer_named(first: str, last: str) -> factories.Login:
    person = factories.member(factories.organisation(), first_name=first, last_name=last)
    return factories.account(Role.privacy_officer, member_id=person)


def _recorded_request(client, officer: factories.Login, member_id: int) -> int:
    made = client.post(
        "/api/privacy/access-requests",
        json={"member_id": member_id, "channel": "phone", "identity_checked": True},
        headers=officer.headers,
    )
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _answer_row(client, request_id: int) -> str:
    answer = client.get(f"/privacy/desk/access/{request_id}")
    assert answer.status_code == 200
    text = unescape(answer.text)
    start = text.index('id="table-access_request"')
    return text[start : text.index("</section>", start)]


def test_the_answer_and_the_audit_name_who_recorded_and_who_did_it(client):
    sofie = _officer_named("Sofie", "Peeters")
    bram = _officer_named("Bram", "Claes")
    member_id = factories.member(factories.organisation())
    request_id = _recorded_request(client, sofie, member_id)
    factories.log_in(client, bram.email)
    section = _answer_row(client, request_id)
    assert "<dt>Vastgelegd door</dt><dd>Sofie Peeters (privacyverantwoordelijke)</dd>" in section
    assert "accountnummer" not in section
    audit = unescape(client.get(f"/privacy/desk/audit?member={member_id}").text)
    table = audit[audit.index('id="audit"') :]
    assert "<th>Gedaan door</th>" in table
    assert "<td>Bram Claes (privacyverantwoordelijke)</td>" in table
    done_by = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", table)
    assert done_by and not any(cell.isdigit() for cell in done_by)  # no account number


def test_an_account_that_is_gone_reads_neutrally(client):
    sofie = _officer_named("Sofie", "Peeters")
    bram = _officer_named("Bram", "Claes")
    member_id = factories.member(factories.organisation())
    request_id = _recorded_request(client, sofie, member_id)
    factories.log_in(client, sofie.email)
    assert client.get(f"/privacy/desk/access/{request_id}").status_code == 200  # audited
    run(Account.delete().where(Account.id == sofie.account_id))
    client.cookies.clear()
    factories.log_in(client, bram.email)
    section = _answer_row(client, request_id)
    assert f"<dt>Vastgelegd door</dt><dd>{GONE}</dd>" in section
    audit = unescape(client.get(f"/privacy/desk/audit?member={member_id}").text)
    assert f"<td>{GONE}</td>" in audit
    assert "<td>Bram Claes (privacyverantwoordelijke)</td>" in audit
