"""Beheer (Piccolo Admin at /admin) names its tables and columns in Dutch for a Dutch reader:
the sidebar, the page's heading and the column headings said "Organisation Domain", "Member",
"First Name", and the link back read "Terug Naar Kring", capitalised by Piccolo Admin's
stylesheet (found by an outside look)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.conftest import same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


@pytest.mark.parametrize("width", [1280, 390])
def test_beheer_names_tables_and_columns_in_dutch(browser, live_server, width, tmp_path):
    admin = factories.account(Role.admin)
    factories.member(first_name="Koen", last_name="Lemmens")
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Leden", exact=True)).to_be_visible(timeout=15_000)
    expect(page.locator("table thead")).to_contain_text("Voornaam")
    headings = page.locator("table thead th").all_inner_texts()
    assert not {"FIRST NAME", "JOB TITLE"} & {h.strip() for h in headings}, headings
    sizes = [o.get_attribute("label") for o in page.locator("select option[label]").all()]
    assert sizes and all(size.endswith(" per pagina") for size in sizes), sizes
    page.screenshot(path=tmp_path / f"admin-members-{width}.png")

    sidebar = page.locator("div.sidebar")
    if not sidebar.is_visible():  # a phone: behind the menu button
        page.locator("svg[data-icon=bars]").first.click()
    texts = " | ".join(sidebar.locator("li").all_inner_texts())
    for dutch in ("Leden", "Organisaties", "E-maildomeinen van organisaties", "Uitdagingen"):
        assert dutch in texts, texts
    for english in ("Member", "Organisation Domain", "Challenge"):
        assert english not in texts, texts
    back = sidebar.get_by_role("link", name="Terug naar Kring")
    assert back.inner_text().strip() == "Terug naar Kring"
    page.screenshot(path=tmp_path / f"admin-sidebar-{width}.png")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_beheer_pages_and_orders_its_tables_in_dutch(browser, live_server, width, tmp_path):
    """The pager under a table said 'of 21' and the sidebar listed the tables in the order of
    their English names (Activiteiten, Uitdagingen, Expertise, Contacten…, Leden…), which a
    Dutch reader cannot search by eye (found by an outside look)."""
    admin = factories.account(Role.admin)
    for n in range(16):
        factories.member(first_name="Lid", last_name=f"Nummer {n}")
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Leden", exact=True)).to_be_visible(timeout=15_000)
    pager = page.locator("li.count")
    expect(pager).to_have_text("van 2")
    page.screenshot(path=tmp_path / f"admin-pager-{width}.png", full_page=True)

    sidebar = page.locator("div.sidebar")
    if not sidebar.is_visible():  # a phone: behind the menu button
        page.locator("svg[data-icon=bars]").first.click()
    shown = sidebar.first.locator("li a[href^='#/']").all_inner_texts()  # a phone has two
    tables = [t.strip() for t in shown if t.strip()]
    assert tables == [
        "Activiteiten",
        "Contacten met het netwerk",
        "E-maildomeinen van organisaties",
        "Expertise",
        "Leden",
        "Organisaties",
        "Uitdagingen",
    ], tables
    page.context.close()


def test_beheer_shows_stored_choices_in_dutch(browser, live_server, tmp_path):
    """A member's 'Ontmoet via', 'Status' and 'Taal' read 'In Person', 'Active', 'Nl' (Piccolo
    Admin's names made from the stored values), where Kring's pages say 'persoonlijk',
    'actief', 'Nederlands'."""
    admin = factories.account(Role.admin)
    factories.member(first_name="Koen", last_name="Lemmens", met_via="in_person")
    page = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    row = page.locator("table tbody tr", has_text="Lemmens")
    expect(row).to_contain_text("persoonlijk", timeout=15_000)
    expect(row).to_contain_text("actief")
    expect(row).to_contain_text("Nederlands")
    for english in ("In Person", "Active"):
        expect(row).not_to_contain_text(english)
    page.screenshot(path=tmp_path / "admin-choices.png", full_page=True)
    page.context.close()
