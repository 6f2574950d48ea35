"""A double click on the desk's "Record" for a request by phone or on paper records one
request: it recorded two, both open with their own deadline on the desk (found by the outside
probe). The same request by the same officer within 10 seconds is the first one again."""

from __future__ import annotations

from kring.choices import Role
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run


def test_a_double_click_on_record_records_one_request(client):
    officer = factories.account(Role.privacy_officer)
    asker = factories.member(factories.organisation())
    factories.log_in(client, officer.email)
    form = {
        "_csrf_token": factories.csrf_token(client),
        "kind": "access",
        "member_id": str(asker),
        "channel": "phone",
        "identity_checked": "on",
    }
    for _ in range(2):
        answer = client.post("/privacy/desk/requests", data=form, follow_redirects=False)
        assert answer.status_code == 303
    assert run(AccessRequest.count().where(AccessRequest.member == asker)) == 1

    by_paper = client.post(
        "/privacy/desk/requests", data={**form, "channel": "paper"}, follow_redirects=False
    )
    assert by_paper.status_code == 303
    assert run(AccessRequest.count().where(AccessRequest.member == asker)) == 2
