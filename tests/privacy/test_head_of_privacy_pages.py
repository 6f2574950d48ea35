"""A HEAD of a privacy page answers what its GET answers, without the body and without reading,
recording or auditing anything (a link checker, a prefetch). Two HEADs skipped the GET's
refusals to audit nothing (seen by a helper comparing HEAD and GET on every route of the demo):
a staff account's own data answered 200 while its GET sends to the password first (303), and
the officer's answer to an access request the person had withdrawn answered 200 where its GET
is a 409."""

from __future__ import annotations

from kring.choices import Role
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run


def test_a_head_of_ones_account_data_asks_for_the_password_first_as_the_get_does(client):
    officer = factories.account(Role.privacy_officer)
    assert factories.log_in(client, officer.email).status_code == 303
    for path in ("/privacy/account-data", "/privacy/account-data.json"):
        get = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        seen = (head.status_code, head.headers.get("location"))
        assert seen == (get.status_code, get.headers.get("location")), path
        assert seen == (303, "/privacy/confirm?next=/privacy/account-data"), path

    confirmed = factories.post_page_form(
        client, "/privacy/confirm", next="/privacy/account-data", password=factories.PASSWORD
    )
    assert confirmed.status_code == 200
    audited = run(AuditEntry.count())
    for path in ("/privacy/account-data", "/privacy/account-data.json"):
        head = client.head(path, follow_redirects=False)
        assert head.status_code == 200 and head.content == b"", path
    assert run(AuditEntry.count()) == audited  # a HEAD hands out nothing


def test_a_head_of_a_withdrawn_access_request_is_refused_as_the_get_is(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    recorded = client.post(
        "/api/privacy/access-requests",
        json={"member_id": alice.member_id, "channel": "email", "identity_checked": True},
        headers=officer.headers,
    )
    assert recorded.status_code == 201, recorded.text
    request_id = recorded.json()["id"]
    withdrawn = client.post(
        f"/api/privacy/access-requests/{request_id}/withdrawal", headers=alice.headers
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert factories.log_in(client, officer.email).status_code == 303

    path = f"/privacy/desk/access/{request_id}"
    get = client.get(path, headers={"accept": "text/html"})
    head = client.head(path, headers={"accept": "text/html"})
    assert get.status_code == 409
    assert head.status_code == 409 and head.content == b""
