"""The award list (/awards) at 390 px: each row of its tables ran its labelled cells together
('Toestand: open Ingediend: 2' on one line, two facts read as one). Its rows are now the short
blocks of the other lists (events, projects, mailings): the edition or title in bold with its
state beside it, then each other fact on a line of its own, or an edition's counts side by side
apart from each other, as its ranking's figures."""

from __future__ import annotations

import pytest

from tests.awards.helpers import candidate, edition, organiser, submitted_candidacy
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# For each row, the labelled cells (their label shown) that follow another on its line no
# further than a space after it (12 px or less): 'Toestand: open Ingediend: 2'. A fact starts
# a line of its own, or stands apart from the one before it as an edition's figures do.
RUN_TOGETHER = """() => [...document.querySelectorAll('main table.stack tbody tr')].flatMap(row => {
  const cells = [...row.querySelectorAll('td')].filter(c => c.checkVisibility())
    .map(c => [c, c.getBoundingClientRect()]);
  return cells
    .filter(([c]) => c.dataset.label && getComputedStyle(c, '::before').content !== 'none')
    .filter(([c, r]) => cells.some(([o, p]) => o !== c && Math.abs(p.top - r.top) < 2
                                               && p.right <= r.left && r.left - p.right <= 12))
    .map(([c]) => row.closest('table').id + ': ' + c.dataset.label + ': ' + c.textContent.trim());
})"""


def test_each_fact_of_an_award_row_reads_on_a_line_of_its_own(browser, live_server):
    boss = organiser()
    award = edition(boss, name="Kring Excellence Award")
    who = candidate()
    submitted_candidacy(who, award, title="Klachten als bron van verbetering")
    for email in (boss.email, who.login.email):
        context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
        page = context.new_page()
        log_in(page, live_server, email)
        page.goto(f"{live_server}/awards")
        assert page.locator("main table.stack tbody tr").count() >= 2
        assert page.evaluate(RUN_TOGETHER) == [], email
        context.close()
