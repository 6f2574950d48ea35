"""A juror's dossier during the deliberation, in Chromium at 390 and 1280 px: it offered the step
'Een belangenconflict melden', which removed the juror's scores from the ranking the jury was
discussing. It now says why no conflict can be declared there and whom to tell instead."""

from __future__ import annotations

import pytest

from tests.awards.helpers import deliberating
from tests.conftest import same_on_every_database
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_dossier_in_deliberation_says_whom_to_tell_of_a_conflict(
    browser, live_server, width, tmp_path
):
    _, award, judged, juror = deliberating()
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, juror.email)
    page.goto(f"{live_server}/awards/jury/{award.id}/candidacies/{judged}")
    notice = page.locator("#conflict-in-deliberation")
    assert notice.is_visible()
    assert "Breng het ter sprake bij de organisatoren" in notice.inner_text()
    assert page.get_by_text("Een belangenconflict melden").count() == 0
    assert page.locator("form[action$='/conflict']").count() == 0
    assert cut_off(page, "main :is(button, summary, a, p, td, th, li)") == []
    page.screenshot(path=tmp_path / f"dossier-deliberation-{width}.png", full_page=True)
    context.close()
