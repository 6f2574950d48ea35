"""One Dutch word for what the matching brings about: the menu said 'Kennismakingen' while its
pages, buttons and mails said 'introducties' ('Mijn introducties', 'Vraag een introductie',
'Introductie aanvaard'); the staff's page of a member headed its section 'Kennismakingen' too.
It is 'introductie' everywhere: the network introduces two peers to each other, and
'Kennismaking' stays free for a contact of its own kind (an organiser's first meeting, in a
member's contact history). Over HTTP against `kring serve`, in Dutch."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from tests import factories
from tests.events.helpers import signed_in_browser


def _text(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page))


def test_menu_and_pages_say_introducties(live_server):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    with signed_in_browser(live_server, member.email) as browser:
        home = browser.get("/").text
        assert re.search(r'<a href="/introductions"[^>]*>\s*Introducties\s*</a>', home), home
        for path in (
            "/",
            "/introductions",
            "/introductions/requests",
            "/introductions/challenges",
            "/introductions/settings",
        ):
            page = browser.get(path)
            assert page.status_code == 200, path
            assert "kennismaking" not in _text(page.text).lower(), path
    with signed_in_browser(live_server, organiser.email) as browser:
        for path in (f"/members/{member.member_id}", "/introductions/feedback"):
            page = browser.get(path)
            assert page.status_code == 200, path
            assert "kennismaking" not in _text(page.text).lower(), path
        assert "Introducties" in _text(browser.get(f"/members/{member.member_id}").text)
