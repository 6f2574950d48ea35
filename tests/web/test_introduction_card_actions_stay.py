"""An introduction card's actions sat side by side as inline blocks: opening 'Weigeren' put its
question beside 'Aanvaarden' and, too wide for the card, dropped 'Weigeren' onto a line of its
own (at 1280 and 390 px); opening 'Intrekken' or 'Dit lid blokkeren' moved the button beside it
the same way. The card's actions are one row (.actions), as on an event's page (1d159d8): an
opened question takes a line of its own under the row, and no button moves."""

from __future__ import annotations

import pytest

from introductions import workflow
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# Where each button is on the page (not in the window: a click scrolls a card lower down into view).
BUTTONS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility())
  .map(e => { const r = e.getBoundingClientRect();
              return [e.textContent.trim().slice(0, 40), Math.round(r.left + scrollX),
                      Math.round(r.top + scrollY)]; })"""


def _buttons_stay(page, card: str, confirm: str) -> None:
    buttons = f"{card} :is(summary, button):not(.confirm-step *)"
    before = page.evaluate(BUTTONS, buttons)
    assert len(before) >= 2, before
    page.click(f"{card} {confirm} > summary")
    step = page.locator(f"{card} {confirm} .confirm-step")
    assert step.is_visible()
    assert page.evaluate(BUTTONS, buttons) == before
    step_top = page.evaluate(
        "(e) => e.getBoundingClientRect().top + scrollY", step.element_handle()
    )
    assert all(top < step_top for _, _, top in before), (before, step_top)


@pytest.mark.parametrize("width", [1280, 390])
def test_opening_a_question_on_an_introduction_moves_no_button(browser, live_server, width):
    s = scene(experts=3)
    asked, accepted = (p["id"] for p in s.proposals()[:2])
    run(workflow.request_introduction(s.owner_principal, asked))
    run(workflow.request_introduction(s.owner_principal, accepted))
    run(workflow.accept(principal(s.expert_of(accepted)), accepted))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.login_of_expert(asked).email)
    page.goto(f"{live_server}/introductions/requests")
    _buttons_stay(page, f"#intro-{asked}", "details.confirm.decline")
    context.close()

    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/introductions")
    _buttons_stay(page, f"#intro-{asked}", "details.confirm.withdraw")
    page.goto(f"{live_server}/introductions")
    _buttons_stay(page, f"#intro-{accepted}", "details.confirm.block")
    context.close()
