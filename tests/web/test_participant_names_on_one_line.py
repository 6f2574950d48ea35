"""A participant list at 390 px shows each person as a short block, last name and first name in
bold on one line ('Aerts Jonas'). 12a374d let a block's name grow beside its badge and so put
a first name on a line under its last name ('Aerts' / 'Jonas'); a name cell followed by
another keeps its own width again."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

TOPS = """() => [...document.querySelectorAll('main table tbody tr')].map(row =>
  [...row.querySelectorAll('td.cell-name')].map(c => Math.round(c.getBoundingClientRect().top)))"""


def test_a_participants_last_and_first_name_share_a_line_on_a_phone(browser, live_server):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, list_visibility="organisers")
    organisation = factories.organisation("Zuivelhoeve Meetjesland")
    for first, last in (("Jonas", "Aerts"), ("Fatima", "Van Damme")):
        member = factories.member(organisation, first_name=first, last_name=last)
        run(register(event_id, member))
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/{event_id}/participants")
    rows = page.evaluate(TOPS)
    assert len(rows) == 2 and all(len(tops) == 2 for tops in rows), rows
    assert all(last == first for last, first in rows), rows
    context.close()
