"""After asking for erasure the privacy page said 'Je verzoek tot wissing is ontvangen; de
privacyverantwoordelijke voert het uit vóór 7 jan 2027' with no full stop and no word that the
request can still be withdrawn, and the request above it read '…, ontvangen op 7 dec 2026:
Open, antwoord uiterlijk op 7 jan 2027', a capital in the middle of the sentence (seen walking
a member's journey). Over HTTP, against the real app."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def _text(html: str, element_id: str) -> str:
    part = html.split(f'id="{element_id}"', 1)[1]
    part = part.split(">", 1)[1].split("</p>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", part)).split())


def test_the_received_erasure_request_is_a_sentence_that_says_it_can_be_withdrawn(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    asked = factories.post_page_form(client, "/privacy/erasure", password=factories.PASSWORD)
    assert asked.status_code == 200
    notice = _text(asked.text, "erasure-asked")
    assert notice.startswith("Je wisverzoek is ontvangen; de privacyverantwoordelijke")
    assert notice.endswith(".")
    assert "intrekken" in notice
    request = _text(asked.text, "my-requests")
    assert ": open, antwoord uiterlijk op" in request
