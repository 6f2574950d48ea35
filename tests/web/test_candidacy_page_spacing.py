"""A draft candidacy's page at 1280 px: the upload form's label touched the attachments table
above it, and 'Kandidatuur intrekken' touched 'Bestand toevoegen' (no room between a form's
button and the page's own action below it). A form after a table stands a line apart, and
withdrawing stands apart at the page's foot, as leaving a project does."""

from __future__ import annotations

import pytest

from tests.awards.helpers import candidacy, candidate, edition, organiser
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

GAPS = """() => {
  const box = s => document.querySelector(s).getBoundingClientRect();
  return [Math.round(box('#upload').top - box('#attachments .scroll-x').bottom),
          Math.round(box('#withdraw-action summary').top - box('#upload button').bottom)];
}"""


def test_the_upload_form_and_withdrawing_stand_apart(browser, live_server):
    who = candidate()
    candidacy_id = candidacy(who, edition(organiser()))
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, who.login.email)
    page.goto(f"{live_server}/awards/candidacies/{candidacy_id}")
    above_form, above_withdrawing = page.evaluate(GAPS)
    context.close()
    assert above_form >= 12, above_form
    assert above_withdrawing >= 24, above_withdrawing
