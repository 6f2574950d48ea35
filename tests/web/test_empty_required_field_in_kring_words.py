"""A form sent with a required field empty reaches the server, which names the field in the
page's language, in Kring's error style (the summary at the top, the message beside the
field). Chromium's own bubble stopped the form instead: in the browser's language, unstyled,
and gone when the pointer moved. The field still says it is required to assistive tech."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.web.helpers import axe_violations, log_in

pytestmark = pytest.mark.browser


def _serious(page) -> list[str]:
    return [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_an_empty_sign_in_form_is_answered_in_kring_words(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/login")
    page.click("form.grid button[type=submit]")
    expect(page.locator("#error-summary")).to_contain_text("E-mailadres: is verplicht")
    expect(page.locator("#error-summary")).to_contain_text("Wachtwoord: is verplicht")
    email = page.locator("#field-email")
    expect(page.locator("#field-email-error")).to_have_text("Fout: Is verplicht")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("required", "")
    assert _serious(page) == []


def test_a_challenge_without_a_title_keeps_its_description(page, live_server):
    log_in(page, live_server, factories.account(Role.member).email)
    page.goto(f"{live_server}/my/challenges")
    page.fill("#field-body", "Wie heeft ervaring met ISO 45001-audits?")
    page.click("form[aria-labelledby=add-title] button[type=submit]")
    expect(page.locator("#field-title-error")).to_have_text("Fout: Is verplicht")
    expect(page.locator("#field-body")).to_have_value("Wie heeft ervaring met ISO 45001-audits?")
    assert _serious(page) == []
