"""The desk's register of processing activities (and the processors' table, a table of prose
alike) at the widths between a phone and a laptop: from 641 to about 960 px the register's six
columns of prose were wider than the page and the table scrolled sideways, its retention and
recipients cut off at the edge (found from outside at 700 and 900 px). Up to 960 px each
activity is now a block, each fact under its label, as on a phone; wider, the table stays."""

from __future__ import annotations

from datetime import date

import pytest

from kring.choices import Role
from privacy.processors import add_processor
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

SIDEWAYS = """[...document.querySelectorAll('main .scroll-x:has(table.prose)')]
    .filter(region => region.scrollWidth > region.clientWidth + 1)
    .map(region => region.querySelector('table').id)"""


@pytest.mark.parametrize("width", [641, 700, 900, 960, 1280])
def test_the_register_and_the_processors_do_not_scroll_sideways(browser, live_server, width):
    officer = factories.account(Role.privacy_officer)
    run(
        add_processor(
            "Brevo (Sendinblue)",
            "uitgaande e-mail en nieuwsbrieven van het netwerk",
            "e-mailadres, naam, taal",
            date(2025, 1, 1),
            key="smtp",
        )
    )
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(5000)
    log_in(page, live_server, officer.email)
    for path, table in (
        ("/privacy/desk/register", "#register"),
        ("/privacy/desk/processors", "#processors"),
    ):
        page.goto(live_server + path)
        assert page.evaluate(SIDEWAYS) == [], (path, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
        # Every column's text is on the screen: the last cell ends inside the page.
        last = page.locator(f"{table} tbody tr").first.locator("td").last.bounding_box()
        assert last is not None and last["x"] + last["width"] <= width, (path, width)


@pytest.mark.parametrize("width", [641, 700, 800])
def test_the_retention_terms_do_not_scroll_sideways(browser, live_server, width):
    """Found by the findings helper: at 641 px the retention table's 'Termijn wijzigen' column
    (a field and a button) made it 55 px wider than the page."""
    officer = factories.account(Role.privacy_officer)
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(5000)
    log_in(page, live_server, officer.email)
    page.goto(live_server + "/privacy/desk/processors")
    wide = page.evaluate(
        """[...document.querySelectorAll('main .scroll-x')]
        .filter(region => region.scrollWidth > region.clientWidth + 1)
        .map(region => region.querySelector('table').id)"""
    )
    assert wide == [], width
    last = page.locator("#retention tbody tr").first.locator("td").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= width, width
