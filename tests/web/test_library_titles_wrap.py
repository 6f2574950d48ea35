"""A library item's title in the list is a link that stands alone, a box of its own to be tall
enough to tap (4ceed61). As such a box it could not break: a title holding a long Dutch compound
("kwaliteitshandboekverantwoordelijke", 35 letters) ran past a phone's edge, cut off, and the
page scrolled sideways (2331 px wide at 390 px; found probing `kring serve` as a member). The
link now breaks where it must, inside its card, at every width."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.library.helpers import item
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser]

COMPOUND = "Handleiding voor de kwaliteitshandboekverantwoordelijke"
ONE_WORD = ("Kwaliteitshandboekverantwoordelijke" * 6)[:200]  # the longest title a form takes


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_word_in_a_title_stays_inside_its_card(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    item(organiser, title=COMPOUND, summary="Wie het handboek bijhoudt.")
    item(organiser, title=ONE_WORD, summary="Een titel van één woord.")
    member = factories.account(Role.member)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    assert page.locator(".item-title a", has_text="Handleiding voor de").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert cut_off(page, "main .item-title a") == []
    # Where the word fits its line it stays whole: the box breaks only what does not fit.
    if width == 1280:
        box = page.locator(".item-title a", has_text="Handleiding voor de").bounding_box()
        assert box is not None and box["height"] < 60, box
    context.close()
