"""The event desk (registrations and check-in): a row's 'Aanwezig' and 'Niet opgedaagd' stood
one on the other, touching (0 px between them at 1280 px), and on a phone each took a line of
its own. They are a row of buttons (td.row-actions > div) as a project's are: side by side
where they fit, with room between them where they wrap."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_check_in_buttons_stand_apart(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    member = factories.account(Role.member)
    run(register(event_id, member.member_id))
    doors_open(event_id)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/{event_id}/registrations")
    row = page.locator("#registrations tbody tr").first
    attended = row.get_by_role("button", name="Aanwezig").bounding_box()
    no_show = row.get_by_role("button", name="Niet opgedaagd").bounding_box()
    side_by_side = abs(attended["y"] - no_show["y"]) < 2
    if side_by_side:
        assert no_show["x"] - (attended["x"] + attended["width"]) >= 8, (attended, no_show)
    else:
        assert no_show["y"] - (attended["y"] + attended["height"]) >= 8, (attended, no_show)
    if width == 390:
        assert side_by_side, (attended, no_show)
    context.close()
