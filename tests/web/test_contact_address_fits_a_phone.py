"""An accepted introduction shows the other member's e-mail address among its facts. At 390 px a
long address ran past the screen's edge (the page scrolled sideways, the address cut off),
once a fact's link was a box of its own to be tall enough to tap (4ceed61). The address now
breaks after a dot, before its @ or, failing those, anywhere."""

from __future__ import annotations

import pytest

from tests.introductions.helpers import scene
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser]

LONG = "hanne.desmet-vandenbroucke@kwaliteitsnetwerkvlaanderenenbrussel.be"


def test_a_long_contact_address_fits_a_phone(browser, client, live_server):
    s = scene(experts=1, email=LONG)
    proposal = s.proposals()[0]["id"]
    asked = client.post(
        "/api/introductions", json={"proposal_id": proposal}, headers=s.owner_login.headers
    )
    assert asked.status_code == 201, asked.text
    expert = s.login_of_expert(proposal)
    accepted = client.post(f"/api/introductions/{proposal}/accept", headers=expert.headers)
    assert accepted.status_code == 200, accepted.text
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/introductions")
    assert page.locator(f"a[href='mailto:{LONG}']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert cut_off(page, "main :is(a, dd, dt)") == []
    context.close()
