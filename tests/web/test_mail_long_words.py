"""A mailing stays as wide as a phone when its text holds a word longer than a line: a pasted
web address or a long product code made the HTML mail's table as wide as that word, so on a
phone (and in the preview's frame) the mail was a blank area to scroll sideways (found by the
outside probe). Rendered by mailings.render and laid out by Chromium at 390 pixels."""

from __future__ import annotations

import pytest

from mailings.render import render_mailing

pytestmark = pytest.mark.browser

LONG_WORD = "https://kring.example/" + "verslag-" * 40 + "2026.pdf"


def test_a_word_longer_than_a_line_wraps_inside_a_phone_wide_mail(browser):
    mailing = {"subject_nl": "Nieuws", "intro_nl": f"Lees {LONG_WORD} en meer."}
    article = {"id": 1, "title_nl": "Titel" + "x" * 120, "text_nl": LONG_WORD, "link": ""}
    html = render_mailing(mailing, [article], "nl", unsubscribe_url="https://kring.example/u").html
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.set_content(html)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.get_by_text(LONG_WORD).first.is_visible()
    finally:
        context.close()
