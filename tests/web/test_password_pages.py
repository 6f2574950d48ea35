"""The password pages in Chromium: reached by clicking, readable by axe-core, no wider than a
phone, at 1280 and 390 px. The reset pages are opened logged out, so the navigation crawl (which
logs in first) never sees them: they are checked here."""

from __future__ import annotations

import re
from dataclasses import replace
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from kring.choices import Role
from kring.settings import get_settings
from members.passwords import request_reset
from privacy import mails
from tests import factories
from tests.conftest import LOOKS_ARE_CHECKED_HERE, run
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser

NEW = "a brand new passphrase 2026"
WIDTHS = (1280, 390)
_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > innerWidth"


def _looks_right(page: Any, what: str) -> None:
    """No serious axe-core violation and nothing wider than the screen, at both widths."""
    if not LOOKS_ARE_CHECKED_HERE:
        return
    axe = Axe()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe.run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{what} at {width} px: {serious}"
        assert not page.evaluate(_WIDER_THAN_SCREEN), f"{what} is wider than {width} px"


def _mailed_path(smtp_server: Any, email: str) -> str:
    """Ask for a link as the form does and read it from the mail the SMTP server received."""
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        mail = run(request_reset(get_settings().secret_key, email, "browser-test", "nl"))
        run(mail.send())
    finally:
        mails.settings_override = None
    message = message_from_bytes(smtp_server.messages[-1].content, policy=default)
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+(/password/reset/\S+)", text).group(1)


def test_forgotten_password_pages_from_the_login_page(page, live_server, smtp_server):
    login = factories.account(Role.member)
    page.goto(f"{live_server}/login")
    page.click("text=Wachtwoord vergeten?")
    page.wait_for_url(f"{live_server}/password/forgotten")
    _looks_right(page, "the forgotten-password form")
    page.fill("#field-email", login.email)
    page.click("main form button[type=submit]")
    expect(page.locator("#reset-sent")).to_contain_text("Als er een account met dat adres bestaat")
    _looks_right(page, "the answer")

    path = _mailed_path(smtp_server, login.email)
    page.goto(f"{live_server}{path}")
    _looks_right(page, "the reset form")
    page.fill("#field-new_password", NEW)
    page.fill("#field-new_password_again", NEW + "x")
    page.click("main form button[type=submit]")
    expect(page.locator("#field-new_password_again-error")).to_contain_text("niet hetzelfde")
    assert page.input_value("#field-new_password") == ""  # nothing typed comes back
    _looks_right(page, "the reset form with an error")
    page.fill("#field-new_password", NEW)
    page.fill("#field-new_password_again", NEW)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    expect(page.locator("#flash")).to_contain_text("Je nieuwe wachtwoord is ingesteld")

    page.goto(f"{live_server}{path}")
    expect(page.locator("#link-state")).to_contain_text("al gebruikt")
    _looks_right(page, "the used link")


def test_changing_the_password_from_the_account_menu(page, live_server):
    login = factories.account(Role.organiser)
    log_in(page, live_server, login.email)
    page.click("details.account-menu summary")
    page.click("details.account-menu >> text=Wachtwoord")
    page.wait_for_url(f"{live_server}/password")
    _looks_right(page, "the change form")
    page.fill("#field-current_password", "not my password")
    page.fill("#field-new_password", NEW)
    page.fill("#field-new_password_again", NEW)
    page.click("main form button[type=submit]")
    expect(page.locator("#field-current_password-error")).to_contain_text("Verkeerd wachtwoord")
    expect(page.locator(".error-summary")).to_be_visible()
    _looks_right(page, "the change form with an error")
    page.fill("#field-current_password", factories.PASSWORD)
    page.fill("#field-new_password", NEW)
    page.fill("#field-new_password_again", NEW)
    page.click("main form button[type=submit]")
    expect(page.locator("#flash")).to_contain_text("Je wachtwoord is gewijzigd")
    page.goto(f"{live_server}/")
    assert "/login" not in page.url  # this browser stays logged in
