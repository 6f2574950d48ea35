"""An organisation's page at 390 px broke its website inside a word ('https://www.bou' /
'wgroep-vanacker.be': a fact's link breaks anywhere, so that a long one fits). The address
breaks after a dot, as an e-mail address does (the address filter), or at a hyphen."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# The link's text as it is laid out, one string a line.
LINES = """(link) => {
  const text = link.firstChild ? [...link.childNodes].filter(n => n.nodeType === 3) : [];
  const lines = []; let top = null;
  for (const node of text) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const y = Math.round(range.getBoundingClientRect().top);
      if (top === null || y > top + 2) { lines.push(''); top = y; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""


def test_a_website_breaks_after_a_dot_on_a_phone(browser, live_server):
    site = "https://www.bouwgroep-vanacker-aannemingen.be"
    organisation = factories.organisation("Bouwgroep Van Acker", website=site)
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/organisations/{organisation}")
    link = page.locator(f'main dd a[href="{site}"]')
    lines = link.evaluate(LINES)
    assert "".join(lines) == site
    assert len(lines) >= 2, lines  # it does not fit one line beside its label
    assert all(line[-1] in ".-/" for line in lines[:-1]), lines  # not inside a word
    context.close()
