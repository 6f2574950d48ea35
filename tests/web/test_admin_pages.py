"""Beheer (Piccolo Admin at /admin) in Chromium: Dutch for a Dutch reader, named Kring, and its
sidebar's "Terug naar Kring" leads back to Kring's home (found by an outside review: English
only, and no way back but the browser's)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.conftest import same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


def test_beheer_speaks_dutch_and_leads_back_to_kring(page, live_server):
    admin = factories.account(Role.admin)
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Welkom bij Kring")).to_be_visible(timeout=15_000)
    expect(page.locator("body")).to_contain_text("Tabellen")
    page.get_by_role("link", name=re.compile("Terug naar Kring", re.I)).click()
    page.wait_for_url(live_server + "/")


@pytest.mark.parametrize("width", [1280, 390])
def test_beheer_s_change_password_leads_to_kring_s_page(browser, live_server, width, tmp_path):
    """Its *Change password* set the password of Piccolo's stand-in user, not the Kring
    account's, and its *MFA setup* answered 404 (found by an outside probe)."""
    admin = factories.account(Role.admin)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Welkom bij Kring")).to_be_visible(timeout=15_000)
    page.get_by_text(f"kring-admin-{admin.account_id}").click()  # its account menu
    change = page.get_by_role("link", name="Wachtwoord wijzigen", exact=True)
    expect(change).to_be_visible()
    expect(page.get_by_role("link", name="Afmelden", exact=True)).to_be_visible()
    expect(page.locator('a[href$="api/mfa-setup/"]')).to_be_hidden()
    page.screenshot(path=tmp_path / f"admin-account-menu-{width}.png")
    change.click()
    page.wait_for_url(live_server + "/password")
    expect(page.locator("h1")).to_contain_text("wachtwoord wijzigen")
    page.goto(live_server + "/admin/#/change-password/")  # its address, typed or bookmarked
    page.wait_for_url(live_server + "/password")
    context.close()
