"""A choice the desk refuses names the allowed ones as the page calls them, never by key.

Found from outside (hand-made posts to the desk's forms, Dutch pages): 'Soort: moet een van
deze zijn: access, erasure', 'Kanaal: moet een van deze zijn: web, api, email, phone, paper'
(web and api, which the form does not offer, were taken: an officer's request recorded as made
on the web), and for an objection on someone's behalf 'Kanaal: moet een van deze zijn: web,
api, email, phone, paper, import, demo', of which only three are allowed there.
"""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html", "accept-language": "nl"}


def _post(client, path: str, **fields: str):
    data = fields | {"_csrf_token": factories.csrf_token(client)}
    return client.post(path, data=data, headers=HTML)


def test_a_refused_kind_or_channel_is_named_by_the_labels_the_form_shows(client):
    officer = factories.account(Role.privacy_officer)
    person = factories.account(Role.member)
    factories.log_in(client, officer.email)
    asked = {"member_id": str(person.member_id), "identity_checked": "on"}
    wrong_kind = _post(client, "/privacy/desk/requests", kind="copy", channel="phone", **asked)
    assert wrong_kind.status_code == 400
    text = unescape(wrong_kind.text)
    assert "‘inzage’, ‘wissing’" in text and "access, erasure" not in text
    for channel in ("fax", "web", "api"):
        refused = _post(client, "/privacy/desk/requests", kind="access", channel=channel, **asked)
        assert refused.status_code == 400, channel
        text = unescape(refused.text)
        assert "‘e-mail’, ‘telefoon’, ‘papier’" in text, text[-3000:]
        assert "web, api" not in text
    assert run(AccessRequest.count().where(AccessRequest.member == person.member_id)) == 0
    on_behalf = f"/privacy/desk/members/{person.member_id}/opt-outs"
    wrong = _post(client, on_behalf, kind="listing", channel="demo", active="on")
    assert wrong.status_code == 400
    text = unescape(wrong.text)
    assert "moet telefoon, e-mail of papier zijn" in text and "import, demo" not in text
