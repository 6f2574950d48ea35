"""A processor registered before its agreement was signed gets the date on the desk later:
the page offered no way to record it (adding the processor again was refused, its key taken),
so mail through the relay stayed refused unless an administrator edited the table in the admin
(found by the outside probe)."""

from __future__ import annotations

import datetime

from kring.choices import Role
from kring.clock import today
from privacy.tables import Processor
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _post(client, path: str, data: dict):
    form = {"_csrf_token": factories.csrf_token(client), **data}
    return client.post(path, data=form, headers=HTML, follow_redirects=False)


def test_the_officer_records_a_processors_signed_agreement_later(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    row = Processor(name="Mailrelais", service="uitgaande mail", key="relay-later")
    run(row.save())
    page = client.get("/privacy/desk/processors").text
    path = f"/privacy/desk/processors/{row.id}/agreement"
    assert f'action="{path}"' in page

    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    for typed, status, said in (
        ("", 400, "is verplicht"),
        ("2026-02-30", 400, "moet een datum zijn zoals 01-03-2025"),
        (tomorrow, 400, "kan niet in de toekomst liggen"),
    ):
        refused = _post(client, path, {"dpa_signed_on": typed})
        assert refused.status_code == status, typed
        assert said in refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert (
        _post(
            client, "/privacy/desk/processors/987654/agreement", {"dpa_signed_on": "2025-03-01"}
        ).status_code
        == 404
    )

    recorded = _post(client, path, {"dpa_signed_on": "2025-03-01"})
    assert recorded.status_code == 303
    stored = run(Processor.select(Processor.dpa_signed_on).where(Processor.id == row.id).first())
    assert stored["dpa_signed_on"] == datetime.date(2025, 3, 1)
    assert f'action="{path}"' not in client.get("/privacy/desk/processors").text

    member = factories.account(Role.member)
    client.cookies.clear()
    factories.log_in(client, member.email)
    assert _post(client, path, {"dpa_signed_on": "2025-03-01"}).status_code == 403
