"""A member's staff page on a phone: the privacy choices' labels broke in the middle of words
("Privécontactg|egevens", "deelnemerslij|sten"), as the label column was given a share of the
width smaller than its longest word, and the business e-mail address broke inside a name
("verhaegh|e-kunststoffen"). A label now keeps its longest word whole and an address breaks
after a dot, at a hyphen or before its @."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

NARROWER_THAN_A_WORD = """() => [...document.querySelectorAll('dl.facts dt')].filter(dt => {
  const probe = dt.cloneNode(true);
  Object.assign(probe.style, {position: 'absolute', visibility: 'hidden', width: 'min-content'});
  dt.parentNode.appendChild(probe);
  const whole = probe.getBoundingClientRect().width;
  probe.remove();
  return dt.getBoundingClientRect().width + 0.5 < whole;
}).map(dt => dt.textContent.trim())"""


def test_fact_labels_keep_their_words_whole_on_a_phone(browser, live_server):
    organisation = factories.organisation(name="Verhaeghe Kunststoffen NV", domain="verhaeghe.be")
    member_id = factories.member(
        organisation, email="geert.dhondt@verhaeghe-kunststoffen.be", first_name="Geert"
    )
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/members/{member_id}")
    assert page.locator("dl.facts dt").count() > 8  # the facts and the privacy choices
    assert page.evaluate(NARROWER_THAN_A_WORD) == []
    address = page.locator("dd", has_text="geert.dhondt@")
    assert address.inner_html().count("<wbr>") >= 2  # after a dot, before the @
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
