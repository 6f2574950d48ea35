"""The desk on a request that is closed already. Found from outside: the 409 page of a refused
request ('Aanvraag 2 (‘inzage’) is ‘geweigerd’') led only to the start page, not back to the
desk the officer came from; and 'Gemarkeerd als beantwoord' sent again (a double click, or
another officer had done it) repeated 'Het inzageverzoek is gemarkeerd als beantwoord.' as if
it had been answered now. Over HTTP against `kring serve`."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from privacy.requests import Kind, RequestChannel, record_request, refuse_request
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal, signed_in_browser


def _flash(browser, answer) -> str:
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/privacy/desk"
    page = unescape(browser.get("/privacy/desk").text)
    return page[page.index('id="flash"') :][:300]


def test_the_page_of_a_refused_request_leads_back_to_the_desk(live_server):
    officer = factories.account(Role.privacy_officer)
    asker = factories.member(factories.organisation())
    request_id = run(record_request(Kind.access, asker, RequestChannel.paper, officer.account_id))
    run(refuse_request(principal(officer), Kind.access, request_id, "Kennelijk ongegrond"))
    with signed_in_browser(live_server, officer.email) as browser:
        closed = browser.get(f"/privacy/desk/access/{request_id}")
    assert closed.status_code == 409
    back = re.search(r'<a href="([^"]*)" id="error-back">([^<]*)</a>', unescape(closed.text))
    assert back is not None, closed.text
    assert back.groups() == ("/privacy/desk", "Terug naar het privacyloket")


def test_marking_an_answered_request_answered_again_says_it_was_answered(live_server):
    officer = factories.account(Role.privacy_officer)
    asker = factories.member(factories.organisation())
    request_id = run(record_request(Kind.access, asker, RequestChannel.paper, officer.account_id))
    with signed_in_browser(live_server, officer.email) as browser:
        path = f"/privacy/desk/access/{request_id}/answered"
        token = {"_csrf_token": factories.csrf_token(browser)}
        first = _flash(browser, browser.post(path, data=token))
        answered_at = run(
            AccessRequest.select(AccessRequest.fulfilled_at)
            .where(AccessRequest.id == request_id)
            .first()
        )["fulfilled_at"]
        again = _flash(browser, browser.post(path, data=token))
    assert "Het inzageverzoek is gemarkeerd als beantwoord." in first
    assert "Dit inzageverzoek was al beantwoord; er is niets veranderd." in again
    row = run(AccessRequest.select().where(AccessRequest.id == request_id).first())
    assert (row["status"], row["fulfilled_at"]) == ("fulfilled", answered_at)
