"""Beheer (Piccolo Admin at /admin) asked "Are you sure you want to logout?" on a Dutch page:
Piccolo Admin writes its questions before logging out and deleting rows in its own code,
outside its translations (found by an outside look). Kring's page carries them in the
reader's language (`kring/admin_names.py`, `/static/admin-names.js`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories
from tests.conftest import same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


@pytest.mark.parametrize(
    ("language", "heading", "question"),
    [
        ("nl", "Welkom bij Kring", "Weet je zeker dat je je wilt afmelden?"),
        ("en", "Welcome to Kring", "Are you sure you want to log out?"),
    ],
)
def test_the_question_before_logging_out_is_in_the_readers_language(
    browser, live_server, language, heading, question
):
    admin = factories.account(Role.admin)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server}])
    page = context.new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/", wait_until="networkidle")
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_text(f"kring-admin-{admin.account_id}").click()  # its account menu
    page.locator("[data-uitest=logout_button]").click()
    page.wait_for_timeout(300)  # the dialog is answered within the click
    assert asked == [question]
    page.goto(live_server + "/admin/", wait_until="networkidle")  # not logged out: dismissed
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
    context.close()
