"""The page an officer sees once an erasure is carried out reads as sentences in their language.

Found from outside (the privacy desk, as the demo's second officer approved an erasure): the
page listed what was removed and what remains as program names, `mailing_recipient: 1`,
`suppression: 1 (email_hash, erased_at, …)`, `erasure_request: 1 (approved_by, …)`, on a Dutch
page, and did not say whose erasure or which request it was.
"""

from __future__ import annotations

import re

from kring.choices import Role
from kring.i18n import gettext_for
from kring.table_labels import COLUMN_LABELS, TABLE_LABELS, table_label
from privacy.requests import Kind, RequestChannel, record_request
from tests import factories
from tests.conftest import run
from tests.web.language import visible_text

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def _approved_erasure_page(client, member_id: int) -> tuple[int, str]:
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)  # two officers, the default
    request_id = run(record_request(Kind.erasure, member_id, RequestChannel.phone, None))
    factories.log_in(client, officer.email)
    started = factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}")
    assert started.status_code == 200, started.text  # the desk, after the redirect
    client.cookies.clear()
    factories.log_in(client, second.email)
    page = client.post(
        f"/privacy/desk/erasure/{request_id}/approve",
        data={"_csrf_token": factories.csrf_token(client)},
        headers=DUTCH,
    )
    assert page.status_code == 200, page.text
    return request_id, page.text


def test_the_erasure_outcome_names_tables_and_columns_by_their_labels(client):
    person = factories.account(Role.member)
    request_id, html = _approved_erasure_page(client, person.member_id)
    shown = visible_text(html.split("<main", 1)[1].split("</main>", 1)[0])
    keys = {k for k in TABLE_LABELS if "_" in k} | {k for k in COLUMN_LABELS if "_" in k}
    keys |= {"member", "suppression", "email_hash", "erased_at", "first_name", "last_name"}
    key = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(keys, key=len))) + r")(?![\w-])"
    )
    assert key.findall(shown) == []
    dutch = gettext_for("nl")
    assert table_label("suppression", dutch) in shown
    assert table_label("member", dutch) in shown
    # Whose erasure this was: the request and the member by number, never by name or address.
    assert f"#{request_id}" in shown and str(person.member_id) in shown


def test_the_outcome_has_an_address_of_its_own_that_a_reload_does_not_repeat(client):
    """The outcome was the answer to the approving POST: reloading it posted again and showed
    'Niet mogelijk' (409), and once left the outcome could not be found again."""
    person = factories.account(Role.member)
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    request_id = run(record_request(Kind.erasure, person.member_id, RequestChannel.phone, None))
    factories.log_in(client, officer.email)
    open_one = client.get(f"/privacy/desk/erasure/{request_id}", headers=DUTCH)
    assert open_one.status_code == 409 and "is ‘open’" in open_one.text
    factories.post_page_form(client, f"/privacy/desk/erasure/{request_id}")
    client.cookies.clear()
    factories.log_in(client, second.email)
    approved = client.post(
        f"/privacy/desk/erasure/{request_id}/approve",
        data={"_csrf_token": factories.csrf_token(client)},
        headers=DUTCH,
        follow_redirects=False,
    )
    assert approved.status_code == 303
    assert approved.headers["location"] == f"/privacy/desk/erasure/{request_id}"
    for _ in range(2):  # a reload shows it again
        page = client.get(f"/privacy/desk/erasure/{request_id}", headers=DUTCH)
        assert page.status_code == 200 and 'id="kept"' in page.text
        assert f"Wisverzoek #{request_id} voor lid {person.member_id}" in page.text
    found = client.get(f"/privacy/desk/people?q={person.member_id}", headers=DUTCH)
    assert f'href="/privacy/desk/erasure/{request_id}"' in found.text
    client.cookies.clear()
    factories.log_in(client, factories.account(Role.member).email)
    assert client.get(f"/privacy/desk/erasure/{request_id}").status_code == 403
