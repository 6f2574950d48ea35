"""One journey in Chromium: an organiser composes a Dutch mailing with two articles, previews
it and sends a test mail to a real SMTP server on loopback, and sees the confirmation.

The served app here is its own `kring serve`, pointed at the test's SMTP server."""

from __future__ import annotations

import email
import os
from email import policy

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.served import served
from tests.web.helpers import log_in, only_our_origin

pytestmark = pytest.mark.browser


def test_an_organiser_composes_previews_and_sends_a_test_mail(browser, smtp_server):
    organiser = factories.account(Role.organiser)
    env = os.environ | {"KRING_SMTP_PORT": str(smtp_server.port)}
    with served(env=env) as server:
        base = server.url
        context = browser.new_context(locale="nl-BE")
        elsewhere = only_our_origin(context, base)
        page = context.new_page()
        try:
            log_in(page, base, organiser.email)
            manage = page.locator("header details.manage-menu > summary")
            if manage.count():  # the organisers' pages are grouped under "Manage"
                manage.click()
            page.click("header a[href='/mailings']:visible")
            page.click("a[href='/mailings/new']")
            page.fill("#field-name", "Nieuwsbrief juni")
            page.fill("#field-subject_nl", "Nieuws uit de kring")
            page.fill("#field-intro_nl", "Beste leden, dit is **ons** nieuws.")
            page.click("#mailing-form button[type=submit]")
            expect(page.locator("#flash")).to_be_visible()
            expect(page.locator("h1")).to_have_text("Nieuwsbrief juni")

            for title, text in (
                ("Auditdag in Gent", "Kom op 12 juni. ![affiche](https://elders.example/a.png)"),
                ("Lerend netwerk", "Een nieuwe reeks over *interne audits*."),
            ):
                page.click("#add-article")
                page.fill("#field-title_nl", title)
                page.fill("#field-text_nl", text)
                page.fill("#field-link", "https://kring.example/agenda")
                page.click("#article-form button[type=submit]")
                expect(page.locator("#flash")).to_be_visible()
                expect(page.locator("#articles")).to_contain_text(title)
            expect(page.locator("#choose-audience")).to_be_visible()

            page.click("#mailing-actions a[href$='/preview']")
            frame = page.frame_locator("#preview-frame")
            expect(frame.locator("h1")).to_have_text("Nieuws uit de kring")
            expect(frame.locator("body")).to_contain_text("Lerend netwerk")
            expect(frame.locator("a", has_text="affiche")).to_have_attribute(
                "href", "https://elders.example/a.png"
            )
            expect(page.locator("#preview-text")).to_contain_text("affiche [1]")

            page.click("#test-mail button[type=submit]")
            expect(page.locator("#flash")).to_be_visible()
            assert elsewhere == []  # the preview loaded nothing from another site
        finally:
            context.close()
    assert len(smtp_server.messages) == 1
    message = email.message_from_bytes(smtp_server.messages[0].content, policy=policy.default)
    assert message["To"] == organiser.email and message["Subject"] == "Nieuws uit de kring"
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Auditdag in Gent" in html and "<img" not in html and 'style="' in html
