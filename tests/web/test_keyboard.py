"""Each role's daily task done with the keyboard alone (Tab, Shift+Tab, Enter, Space, typing):
the focus order reaches the controls, the focused control shows a visible ring, the skip link
jumps past the menus, and the action happens."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from events.tables import Registration
from kring.choices import Role
from privacy.requests import record_request
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.events.helpers import event

pytestmark = [pytest.mark.browser, same_on_every_database]

_FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), text: e.textContent.trim(),
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def _tab_to(page: Any, selector: str, back: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `selector` has the focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            focused = page.evaluate(_FOCUSED)
            assert focused["ring"], f"{selector} has the focus but shows no focus ring"
            return
    raise AssertionError(f"{limit} presses of Tab never reach {selector}")


def _sign_in(page: Any, base: str, email: str) -> None:
    """The sign-in form from the keyboard: the e-mail field has the focus on arrival."""
    page.goto(f"{base}/login")
    page.wait_for_function("document.activeElement.name === 'email'")
    page.keyboard.type(email)
    _tab_to(page, "input[name=password]")
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")


def _skip_to_main(page: Any) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.skip-link[href=\"#main\"]')")
    on_screen = "document.activeElement.getBoundingClientRect().top >= 0"
    assert page.evaluate(on_screen), "the focused skip link comes into view"
    assert page.evaluate(_FOCUSED)["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_member_registers_for_an_event_hidden_from_the_list_by_keyboard(page, live_server):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, title="Toetsenbordavond")
    member = factories.account(Role.member)
    _sign_in(page, live_server, member.email)
    _tab_to(page, "header nav.menu a[href='/events']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/events")
    _skip_to_main(page)
    _tab_to(page, f"main a[href='/events/{event_id}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/events/{event_id}")
    _tab_to(page, "#my-registration button[type=submit]")
    _tab_to(page, "#my-registration input[name=hide]", back=True)
    page.keyboard.press("Space")
    _tab_to(page, "#my-registration button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#my-registration .status")).to_contain_text("bevestigd")
    mine = run(
        Registration.select(Registration.hide_from_list)
        .where(Registration.event == event_id, Registration.member == member.member_id)
        .first()
    )
    assert mine == {"hide_from_list": True}


def test_organiser_opens_an_events_participant_list_by_keyboard(page, live_server):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, title="Lijstavond")
    _sign_in(page, live_server, organiser.email)
    _tab_to(page, "header nav.menu a[href='/events']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/events")
    _tab_to(page, f"main a[href='/events/{event_id}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/events/{event_id}")
    _tab_to(page, f"main a[href='/events/{event_id}/participants']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/events/{event_id}/participants")
    expect(page.locator("h1")).to_contain_text("Lijstavond")


def test_privacy_officer_extends_a_request_by_keyboard(page, live_server):
    officer = factories.account(Role.privacy_officer)
    person = factories.member(factories.organisation(), last_name="Uitstel")
    request_id = run(record_request("access", person, "paper", officer.account_id))
    _sign_in(page, live_server, officer.email)
    _tab_to(page, "header details.manage-menu > summary")
    page.keyboard.press("Enter")  # the staff's menu opens
    _tab_to(page, "header details.manage-menu a[href='/privacy/desk']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/privacy/desk")
    row = f"#access-{request_id}"
    _tab_to(page, f"{row} details:not(.confirm) > summary")
    page.keyboard.press("Enter")  # the disclosure opens
    _tab_to(page, f"{row} select[name=months]")
    page.keyboard.press("ArrowDown")  # two months
    _tab_to(page, f"{row} input[name=reason]")
    page.keyboard.type("Veel gegevens uit oude systemen.")
    _tab_to(page, f"{row} form.extend button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(row)).to_contain_text("Veel gegevens uit oude systemen.")
