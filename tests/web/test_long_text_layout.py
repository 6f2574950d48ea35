"""A member's text may hold a word longer than any line (a title of one 180-letter word, a long
link, a 35-letter tag): it wraps, and the page never becomes wider than the screen."""

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser

LONG_WORD = "Kwaliteitshandboek" * 10
LONG_LINK = "https://example.org/" + "een-heel-lang-pad/" * 12
LONG_TAG = "t" * 35


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_challenge_of_one_long_word_keeps_the_page_within_the_screen(page, live_server, width):
    login = factories.account(Role.member)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/my/challenges")
    page.fill("input[name=title]", LONG_WORD)
    page.fill("textarea[name=body]", f"Zie {LONG_LINK}")
    page.fill("input[name=tags]", f"{LONG_TAG}, audit")
    page.click("form.grid button[type=submit]")
    page.wait_for_selector("li.record")
    assert _page_width(page) <= width
    assert page.locator("li.record summary", has_text="Verwijderen").is_visible()
    page.goto(f"{live_server}/")
    assert _page_width(page) <= width
