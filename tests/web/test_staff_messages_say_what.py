"""After a save, staff pages said only 'Bewaard.' (the registrations desk's attendance and list
buttons, a member's profile, an organisation, an opt-out recorded for someone) where a
member's own pages say what was saved. In the browser, at 1280 and 390 px: the desk's message
names the person and which way, the officer's names the wish, and the message is announced
and passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]


def _no_serious_violation(page) -> None:
    serious = [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_desk_says_whom_it_marked_and_which_way(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    member_id = factories.member(None, first_name="Griet", last_name="Van Damme")
    run(register(event_id, member_id))
    doors_open(event_id)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/{event_id}/registrations")
    row = page.locator("#registrations tbody tr").first
    row.get_by_role("button", name="Niet opgedaagd").click()
    expect(page.locator("#flash")).to_have_text("Griet Van Damme is genoteerd als niet opgedaagd.")
    row = page.locator("#registrations tbody tr").first
    row.get_by_role("button", name="Verbergen op de lijst").click()
    hidden = "Griet Van Damme is verborgen op de deelnemerslijst."
    expect(page.locator("#flash")).to_have_text(hidden)
    _no_serious_violation(page)
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_officer_reads_which_wish_was_recorded(browser, live_server, width):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, officer.email)
    page.goto(f"{live_server}/privacy/desk/members/{member_id}")
    form = page.locator("#on-behalf")
    form.locator("select[name=kind]").select_option("mailings")
    form.locator("select[name=channel]").select_option(label="E-mail")
    form.get_by_role("button", name="Registreren").click()
    expect(page.locator("#flash")).to_have_text("Geregistreerd: dit lid krijgt geen mailings meer.")
    expect(page.locator("#opt-out-state")).to_contain_text("Geen mailings")
    _no_serious_violation(page)
    context.close()
