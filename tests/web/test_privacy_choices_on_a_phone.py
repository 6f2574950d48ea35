"""A member's privacy page on a phone (390 px): each opt-out and consent was a 24 px row against
the next, a small target for a thumb, and a choice that took two lines ran on under its box
('Mijn functie niet tonen op' / 'deelnemerslijsten' starting at the box's left). Each choice is
a row of 44 px at least, its words on lines of their own beside the box."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# Per choice: its height, and whether a line of its words starts left of the box's right edge.
CHOICES = """() => [...document.querySelectorAll('#opt-outs label, #consents label')]
  .filter(label => label.querySelector('input[type=checkbox]'))
  .map(label => {
    const box = label.querySelector('input').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(label);
    range.setStartAfter(label.querySelector('input'));
    const lines = [...range.getClientRects()].filter(r => r.width > 1);
    return {
      words: label.textContent.trim().slice(0, 40),
      height: Math.round(label.getBoundingClientRect().height),
      under_the_box: lines.some(line => line.left < box.right),
    };
  })"""


def test_each_privacy_choice_is_a_row_to_tap_with_its_words_beside_the_box(browser, live_server):
    member = factories.account(Role.member)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/privacy")
    choices = page.evaluate(CHOICES)
    context.close()
    assert len(choices) == 7
    assert [c for c in choices if c["height"] < 44 or c["under_the_box"]] == []
