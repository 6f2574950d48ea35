"""A member reading Kring in English who added a challenge or an expertise got it filed as Dutch
unless they changed the language field (the home page's quick add had none): the language a
record is written in now starts as the page's language."""

from __future__ import annotations

import re

from kring.choices import Role
from tests import factories
from tests.events.helpers import signed_in_browser


def test_an_english_reader_adds_records_in_english_by_default(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        browser.get("/language/en?next=/")
        form = browser.get("/my/expertise").text
        home = browser.get("/").text
    assert '<option value="en" selected>English</option>' in form
    quick = re.search(
        r'<form novalidate method="post" action="/my/challenges" class="quick-add">.*?</form>',
        home,
        re.S,
    )
    assert quick, home
    assert '<input type="hidden" name="language" value="en">' in quick.group(0)


def test_a_dutch_reader_adds_records_in_dutch_by_default(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        form = browser.get("/my/challenges").text
        home = browser.get("/").text
    assert '<option value="nl" selected>Nederlands</option>' in form
    assert '<input type="hidden" name="language" value="nl">' in home
