"""A member's second click on "Yes, withdraw" of their own request answers 409 with a link
back to their privacy page: it led only to the start page (found by the outside probe)."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from privacy.requests import Kind, RequestChannel, record_request
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def test_withdrawing_a_withdrawn_request_again_leads_back_to_the_privacy_page(client):
    person = factories.account(Role.member)
    erasure = run(
        record_request(Kind.erasure, person.member_id, RequestChannel.web, person.account_id)
    )
    factories.log_in(client, person.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    path = f"/privacy/requests/erasure/{erasure}/withdrawal"
    assert client.post(path, data=form, headers=HTML, follow_redirects=False).status_code == 303

    again = client.post(path, data=form, headers=HTML, follow_redirects=False)
    assert again.status_code == 409
    back = re.search(r'<a href="([^"]*)" id="error-back">([^<]*)</a>', unescape(again.text))
    assert back is not None and back.groups() == ("/privacy", "Terug naar mijn gegevens en privacy")
