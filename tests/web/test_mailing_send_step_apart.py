"""A mailing's page, its step 'Versturen': the button 'Ontvangers kiezen' and the link beside
it ('Versturen naar het publiek dat nu gekozen is') stood a word space apart, the link running
on under the button on a phone. They are a row of actions (.actions), the link a whole."""

from __future__ import annotations

import pytest

from kring.choices import Role
from mailings.compose import add_article, create_mailing
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [1280, 390])
def test_choosing_the_audience_and_sending_stand_apart(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    viewer = principal(organiser)
    draft = run(create_mailing(viewer, {"name": "Nieuwsbrief", "subject_nl": "Nieuws"}))
    run(add_article(viewer, draft, {"title_nl": "Auditdag", "text_nl": "Kom naar de auditdag."}))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/mailings/{draft}")
    button = page.locator("#choose-audience").bounding_box()
    link = page.locator("#to-send-now")
    assert len(link.evaluate("e => [...e.getClientRects()]")) == 1  # one box, not run on
    box = link.bounding_box()
    if box["y"] >= button["y"] + button["height"]:
        assert box["y"] - (button["y"] + button["height"]) >= 8, (button, box)
    else:
        assert box["x"] - (button["x"] + button["width"]) >= 12, (button, box)
    context.close()
