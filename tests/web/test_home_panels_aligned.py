"""The home page's panels line up in their grid: every panel after the first stood 1rem lower
than its row (the margin meant for cards one under the other outside a grid, c6714fb, also
applied in `.panels`), so a juror's 'Jurywerk' panel started below 'Open privacyaanvragen'
beside it and the rows stood twice the gap apart. In Chromium at 1280 px, as a member and as
the privacy officer on a jury."""

from __future__ import annotations

import pytest

from awards import jury
from awards.choices import EditionState
from kring.choices import Role
from tests import factories
from tests.awards.helpers import edition, organiser, principal, set_state
from tests.conftest import run, same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

TOPS = """() => [...document.querySelectorAll('.panels > section')].map(s => {
  const r = s.getBoundingClientRect();
  return [Math.round(r.left), Math.round(r.top), Math.round(r.bottom)];
})"""


@pytest.mark.parametrize("role", [Role.member, Role.privacy_officer])
def test_the_panels_of_one_row_start_at_one_height(browser, live_server, role):
    boss = organiser()
    award = edition(boss)
    set_state(award.id, EditionState.judging)
    login = factories.account(role)
    run(jury.appoint_juror(principal(boss), award.id, login.account_id))
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, login.email)
    panels = page.evaluate(TOPS)
    context.close()
    assert len(panels) >= 2, panels
    first_row = [top for left, top, _ in panels if top < panels[0][2]]
    assert len(first_row) >= 2, panels
    assert len(set(first_row)) == 1, panels
