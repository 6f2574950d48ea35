"""The error summary at the top of a refused form names each field as the field's own label on
the page does. It used the field's shared name (`kring.messages.FieldNames`): the privacy desk
said "Lidnummer: is verplicht" above a field labelled "Persoon: lidnummer, naam of e-mailadres",
the audit trail "Tot" above a field labelled "Voor"."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from kring.web.templating import label_on_page
from tests import factories

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]*>", "", html)).split())


def _summary_links(html: str) -> dict[str, str]:
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    links = re.finditer(r'<a href="#field-([\w-]+)">(.*?)</a>', summary.group(0), re.S)
    return {link.group(1): _text(link.group(2)) for link in links}


def _label(html: str, field: str) -> str:
    found = re.search(rf'<label for="field-{field}">(.*?)</label>', html, re.S)
    assert found, field
    return _text(found.group(1))


def test_the_summary_names_each_field_as_its_label_on_the_page(client):
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    asked = factories.post_page_form(
        client, "/privacy/desk/requests", kind="access", member_id="", channel="email"
    )
    assert asked.status_code == 400
    label = _label(asked.text, "member_id")
    assert label.startswith("Persoon")
    assert _summary_links(asked.text)["member_id"] == f"{label}: is verplicht"
    refused = client.get("/privacy/desk/audit?until=2026-13-01", headers=DUTCH)
    assert refused.status_code == 400
    assert _label(refused.text, "until") == "Voor"
    assert _summary_links(refused.text)["until"].startswith("Voor: ")


def test_a_field_without_a_label_of_its_own_keeps_its_shared_name():
    page = '<fieldset><legend>Soort</legend><input type="radio" name="kind"></fieldset>'
    assert label_on_page("Soort", page, "kind") == "Soort"
    file_only = '<label for="field-file" class="file-button">Kies een bestand</label>'
    assert label_on_page("Bestand", file_only, "file") == "Bestand"
    marked = '<label for="field-q">Zoek &amp; <span>vind</span></label>'
    assert label_on_page("Zoeken", marked, "q") == "Zoek & vind"
