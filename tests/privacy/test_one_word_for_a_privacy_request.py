"""One Dutch word for a person's privacy request: the desk said 'Een verzoek registreren' and
'Openstaande inzageverzoeken', and beside them 'Open privacyaanvragen', 'Een aanvraag ontvangen
per e-mail', 'Wissingsaanvraag #4 … is uitgevoerd'; the mails 'Bevestig je privacyaanvraag' and
'Je privacyverzoek is geweigerd'. The GDPR's Dutch text speaks of the data subject's 'verzoek'
(art. 12), so every privacy text does, with its pronoun 'het'. 'Aanvraag' keeps its other
meanings: an introduction a member asks for, a password reset, a request to the server."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po

from kring.choices import Role
from tests import factories

ROOT = Path(__file__).parents[2]


def _privacy_ids() -> set[str]:
    """The message ids of the privacy module's code, pages and mails, and the officer's panel."""
    methods = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
    ids = set()
    for folder in ("privacy", "kring/templates/privacy"):
        for _name, _line, message, _comments, _context in extract_from_dir(ROOT / folder, methods):
            ids.add(message if isinstance(message, str) else message[0])
    panel = ROOT / "kring/templates/home/privacy_requests.html"
    with panel.open("rb") as template:
        for _line, message, _comments, _context in extract("jinja2", template):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def _dutch(ids: set[str]) -> dict[str, str]:
    with (ROOT / "kring/locale/nl/LC_MESSAGES/messages.po").open("rb") as catalogue:
        catalog = read_po(catalogue, locale="nl")
    shown = {}
    for message_id in ids:
        entry = catalog.get(message_id)
        if entry is not None:
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            shown[message_id] = " | ".join(forms)
    return shown


def test_the_privacy_texts_say_verzoek_never_aanvraag():
    said = {
        message_id: text
        for message_id, text in _dutch(_privacy_ids()).items()
        if re.search(r"aanvra(ag|gen|ger)", text, re.IGNORECASE)
    }
    assert said == {}


def test_the_officers_home_and_desk_say_verzoek(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    for path in ("/", "/privacy/desk"):
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        assert "aanvra" not in page.text.lower(), path
    assert "Een verzoek ontvangen per e-mail" in client.get("/privacy/desk").text
