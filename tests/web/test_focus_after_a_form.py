"""Where the keyboard's focus is when the page after a form arrives: on the error summary when the
form was refused, on the message when it did something, and with the card a fragment names kept
in sight. The focus stayed at the top of the page, so a keyboard or screen-reader user had to
pass the whole menu (eighteen presses of Tab on the profile) to learn what happened."""

from __future__ import annotations

from typing import Any

import pytest

from introductions import workflow
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser

_FOCUSED = "document.activeElement.id"


def _press_enter_on(page: Any, selector: str) -> None:
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # `autofocus` is applied at the browser's next rendering, which on a loaded machine can
    # come after the load event (a CI run read no focus at all): wait two frames for it.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_a_refused_form_puts_the_focus_on_its_error_summary(page, live_server):
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/profile")
    page.fill("#field-phone", "abc")
    _press_enter_on(page, "#field-phone")
    assert page.evaluate(_FOCUSED) == "error-summary"
    page.keyboard.press("Tab")  # the summary's link to the refused field comes next
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#field-phone"


def test_a_wrong_password_on_the_sign_in_page_puts_the_focus_on_the_message(page, live_server):
    login = factories.account(Role.member)
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", login.email)
    page.fill("input[name=password]", "niet-mijn-wachtwoord")
    _press_enter_on(page, "input[name=password]")
    assert page.evaluate(_FOCUSED) == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"


def test_after_an_action_the_focus_is_on_its_message(page, live_server):
    event_id = event(factories.account(Role.organiser), title="Focusavond")
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/events/{event_id}")
    _press_enter_on(page, "#my-registration button[type=submit]")
    assert page.evaluate(_FOCUSED) == "flash"
    assert page.inner_text("#flash") == "Je bent ingeschreven."


def test_a_card_named_by_the_address_stays_in_sight(page, live_server):
    """Accepting leads to /introductions#intro-N: the card is what to read. The message moves
    onto the card (kring.js) and has the focus there, so the card stays in sight with it
    (tests/web/test_message_beside_the_part_it_names.py)."""
    s = scene(experts=3)
    proposal_id = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal_id))
    expert = s.login_of_expert(proposal_id)
    page.set_viewport_size({"width": 390, "height": 700})
    log_in(page, live_server, expert.email)
    page.goto(f"{live_server}/introductions/requests")
    _press_enter_on(page, f"#intro-{proposal_id} form.accept button")
    assert page.url.endswith(f"#intro-{proposal_id}")
    card = f"document.getElementById('intro-{proposal_id}')"
    top = page.evaluate(f"{card}.getBoundingClientRect().top")
    assert 0 <= top < 700
    assert page.evaluate(_FOCUSED) == "flash"
    assert page.evaluate(f"{card}.contains(document.getElementById('flash'))")


def test_the_sign_in_page_keeps_its_focus_on_the_e_mail_field(page, live_server):
    page.goto(f"{live_server}/login")
    assert page.evaluate("document.activeElement.name") == "email"
