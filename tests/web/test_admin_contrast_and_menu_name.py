"""Beheer (Piccolo Admin at /admin) in axe-core: its bar's white text on its blue (#3889ce, its
account menu 'kring-admin-N') had a contrast of 3.72, under the 4.5 text needs (WCAG 1.4.3), as
had its links and its table's buttons ('Rij toevoegen', 'Sorteren') in that blue; and on a
phone its menu button (the three lines at the top left) had no name for a screen reader. The
blue is darker (5.97 on white), and the button is named 'Menu' in the reader's language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", [1280, 390])
def test_beheer_has_no_serious_axe_violation(browser, live_server, width):
    admin = factories.account(Role.admin)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Welkom bij Kring")).to_be_visible(timeout=15_000)
    if width == 390:
        expect(page.locator("#burger_menu > a")).to_have_attribute("aria-label", "Menu")
    serious = {
        v["id"]: [n["target"] for n in v["nodes"]]
        for v in axe_violations(page)
        if v["impact"] in ("serious", "critical")
    }
    assert serious == {}
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    expect(page.locator('a[data-uitest="sort_button"]')).to_be_visible(timeout=15_000)
    contrast = axe_violations(page, {"runOnly": ["color-contrast"]})
    assert [n["target"] for v in contrast for n in v["nodes"]] == []  # its table's buttons
    context.close()


TABLES = (
    "member",
    "organisation",
    "organisation_domain",
    "interaction",
    "activity",
    "challenge",
    "expertise",
)


def _rows() -> tuple[int, int, int]:
    """A row in every table of Beheer: an organisation with a domain, its member, and the
    member's challenge, expertise, contact and activity. The ids of the first three."""
    from datetime import date

    from kring.tables import Activity, Challenge, Expertise, Interaction
    from tests.conftest import run

    organisation = factories.organisation(domain="verhaeghe.be")
    member = factories.member(organisation, first_name="Anke")
    challenge = Challenge(member=member, title="ISO 9001 vereenvoudigen", tags=["iso"])
    for row in (
        challenge,
        Expertise(member=member, title="Spuitgieten", tags=["kunststof"]),
        Interaction(member=member, occurred_on=date(2025, 3, 1), note="Gesprek"),
        Activity(member=member, title="Netwerkavond", occurred_on=date(2025, 3, 1)),
    ):
        run(row.save())
    return organisation, member, challenge.id


def _violations(page) -> dict[str, list]:
    return {v["id"]: [n["target"] for n in v["nodes"]] for v in axe_violations(page)}


def _list(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.reload(wait_until="networkidle")  # Piccolo Admin reads the table from the address
    expect(page.locator("table thead input[type=checkbox]")).to_be_visible(timeout=15_000)


@pytest.mark.parametrize("width", [1280, 390])
def test_beheer_s_tables_and_forms_name_every_control(browser, live_server, width):
    """axe-core on Beheer's table pages: each row's checkbox and the one that selects every row
    had no name (critical: label), nor had each row's three dots, a sorted column's arrow or the
    pager's arrows, page number and page size (link-name, select-name); a row's form tied no
    field to its label (label, select-name: 'Voornaam' was read as 'edit text'), nor named its
    links to add or edit the row a reference points at; its sort window's lists had no name;
    the page said it was English, had no landmarks, and a yes or no in a cell was a tick or a
    cross a screen reader skips. Piccolo Admin draws these in its compiled Vue; Kring's page
    names them (`/static/admin-labels.js`) in the reader's language."""
    organisation, member, challenge = _rows()
    admin = factories.account(Role.admin)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, admin.email)
    for table in TABLES:
        _list(page, f"{live_server}/admin/#/{table}")
        assert _violations(page) == {}, table

    _list(page, f"{live_server}/admin/#/member")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("checkbox", name=f"Rij {member} selecteren")).to_be_visible()
    every_row = page.get_by_role("checkbox", name="Alle rijen op deze pagina selecteren")
    expect(every_row).to_be_visible()
    expect(page.get_by_role("link", name=f"Acties voor rij {member}")).to_be_visible()
    expect(page.get_by_role("img", name="nee").first).to_be_attached()  # an opt-out not set
    expect(page.get_by_role("main")).to_have_count(1)
    page.locator("[data-uitest=sort_button]").click()
    expect(page.get_by_role("dialog", name="Sorteren op")).to_be_visible()
    expect(page.get_by_role("combobox", name="Sorteerrichting")).to_be_visible()
    assert _violations(page) == {}

    for path in (f"member/{member}/", "member/add/", f"organisation/{organisation}/"):
        page.goto(f"{live_server}/admin/#/{path}", wait_until="networkidle")
        page.reload(wait_until="networkidle")
        expect(page.locator("form label").first).to_be_visible(timeout=15_000)
        assert _violations(page) == {}, path
    page.goto(f"{live_server}/admin/#/challenge/{challenge}/", wait_until="networkidle")
    page.reload(wait_until="networkidle")
    expect(page.get_by_role("textbox", name="Titel")).to_have_value("ISO 9001 vereenvoudigen")
    expect(page.get_by_role("link", name="Rij toevoegen aan Leden")).to_be_attached()
    expect(page.get_by_role("link", name="Rij bewerken in Leden")).to_be_attached()
    assert _violations(page) == {}
    context.close()
