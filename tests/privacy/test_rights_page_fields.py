"""The recipients to notify name the changed fields as the officer reads them.

Found from outside: 'Te verwittigen ontvangers' listed a rectification's fields as
`job_title,phone`, program names on a Dutch page; now 'Functie, Telefoon'. The API keeps the
keys.
"""

from __future__ import annotations

from datetime import date

from kring.choices import Role
from privacy.processors import add_processor
from privacy.recipients import record_disclosure
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html", "accept-language": "nl"}


def test_a_rectification_notice_names_its_fields_by_their_labels(client):
    login = factories.account(Role.member)
    processor = run(add_processor("Firma mailhuis", "mail", "", date(2025, 1, 1), key="mailhuis"))
    run(record_disclosure(processor, [login.member_id]))
    changed = client.patch(
        f"/api/members/{login.member_id}",
        json={"phone": "+32 470 00 00 01", "job_title": "Nieuwe functie"},
        headers=login.headers,
    )
    assert changed.status_code == 200
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/rights", headers=HTML)
    assert page.status_code == 200
    notices = page.text.split('id="notices"', 1)[1].split("</table>", 1)[0]
    assert "job_title" not in notices and "phone" not in notices
    assert "Functie, Telefoon" in notices
    api = client.get("/api/privacy/notices", headers=officer.headers).json()
    assert [n["fields"] for n in api] == ["job_title,phone"]


def test_the_restriction_page_says_the_data_can_still_be_exported(client):
    """It said the data 'kunnen worden uitgevoerd' (carried out) for 'can be exported'."""
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/rights", headers=HTML).text
    assert "de gegevens blijven bewaard en kunnen worden geëxporteerd." in page
    assert "uitgevoerd." not in page
