"""The library's search field showed its example as a placeholder, which the field cut off:
'Bijvoorbeeld: interne audit, onboarding,' at 390 px and '…onboarding, GD' even at 1280 px, and
which was gone as soon as one typed. The example is a hint under the label, read with the field,
whole at both widths; no text of the form runs past its box."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# Placeholders wider than the room inside their field; any text of the form past its own box.
CUT = """() => {
  const form = document.querySelector('#library-search');
  const measure = document.createElement('canvas').getContext('2d');
  const placeholders = [...form.querySelectorAll('input[placeholder]')].filter(field => {
    const style = getComputedStyle(field);
    measure.font = style.font;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return measure.measureText(field.placeholder).width > room;
  }).map(field => field.placeholder);
  const past = [...form.querySelectorAll('label, p')].filter(e => e.checkVisibility())
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth)
    .map(e => e.textContent.trim());
  return [...placeholders, ...past];
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_library_search_shows_its_example_whole(browser, live_server, width):
    member = factories.account(Role.member)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    cut = page.evaluate(CUT)
    field = page.get_by_role("searchbox", name="Zoek in de bibliotheek (Nederlands of Engels)")
    described = field.get_attribute("aria-describedby") or ""
    hint = page.locator("#field-q-hint")
    said = hint.inner_text() if hint.count() else ""
    context.close()
    assert cut == []
    assert "field-q-hint" in described.split()
    assert said == "Bijvoorbeeld: interne audit, onboarding, GDPR"
