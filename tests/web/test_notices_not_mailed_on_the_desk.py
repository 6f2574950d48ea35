"""The desk's and the person's page's list of notices not mailed (an extension's or a
refusal's reason owed to a person whose address no mail can be written to): the reason is
read in full at 1280 and 390 px, nothing is cut off, and axe-core finds no serious violation."""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from kring.choices import Role
from kring.principal import Principal
from kring.tables import Member
from privacy.requests import Kind, RequestChannel, record_request, refuse_request
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

CELLS = "main :is(th, td, td a)"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_notice_to_an_address_that_cannot_receive_mail_is_listed_with_why(
    browser, live_server, width
):
    officer = factories.account(Role.privacy_officer)
    person = factories.member(
        factories.organisation(), first_name="Marie-Christine", last_name="Vandenbroucke"
    )
    run(Member.update({Member.email: "=?utf-8?q?a=0Ab?=@gast.be"}).where(Member.id == person))
    request_id = run(record_request(Kind.erasure, person, RequestChannel.phone, officer.account_id))
    viewer = Principal(officer.account_id, Role.privacy_officer, None, officer.email, "", "token")
    run(refuse_request(viewer, Kind.erasure, request_id, "identiteit niet vastgesteld"))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, officer.email)
    for path in ("/privacy/desk", f"/privacy/desk/members/{person}"):
        page.goto(live_server + path)
        row = page.locator(f"#notice-erasure-{request_id}")
        assert "kan geen mail ontvangen" in row.inner_text(), path
        assert cut_off(page, CELLS) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        found = Axe().run(page).response["violations"]
        assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == [], path
        if os.environ.get("KRING_SHOTS"):
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=f"{os.environ['KRING_SHOTS']}/{name}-{width}.png", full_page=True)
    page.context.close()
