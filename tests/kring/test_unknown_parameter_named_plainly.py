"""A refusal of a query parameter no page knows was labelled by its raw key, capitalised as if
it were a field's name ('Month: is geen filter van het auditlogboek…', 'past: …'). A key
that has no label is now named as what it is, in the page's language: 'Onbekende parameter
«month»'. Known fields keep their labels; the API names the key as sent."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from kring.i18n import gettext_for
from kring.messages import field_label
from tests import factories

HTML = {"accept": "text/html"}


def test_the_audit_page_names_an_unknown_parameter_plainly_in_either_language(client):
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    dutch = unescape(client.get("/privacy/desk/audit?past=1&month=3", headers=HTML).text)
    assert "Onbekende parameter «month»: is geen filter van het auditlogboek" in dutch
    assert "onbekende parameter «past»: is geen filter" in dutch.lower()
    assert "Month:" not in dutch and "past:" not in dutch
    client.cookies.set("kring_lang", "en")
    english = client.get("/privacy/desk/audit?past=1", headers=HTML)
    assert english.status_code == 400
    assert "Unknown parameter «past»: is not a filter of the audit trail" in unescape(english.text)


def test_known_fields_keep_their_labels_and_a_long_key_is_cut():
    nl = gettext_for("nl")
    assert field_label("met_via", nl) == "Ontmoet via"
    assert field_label("tags[2]", nl) == "Tags"
    assert field_label("x" * 200, nl) == f"Onbekende parameter «{'x' * 36}…»"


def test_the_api_still_names_the_key_as_sent(client):
    officer = factories.account(Role.privacy_officer)
    answer = client.get("/api/privacy/audit?month=3", headers=officer.headers)
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["month"]
