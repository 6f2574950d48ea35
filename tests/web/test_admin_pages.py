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
