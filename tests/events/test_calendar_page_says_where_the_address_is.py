"""The calendar page said 'Abonneer je … op dit adres' when no address was on it (none made yet,
or made before and shown only then) and offered 'Een nieuw adres maken' when there was no old
one. It now says, for each case, what the member has and what to do, and links back to the
events. Over HTTP, against `kring serve`."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.events.helpers import signed_in_browser


def test_the_calendar_page_says_what_the_member_has_and_what_to_do(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        none_yet = browser.get("/events/calendar").text
        made = browser.post(
            "/events/calendar",
            data={"_csrf_token": factories.csrf_token(browser), "password": factories.PASSWORD},
        ).text
        later = browser.get("/events/calendar").text
    assert '<a href="/events">Terug naar de evenementen</a>' in none_yet
    assert "op dit adres" not in none_yet
    assert "Een nieuw adres maken" not in none_yet
    assert ">Mijn agenda-adres maken</button>" in none_yet
    assert 'id="feed-url"' in made and "op dit adres" in made
    assert "op dit adres" not in later
    assert "Je hebt een agenda-adres; het werd maar één keer getoond" in later
