"""A mailing's audience page chose its event in a select: on a phone (390 px) a long event's
name was cut off at the field's edge ('Lerend netwerk ISO 45001 — sessie 3 (16 dec 2…'), and a
select's text cannot wrap. The events are round buttons, one line each that wraps, as the
organisations' boxes beside them; choosing one by its whole name saves it."""

from __future__ import annotations

import pytest

from kring.choices import Role
from mailings.compose import create_mailing
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

TITLE = "Lerend netwerk welzijn op het werk en psychosociale risico's — sessie 3 in Mechelen"

PAST_ITS_BOX = """() => [...document.querySelectorAll('#field-event label, #field-event legend')]
  .filter(e => e.checkVisibility())
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth)
  .map(e => e.textContent.trim())"""


def test_a_long_event_name_shows_whole_and_is_chosen_by_it(browser, live_server):
    organiser = factories.account(Role.organiser)
    event(organiser, title=TITLE)
    draft = run(create_mailing(principal(organiser), {"name": "Uitnodiging", "subject_nl": "Kom"}))
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/mailings/{draft}/audience")
    assert page.locator("select[name=event]").count() == 0
    assert page.evaluate(PAST_ITS_BOX) == []
    page.get_by_label("de deelnemers van een evenement", exact=False).first.check()
    page.get_by_label(TITLE, exact=False).check()
    page.locator("#audience-form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("#summary").inner_text()
    context.close()
    assert TITLE in summary
