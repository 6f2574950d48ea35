"""Rows of links that stand alone (an event's 'Bewerken · Inschrijvingen en aanmelding ·
Afdrukbare deelnemerslijst', its participant list's exports, the privacy desk's pages) were
links in a sentence, set apart by '·': on a phone a line began or ended with a dangling '·'
and each link was as high as its letters (19 to 24 px), one link a thumb's width under the
next. They are rows of actions (.actions): apart without dots, each link 44 px high on a phone."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# Each paragraph of the page holding two links or more: its dots between them, and the height
# of its shortest link.
ROWS = """() => [...document.querySelectorAll('main p')]
  .filter(p => p.querySelectorAll(':scope > a').length >= 2)
  .map(p => ({text: p.innerText.replace(/\\s+/g, ' ').slice(0, 60),
              dots: [...p.childNodes]
                .filter(n => n.nodeType === 3 && n.textContent.includes('·')).length,
              lowest: Math.min(...[...p.querySelectorAll(':scope > a')]
                                 .map(a => a.getBoundingClientRect().height))}))"""


@pytest.mark.parametrize("width", [1280, 390])
def test_rows_of_links_stand_apart_and_are_tall_enough(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    officer = factories.account(Role.privacy_officer)
    event_id = event(organiser, list_visibility="organisers")
    run(register(event_id, factories.account(Role.member).member_id))
    pages = {
        organiser.email: [
            f"/events/{event_id}",
            f"/events/{event_id}/participants",
            f"/events/{event_id}/registrations",
        ],
        officer.email: ["/privacy/desk"],
    }
    found = {}
    for email, paths in pages.items():
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server, email)
        for path in paths:
            page.goto(f"{live_server}{path}")
            for row in page.evaluate(ROWS):
                if row["dots"] or row["lowest"] < (44 if width == 390 else 24):
                    found.setdefault(path, []).append(row)
        context.close()
    assert found == {}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_link_beside_a_forms_button_is_tall_enough(browser, live_server, width):
    """Area usage's 'Download als CSV' beside its period's 'Toon' was 24 px high on a phone."""
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/usage")
    height = page.locator("#usage-csv").bounding_box()["height"]
    assert height >= (44 if width == 390 else 24), height
    context.close()
