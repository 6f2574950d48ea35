"""On a phone (390 px) a member's buttons were 39 px high and the NL/EN switch 22 × 18 px, under
the 44 px a thumb needs. Every button, button-like link, confirm step and the language switch on
a member's daily pages (home, my challenges, an event) is now at least 44 px high."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

TARGETS = "button, a.button, details > summary, .languages a"
TOO_SMALL = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility())
  .map(e => [e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 30),
             Math.round(e.getBoundingClientRect().height)])
  .filter(([, height]) => height < 44)"""


def test_a_members_buttons_and_language_switch_are_easy_to_tap_on_a_phone(browser, live_server):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    member = factories.account(Role.member)
    run(register(event_id, member.member_id))
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844}).new_page()
    log_in(page, live_server, member.email)
    small: dict[str, list] = {}
    for path in ("/", "/my/challenges", f"/events/{event_id}"):
        page.goto(f"{live_server}{path}")
        small[path] = page.evaluate(TOO_SMALL, TARGETS)
    assert small == {path: [] for path in small}


FIELDS = """() => [...document.querySelectorAll('main input, main select')]
  .filter(e => e.checkVisibility() && !['checkbox', 'radio', 'file', 'hidden'].includes(e.type))
  .map(e => [e.name, Math.round(e.getBoundingClientRect().height)])
  .filter(([, height]) => height < 44)"""


def test_a_members_fields_are_as_easy_to_tap_as_the_buttons_on_a_phone(browser, live_server):
    """Fields were 39 px high (a select 36) under buttons of 44: the profile, a new challenge,
    the library's search and its filters."""
    member = factories.account(Role.member)
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844}).new_page()
    log_in(page, live_server, member.email)
    small: dict[str, list] = {}
    for path in ("/profile", "/my/challenges", "/library"):
        page.goto(f"{live_server}{path}")
        small[path] = page.evaluate(FIELDS)
    page.context.close()
    assert small == {path: [] for path in small}
