"""A search of more than 12 words searched the first 12 and dropped the rest without a word, so
a member who typed 14 words was shown results for 12 as if for all of them. The page and the
API now name the words that were left out. Over HTTP against `kring serve`."""

from __future__ import annotations

from html import unescape

import httpx

from kring.choices import Role
from tests import factories
from tests.library.helpers import item

TWELVE = "audit kwaliteit proces risico klant leverancier norm certificaat planning verslag "
TWELVE += "opvolging actie"
WORDS = TWELVE + " directie budget"


def test_words_beyond_the_first_twelve_are_named_as_left_out(live_server):
    organiser = factories.account(Role.organiser)
    item(organiser, title="Alles over audits", summary=TWELVE)
    member = factories.account(Role.member)
    with httpx.Client(base_url=live_server, headers=member.headers, timeout=30) as client:
        answer = client.get("/api/library", params={"q": WORDS}).json()
        assert answer["total"] == 1
        assert answer["left_out"] == ["directie", "budget"]
        assert client.get("/api/library", params={"q": TWELVE}).json()["left_out"] == []
    with httpx.Client(base_url=live_server, timeout=30) as browser:
        assert factories.log_in(browser, member.email).status_code == 303
        page = unescape(browser.get("/library", params={"q": WORDS}).text)
        assert "Alleen de eerste 12 woorden zijn gezocht; weggelaten: directie, budget." in page
        assert "weggelaten" not in browser.get("/library", params={"q": TWELVE}).text
