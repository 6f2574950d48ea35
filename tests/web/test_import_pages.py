import pytest
from playwright.sync_api import expect

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.importing.helpers import DATA
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_organiser_uploads_previews_remaps_and_imports(page, live_server):
    organiser = factories.account(Role.organiser)
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/import")
    page.set_input_files("input[name=file]", str(DATA / "crm_export_cp1252.csv"))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Voorbeeld van de import")
    expect(page.locator("[data-count=created]")).to_have_text("5")
    expect(page.locator("[data-count=rejected]")).to_have_text("2")
    expect(page.locator("select[aria-label=GSM] option:checked")).to_have_text("Telefoon")
    expect(page.locator("#import-rows")).to_contain_text("E-mailadres: “an.janssens@voorbeeld”")
    assert run(Member.count()) == 0
    page.select_option("select[aria-label=GSM]", "")
    page.click("text=Opnieuw voorbeeld tonen")
    expect(page.locator("[data-count=rejected]")).to_have_text("2")
    page.click("#do-import")
    expect(page.locator("h1")).to_have_text("Import klaar")
    expect(page.locator("[data-count=created]")).to_have_text("5")
    assert run(Member.count()) == 5
    assert run(Member.count().where(Member.phone != "")) == 0


def test_organiser_merges_a_duplicate_field_by_field(page, live_server):
    organiser = factories.account(Role.organiser)
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens", job_title="")
    factories.member(org, first_name="JANSSENS", last_name="Jan", job_title="directeur")
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/import/duplicates")
    row = page.locator("#duplicates tbody tr").first
    expect(row).to_contain_text("voor- en achternaam omgewisseld")
    row.locator("a").click()
    page.check("input[name=take-phone][value=loser]")
    page.click("#merge-confirm summary")
    page.click("#merge-confirm button[type=submit]")
    page.wait_for_url(f"{live_server}/members/{first}")
    merged = run(Member.select(Member.job_title).where(Member.id == first).first())
    assert merged == {"job_title": "directeur"}
