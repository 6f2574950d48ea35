import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories

pytestmark = pytest.mark.browser


def _log_in(page, live_server, email):
    page.goto(f"{live_server}/")
    assert "/login" in page.url
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")


def test_member_logs_in_adds_and_closes_a_challenge(page, live_server):
    login = factories.account(Role.member)
    _log_in(page, live_server, login.email)
    assert page.is_visible("text=Mijn open uitdagingen")
    page.click("nav >> text=Mijn uitdagingen")
    page.fill("input[name=title]", "Interne audits ISO 45001 opzetten")
    page.fill("textarea[name=body]", "Wie deelt een auditprogramma?")
    page.fill("input[name=tags]", "ISO 45001, interne audit")
    page.click("form.grid button[type=submit]")
    record = page.locator("li.record", has_text="Interne audits ISO 45001 opzetten")
    expect(record.locator(".tag", has_text="iso 45001")).to_have_count(1)
    expect(page.locator("#flash")).to_have_text("Uitdaging toegevoegd.")
    record.locator("a", has_text="Bewerken").click()
    page.fill("#record-form input[name=title]", "Interne audits ISO 45001 plannen")
    page.click("#record-form button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Uitdaging bewaard.")
    record = page.locator("li.record", has_text="Interne audits ISO 45001 plannen")
    expect(record.locator(".tag", has_text="iso 45001")).to_have_count(1)
    record.locator("summary", has_text="Afsluiten").click()
    expect(record.locator("details[id^=close-] .confirm-step")).to_contain_text("ingetrokken")
    record.locator("button", has_text="Ja, afsluiten").click()
    expect(page.locator("#flash")).to_have_text("Uitdaging afgesloten.")
    expect(page.locator("li.record.closed", has_text="Interne audits")).to_have_count(1)
    record = page.locator("li.record", has_text="Interne audits ISO 45001 plannen")
    record.locator("summary", has_text="Verwijderen").click()
    record.locator("button", has_text="Ja, verwijderen").click()
    expect(page.locator("#flash")).to_have_text("Uitdaging verwijderd.")
    expect(page.locator("li.record", has_text="Interne audits")).to_have_count(0)


def test_organiser_adds_a_member_and_notes_a_call_in_pages(page, live_server):
    organiser = factories.account(Role.organiser)
    factories.organisation("Waterwegen en Zeekanaal")
    _log_in(page, live_server, organiser.email)
    page.click("nav >> text=Leden")
    page.click("text=Nieuw lid")
    page.fill("input[name=first_name]", "Hélène")
    page.fill("input[name=last_name]", "Dubois")
    page.fill("input[name=email]", "helene.dubois@wz.example")
    page.select_option("select[name=organisation]", label="Waterwegen en Zeekanaal")
    page.select_option("select[name=met_via]", label="evenement")
    page.click("form.grid button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Lid toegevoegd.")
    expect(page.locator("h1")).to_have_text("Hélène Dubois")
    page.click("summary >> text=Contact noteren")
    page.select_option("select[name=kind]", label="telefoongesprek")
    page.fill("#interactions textarea[name=note]", "Wil spreken op de lentedag")
    page.click("#interactions button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Contact genoteerd.")
    expect(page.locator("#interactions")).to_contain_text("Wil spreken op de lentedag")
    page.click("text=Lid bewerken")
    page.fill("input[name=job_title]", "Kwaliteitsmanager")
    page.click("form.grid button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Het profiel van het lid is bewaard.")
    expect(page.locator("main")).to_contain_text("Kwaliteitsmanager")


def test_language_switch_and_logout(page, live_server):
    login = factories.account(Role.member)
    _log_in(page, live_server, login.email)
    page.click("a[lang=en]")
    expect(page.locator("text=My open challenges")).to_be_visible()
    page.click("details.account-menu summary")
    page.click("text=Log out")
    page.wait_for_url(f"{live_server}/login")
    page.goto(f"{live_server}/profile")
    assert "/login" in page.url


def test_wrong_password_shows_a_message(page, live_server):
    login = factories.account(Role.member)
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", login.email)
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert page.is_visible("text=Verkeerd e-mailadres of wachtwoord.")


def test_member_search_filters_as_you_type_without_reloading(page, live_server):
    login = factories.account(Role.member)
    organisation = factories.organisation()
    factories.member(organisation, last_name="Vanderstraeten")
    factories.member(organisation, last_name="Claes")
    _log_in(page, live_server, login.email)
    page.goto(f"{live_server}/members")
    page.evaluate("window.stillTheSamePage = true")
    page.fill("input[name=q]", "vanderstr")
    # (wait_for_function would need 'unsafe-eval', which the page's CSP rightly forbids)
    expect(page.locator("#member-results tbody tr")).to_have_count(1)
    assert "Vanderstraeten" in page.inner_text("#member-results")
    assert page.evaluate("window.stillTheSamePage") is True
    assert "q=vanderstr" in page.url


def test_the_dutch_main_menu_fits_one_line_and_organisations_are_a_tab(page, live_server):
    """At 1280 px a member's whole main menu (the longest, in Dutch) stands on one line;
    organisations are reached from the members page, under the same menu entry."""
    login = factories.account(Role.member)
    page.set_viewport_size({"width": 1280, "height": 800})
    _log_in(page, live_server, login.email)
    tops = {
        round(box["y"])
        for box in map(lambda a: a.bounding_box(), page.locator("header nav.menu a").all())
    }
    assert page.locator("header nav.menu a").count() >= 9 and len(tops) == 1
    page.click("header nav.menu a[href='/members']")
    page.click("nav.subnav a[href='/organisations']")
    page.wait_for_url(f"{live_server}/organisations")
    expect(page.locator("header nav.menu a[aria-current=page]")).to_have_text("Leden")
    expect(page.locator("nav.subnav a[aria-current=page]")).to_have_text("Organisaties")
    page.goto(f"{live_server}/members/")  # another spelling of the same page
    expect(page.locator("nav.subnav a[aria-current=page]")).to_have_text("Leden")
