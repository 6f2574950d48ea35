"""The audit trail's page, opened without a filter on a trail with no entries, said 'Geen
vermeldingen voor deze filters' though no filter was set (seen walking the officer's pages).
It says the trail is empty and what comes on it; with a filter it still names the filters."""

from __future__ import annotations

import pytest

from kring.choices import Role
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]


def test_an_empty_trail_says_it_is_empty_and_a_filter_names_the_filters(page, live_server):
    officer = factories.account(Role.privacy_officer)
    run(AuditEntry.delete(force=True))
    log_in(page, live_server, officer.email)
    page.goto(f"{live_server}/privacy/desk/audit")
    said = page.locator("#audit-none").inner_text()
    assert said.startswith("Het auditlogboek is nog leeg"), said
    page.fill("#field-since", "01-01-2020")
    page.click("#audit-filter button[type=submit]")
    assert page.locator("#audit-none").inner_text() == "Geen vermeldingen voor deze filters."
