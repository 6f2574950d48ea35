"""One journey through a project's workspace in Chromium: an organiser creates a project and
invites a member through the member search; the member finds it in their menu, uploads a
document and adds a milestone."""

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.projects.helpers import PDF
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_organiser_creates_and_invites_and_the_member_works_in_the_workspace(
    page, browser, live_server, tmp_path
):
    organiser = factories.account(Role.organiser)
    organisation = factories.organisation(name="Stad Brugge")
    member = factories.account(
        member_id=factories.member(organisation, first_name="Lotte", last_name="Projectlid")
    )
    log_in(page, live_server, organiser.email)
    page.click("header a[href='/projects']")
    page.click("a[href='/projects/new']")
    page.fill("#field-title", "Gedeelde auditchecklist")
    page.fill("#field-goal", "Eén checklist voor de interne audits van drie steden")
    page.fill("#field-starts_on", "2031-01-15")
    page.fill("#field-ends_on", "2031-12-15")
    page.select_option("#field-state", "running")
    page.click("form.grid button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Gedeelde auditchecklist")
    project_path = page.url.removeprefix(live_server).split("#")[0]

    page.click(f"a[href='{project_path}/invite']")
    page.fill("#field-q", "projectlid")
    page.click("form.search button[type=submit]")
    expect(page.locator("#candidates")).to_contain_text("Lotte Projectlid")
    page.click("#candidates button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("#participants")).to_contain_text("Projectlid")

    context = browser.new_context(locale="nl-BE")
    try:
        mine = context.new_page()
        log_in(mine, live_server, member.email)
        mine.click("header a[href='/projects']")
        mine.click(f"#projects a[href='{project_path}']")
        document = tmp_path / "checklist-v1.pdf"
        document.write_bytes(PDF)
        mine.set_input_files("#field-file", str(document))
        mine.click("#upload button[type=submit]")
        expect(mine.locator("#flash")).to_be_visible()
        expect(mine.locator("#documents")).to_contain_text("checklist-v1.pdf")
        expect(mine.locator("#documents")).to_contain_text("Lotte Projectlid")
        mine.fill("#add-milestone #field-title", "Checklist getest")
        mine.fill("#add-milestone #field-due_on", "2031-06-30")
        mine.click("#add-milestone button[type=submit]")
        expect(mine.locator("#flash")).to_be_visible()
        expect(mine.locator("#milestones tbody")).to_contain_text("Checklist getest")
    finally:
        context.close()
