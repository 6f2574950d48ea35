"""An introduction's refusals on a Dutch page named it by its database number and state, as the
API does: 'Introductie 12 werd ingetrokken; ze wacht niet meer op je antwoord' after an expert
answered from a page older than the asker's withdrawal. A member never sees that number: the
page says 'Deze introductie…' (the API keeps its English with the id)."""

from __future__ import annotations

import re
from html import unescape

from babel.messages.pofile import read_po

from kring.i18n import LOCALE_DIR
from tests import factories
from tests.introductions.helpers import scene

API = "/api/introductions"


def test_accepting_a_request_withdrawn_meanwhile_says_so_without_its_number(client):
    s = scene(experts=3)
    asked = client.post(
        API, json={"proposal_id": s.proposals()[0]["id"]}, headers=s.owner_login.headers
    )
    assert asked.status_code == 201, asked.text
    introduction_id = asked.json()["id"]
    factories.log_in(client, s.owner_login.email)
    factories.post_page_form(client, f"/introductions/{introduction_id}/decline")  # withdrawn
    factories.log_in(client, s.login_of_expert(introduction_id).email)
    answer = factories.post_page_form(client, f"/introductions/{introduction_id}/accept")
    assert answer.status_code == 409
    text = unescape(re.sub(r"<[^>]+>", " ", answer.text))
    assert "Deze introductie werd ingetrokken; ze wacht niet meer op je antwoord" in text
    assert f"ntroductie {introduction_id}" not in text


def test_no_dutch_refusal_of_an_introduction_names_its_number():
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    numbered = [
        entry.id
        for entry in catalog
        if isinstance(entry.id, str)
        and entry.id.startswith("introduction %(id)s")
        and "%(id)s" in entry.string
    ]
    assert numbered == []
