"""A record's card (My challenges) and a proposal's (the proposals of a challenge, the home page's
panel) started a line lower than their frame: the first paragraph's or heading's margin came on
top of the card's padding (about 16 px more above the text than beside it, 26 px above a
record's title). A card's first and last child now sit against its padding, and so does a
proposal's first line in the home page's panel."""

from __future__ import annotations

import pytest

from tests.introductions.helpers import scene
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

ROOM_ABOVE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(box => box.checkVisibility())
  .map(box => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT, {
      acceptNode: n => n.textContent.trim() && n.parentElement.checkVisibility()
        && !n.parentElement.closest('.visually-hidden')
        ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const text = walker.nextNode();
    const range = document.createRange();
    range.selectNodeContents(text);
    const style = getComputedStyle(box);
    const top = box.getBoundingClientRect().top + parseFloat(style.borderTopWidth)
      + parseFloat(style.paddingTop);
    return [box.className + ': ' + text.textContent.trim().slice(0, 30),
            Math.round(range.getClientRects()[0].top - top)];
  })"""

# Half the leading of a line: the text's own room above its letters, at most about 6 px for a
# title of 1.5rem at line-height 1.5.
LEADING = 8


@pytest.mark.parametrize("width", [1280, 390])
def test_a_cards_text_starts_at_its_padding(browser, live_server, width):
    s = scene(experts=2)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    too_low = {}
    for path, selector in (
        ("/my/challenges", ".record"),
        ("/introductions/challenges", ".card"),
        ("/", ".card, ul.plain.proposals > li"),
    ):
        page.goto(f"{live_server}{path}")
        rooms = page.evaluate(ROOM_ABOVE, selector)
        assert rooms, path
        if low := [room for room in rooms if room[1] > LEADING]:
            too_low[path] = low
    context.close()
    assert too_low == {}
