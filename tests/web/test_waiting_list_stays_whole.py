"""A full event's seats on a phone (390 px): '20 / 20 · 6 op de wachtlijst' broke as the line
ran out, 'Bezette plaatsen: 20 / 20 · 6 op de' with 'wachtlijst' alone under it in the events
list, and on the organiser's home page the whole text fell under the bar of seats taken while
every other event's count stands beside its bar. The count stays beside the bar, and the waiting
list is one piece (a badge) that moves to the next line whole when it does not fit."""

from __future__ import annotations

import pytest

from events.tables import Registration
from kring.choices import Role
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# The lines (distinct tops) a piece of text takes, wherever it stands in a text node of `root`.
LINES_OF = """([root, pattern]) => {
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = node.textContent.match(new RegExp(pattern));
    if (!match || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.top)));
    found.push(tops.size);
  }
  return found;
}"""

COUNT_BESIDE_BAR = """(title) => [...document.querySelectorAll('#coming-events li')]
  .filter(li => li.textContent.includes(title))
  .map(li => {
    const bar = li.querySelector('meter').getBoundingClientRect();
    const walker = document.createTreeWalker(li.querySelector('.fill'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf('20 / 20');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 7);
      const count = range.getBoundingClientRect();
      return count.top < bar.bottom && count.bottom > bar.top;
    }
    return false;
  })"""

TITLE = "Bedrijfsbezoek: lean in de voedingsindustrie"


def _full_event() -> int:
    """20 of 20 seats taken and 6 on the waiting list (guests, to keep the test quick)."""
    event_id = event(factories.account(Role.organiser), capacity=20, title=TITLE)
    now = utc_now()
    run(
        Registration.insert(
            *[
                Registration(
                    event=event_id,
                    guest_first_name="Gast",
                    guest_last_name=str(n),
                    status="confirmed" if n < 20 else "waitlisted",
                    registered_at=now,
                )
                for n in range(26)
            ]
        )
    )
    return event_id


def _phone(browser, live_server, email: str):
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900}).new_page()
    log_in(page, live_server, email)
    return page


def test_a_members_events_list_and_event_page_keep_the_waiting_list_whole(browser, live_server):
    event_id = _full_event()
    page = _phone(browser, live_server, factories.account(Role.member).email)
    lines = {}
    for path in ("/events", f"/events/{event_id}"):
        page.goto(live_server + path)
        lines[path] = page.evaluate(LINES_OF, ["main", r"6 op de wachtlijst"])
    page.context.close()
    assert lines == {"/events": [1], f"/events/{event_id}": [1]}


def test_the_organisers_home_keeps_the_count_beside_its_bar(browser, live_server):
    _full_event()
    page = _phone(browser, live_server, factories.account(Role.organiser).email)
    beside = page.evaluate(COUNT_BESIDE_BAR, TITLE)
    lines = page.evaluate(LINES_OF, ["#coming-events", r"6 op de wachtlijst"])
    page.context.close()
    assert beside == [True]
    assert lines == [1]
