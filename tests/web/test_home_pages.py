"""Each role's home leads with its work: what waits for an answer, what is proposed, what
is coming, what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from events import registration
from introductions.workflow import request_introduction
from kring.choices import Role
from kring.clock import today
from privacy.requests import record_request
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_a_members_home_shows_requests_proposals_introductions_events_and_records(
    page, live_server
):
    s = scene(experts=4)
    first, second = s.proposals()[:2]
    run(request_introduction(s.owner_principal, first["id"], "home-1"))
    run(request_introduction(s.owner_principal, second["id"], "home-2"))
    expert_login = s.login_of_expert(first["id"])
    organiser = factories.account(Role.organiser)
    full = event(organiser, capacity=1, title="Volzet auditcafé")
    run(registration.register(full, member_id=factories.member(factories.organisation())))
    run(registration.register(full, member_id=s.owner.member_id))
    sure = event(organiser, title="Kwaliteitsavond")
    run(registration.register(sure, member_id=s.owner.member_id))

    log_in(page, live_server, s.owner_login.email)
    proposals = page.locator("#best-proposals li.proposal")
    expect(proposals).to_have_count(min(3, len(s.proposals())))
    expect(proposals.first).to_contain_text("Expert bij een bedrijf")
    events = page.locator("#my-events li")
    expect(events.nth(0)).to_contain_text("Volzet auditcafé")
    expect(events.nth(0)).to_contain_text("op de wachtlijst")
    expect(events.nth(0)).to_contain_text("nummer 1 in de rij")
    expect(events.nth(1)).to_contain_text("Kwaliteitsavond")
    expect(events.nth(1)).to_contain_text("bevestigd")
    expect(page.locator("#waiting-for-me")).to_contain_text("Geen enkel lid wacht op je antwoord")

    page.fill("#quick-challenge", "Klachtenbehandeling digitaliseren")
    page.click("#my-records button[type=submit]")
    page.wait_for_url(f"{live_server}/my/challenges")
    expect(page.locator("li.record", has_text="Klachtenbehandeling digitaliseren")).to_have_count(1)

    expert_page = page.context.browser.new_context(locale="nl-BE").new_page()
    log_in(expert_page, live_server, expert_login.email)
    waiting = expert_page.locator("#waiting-for-me")
    expect(waiting).to_contain_text("1 lid vraagt om aan jou voorgesteld te worden.")
    expect(waiting).to_contain_text("Wie helpt ons met ISO 9001")
    waiting.locator("a", has_text="De aanvragen beantwoorden").click()
    expert_page.locator("form.accept button").first.click()
    expert_page.goto(f"{live_server}/")
    introduced = expert_page.locator("#accepted-introductions")
    expect(introduced).to_contain_text("Wie helpt ons met ISO 9001")
    expert_page.context.close()


def test_an_organisers_home_shows_how_full_the_coming_events_are(page, live_server):
    organiser = factories.account(Role.organiser)
    soon = event(organiser, capacity=4, title="Lerend netwerk ISO 45001")
    for _ in range(3):
        run(registration.register(soon, member_id=factories.member(factories.organisation())))
    log_in(page, live_server, organiser.email)
    coming = page.locator("#coming-events li", has_text="Lerend netwerk ISO 45001")
    expect(coming).to_contain_text("3 / 4")
    expect(coming.locator("meter")).to_have_attribute("value", "3")
    expect(page.locator("#network")).to_contain_text("Mogelijke dubbels nakijken")


def test_a_privacy_officers_home_lists_open_requests_overdue_first(page, live_server):
    officer = factories.account(Role.privacy_officer)
    late = factories.member(factories.organisation(), last_name="Laatkomer")
    fresh = factories.member(factories.organisation(), last_name="Nieuwkomer")
    run(record_request("access", fresh, "email", None))
    overdue = run(record_request("access", late, "email", None))
    run(
        AccessRequest.update({AccessRequest.due_on: today() - timedelta(days=2)}).where(
            AccessRequest.id == overdue
        )
    )
    log_in(page, live_server, officer.email)
    panel = page.locator("#privacy-requests")
    expect(panel).to_contain_text("2 open verzoeken")
    expect(panel).to_contain_text("1 te laat")
    rows = panel.locator("tbody tr")
    expect(rows.first).to_contain_text("Laatkomer")
    expect(rows.first).to_have_class("overdue")
    expect(rows.nth(1)).to_contain_text("Nieuwkomer")
