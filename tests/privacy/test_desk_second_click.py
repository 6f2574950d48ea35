"""A second click on a desk action (refuse, record a withdrawal, start or approve an erasure:
a double click, or another officer did it meanwhile) answers 409 with a link back to the
desk: it led only to the start page (found by the outside probe)."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from privacy.requests import Kind, RequestChannel, record_request, refuse_request
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal

HTML = {"accept": "text/html"}


def test_a_second_click_on_a_desk_action_leads_back_to_the_desk(client):
    officer = factories.account(Role.privacy_officer)
    asker = factories.member(factories.organisation())
    access = run(record_request(Kind.access, asker, RequestChannel.paper, officer.account_id))
    erasure = run(record_request(Kind.erasure, asker, RequestChannel.paper, officer.account_id))
    run(refuse_request(principal(officer), Kind.access, access, "Kennelijk ongegrond"))
    run(refuse_request(principal(officer), Kind.erasure, erasure, "Kennelijk ongegrond"))
    factories.log_in(client, officer.email)
    form = {"_csrf_token": factories.csrf_token(client), "reason": "Nog eens"}
    for path in (
        f"/privacy/desk/refusal/access/{access}",
        f"/privacy/desk/withdrawal/access/{access}",
        f"/privacy/desk/erasure/{erasure}",
        f"/privacy/desk/erasure/{erasure}/approve",
    ):
        again = client.post(path, data=form, headers=HTML, follow_redirects=False)
        assert again.status_code == 409, path
        back = re.search(r'<a href="([^"]*)" id="error-back">([^<]*)</a>', unescape(again.text))
        assert back is not None and back.groups() == (
            "/privacy/desk",
            "Terug naar het privacyloket",
        ), path
