"""Opening a confirmation (details.confirm) pushed the buttons beside it around at 1280 px: on an
event's page 'Verberg mij op de deelnemerslijst' jumped to the right of the opened question,
on My challenges 'Verwijderen' slid down to the middle of the opened 'Afsluiten'. In a row of
actions the question now takes a line of its own under the row, and no button moves."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

BUTTONS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility())
  .map(e => { const r = e.getBoundingClientRect();
              const name = e.textContent.trim().slice(0, 40);
              return [name, Math.round(r.left), Math.round(r.top)]; })"""


def _buttons_stay(page, row: str, confirm: str) -> None:
    buttons = f"{row} :is(summary, a, button):not(.confirm-step *)"
    before = page.evaluate(BUTTONS, buttons)
    assert len(before) >= 2, before
    page.click(f"{confirm} > summary")
    step = page.locator(f"{confirm} .confirm-step")
    assert step.is_visible()
    assert page.evaluate(BUTTONS, buttons) == before
    step_top = step.bounding_box()["y"]
    assert all(top < step_top for _, _, top in before), (before, step_top)


@pytest.mark.parametrize("width", [1280, 390])
def test_opening_a_confirmation_moves_no_button(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    member = factories.account(Role.member)
    run(register(event_id, member.member_id))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/events/{event_id}")
    _buttons_stay(page, "#my-registration", "#cancel-registration")
    page.goto(f"{live_server}/my/challenges")
    page.fill("#field-title", "Documentatie ISO 9001 vereenvoudigen")
    page.click("form.grid button[type=submit]")
    record = page.locator(".record").first
    record_id = record.get_attribute("data-record-id")
    _buttons_stay(page, f".record[data-record-id='{record_id}'] .actions", f"#close-{record_id}")
    context.close()
