"""A date field on a Dutch page was chromium's date field, which shows its order in the
browser's language: 'mm/dd/yyyy' (and 'mm/dd/yyyy, --:-- --' for a moment, with AM/PM) in an
English browser, so a member typing 05/01 for the fifth of January saved the first of May.
Every form's date is a text field that says, in Dutch, how to type it ('Typ de datum als
dd-mm-jjjj, bijvoorbeeld 28-02-2027'), reads that (and ISO, as the API sends it) and shows a
saved date again that way."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]

FIELD = """(id) => {
  const field = document.getElementById(id);
  const said = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
    .map(i => document.getElementById(i).innerText.trim());
  return {type: field.type, value: field.value, said};
}"""


@pytest.mark.parametrize("browser_language", ["en-US", "nl-BE"])
def test_a_project_is_given_its_dates_as_dd_mm_jjjj(browser, live_server, browser_language):
    organiser = factories.account(Role.organiser)
    context = browser.new_context(
        locale=browser_language,
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Accept-Language": "nl-BE,nl"},
    )
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.click("header a[href='/projects']")
    page.click("a[href='/projects/new']")
    page.locator("#field-starts_on").wait_for()  # the click does not wait for the new page
    starts = page.evaluate(FIELD, "field-starts_on")
    assert starts["type"] == "text", starts
    assert "Typ de datum als dd-mm-jjjj, bijvoorbeeld 28-02-2027." in starts["said"], starts
    serious = [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.fill("#field-title", "Gedeelde auditchecklist")
    page.fill("#field-starts_on", "05-01-2031")
    page.fill("#field-ends_on", "15/12/2031")
    page.click("form.grid button[type=submit]")
    assert page.locator("#flash").is_visible()
    assert "5 januari 2031 – 15 december 2031" in page.locator("main").inner_text()
    page.click("a[href$='/edit']")
    page.wait_for_url("**/edit")
    assert page.evaluate(FIELD, "field-starts_on")["value"] == "05-01-2031"
    assert page.evaluate(FIELD, "field-ends_on")["value"] == "15-12-2031"
    page.fill("#field-ends_on", "31-02-2031")
    page.click("form.grid button[type=submit]")
    assert "zoals 04-05-2026" in page.locator("#error-summary").inner_text()
    context.close()
