"""The organisers' jury page at 1280 px, while jurors can still be appointed: its list of jurors
scrolled sideways inside the page's 60rem, its last column (the Remove step) cut off, and every
juror's e-mail address broke in the middle of a word ('sarah.lenaerts@sin' / 'ttruiden-stad.be'),
as did a long organisation name ('Organisatieontwikk' / 'eling'). The page is wide now, and an
address breaks only after a dot or a hyphen or before its @, where a reader expects it."""

from __future__ import annotations

import pytest

from awards import jury
from awards.choices import EditionState
from kring.choices import Role
from tests import factories
from tests.awards.helpers import edition, organiser, principal, set_state
from tests.conftest import run
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser]

JURORS = (
    (
        "Sarah",
        "Lenaerts",
        "Stad Sint-Truiden, dienst Organisatieontwikkeling",
        "sinttruiden-stad.be",
    ),
    ("Tom", "Yilmaz", "Bouwgroep Van Acker", "bouwgroep-vanacker.be"),
    ("Jana", "Cools", "AZ Kempenheide", "az-kempenheide.be"),
)

BREAKS_INSIDE_A_WORD = """(selector) => [...document.querySelectorAll(selector)].flatMap(cell => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    let top = null;
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0) continue;
      if (top !== null && rect.top > top + 2 && !/[\\s.\\-]/.test(text[i - 1]) && text[i] !== '@')
        found.push(text.slice(0, i) + ' | ' + text.slice(i));
      top = rect.top;
    }
  }
  return found;
})"""


def _jury_page() -> tuple[str, str]:
    boss = organiser()
    award = edition(boss, name="Kring Excellence Award")
    for first, last, name, domain in JURORS:
        organisation = factories.organisation(name, domain=domain)
        member_id = factories.member(
            organisation,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@{domain}",
        )
        juror = factories.account(Role.member, member_id=member_id)
        run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
    set_state(award.id, EditionState.judging)
    return boss.email, f"/awards/editions/{award.id}/jury"


def test_the_jury_list_shows_every_column_and_whole_addresses_at_1280_px(browser, live_server):
    email, path = _jury_page()
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, email)
    page.goto(f"{live_server}{path}")
    assert cut_off(page, "#juror-list :is(td, th, summary)") == []
    assert page.evaluate(BREAKS_INSIDE_A_WORD, "#juror-list td:nth-child(-n+2)") == []
    context.close()


def test_on_a_phone_an_address_breaks_where_a_reader_expects_it(browser, live_server):
    email, path = _jury_page()
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, email)
    page.goto(f"{live_server}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert cut_off(page, "#juror-list :is(td, summary)") == []
    assert page.evaluate(BREAKS_INSIDE_A_WORD, "#juror-list td:nth-child(-n+2)") == []
    context.close()
