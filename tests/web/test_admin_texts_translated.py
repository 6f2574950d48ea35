"""Beheer (Piccolo Admin at /admin) wrote English on a Dutch page wherever Piccolo Admin writes a
text in its own code rather than through its translations: its question before exporting more
than 10,000 rows ("There are more than 10000, are you sure you want to continue?"), its notices
("Successfully applied filter"), its filter's operators ("Greater Than"), its placeholders and
tooltips, its headings "Toevoegen member", its "Page not found" and a 400 shown as raw JSON.
Kring's page carries them in the reader's language (`kring/admin_texts.py`,
`/static/admin-names.js`); here in Chromium, as a Dutch and an English admin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.admin_texts import SHOWN
from kring.choices import Role
from kring.i18n import gettext_for
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

SHOWN_NOW = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    const element = node.parentElement;
    if (!text || !element || !element.checkVisibility()) continue;
    if (!element.closest('tbody td')) out.push(text);
  }
  for (const element of document.querySelectorAll('[title], [placeholder]')) {
    if (element.title) out.push(element.title);
    if (element.placeholder) out.push(element.placeholder);
  }
  return out;
}"""


def _english_left(page, language: str) -> list[str]:
    """Piccolo Admin's own English texts (those Kring says otherwise) the page still shows."""
    gettext = gettext_for(language)
    english = {shown for shown, message in SHOWN.items() if gettext(message) != shown}
    return sorted({text for text in page.evaluate(SHOWN_NOW) if text in english})


def _admin_page(browser, live_server, language: str):
    admin = factories.account(Role.admin)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server}])
    page = context.new_page()
    log_in(page, live_server, admin.email)
    return page


def _domains(count: int) -> None:
    """`count` e-mail domains of one organisation, written in one statement."""
    from kring.tables import OrganisationDomain

    organisation = factories.organisation(domain="eerste.be")
    run(
        OrganisationDomain.raw(
            "INSERT INTO organisation_domain (organisation, domain) "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) "
            "SELECT {}, 'd' || i || '.be' FROM n",
            count,
            organisation,
        )
    )


def _asked_before_exporting(page, live_server) -> list[str]:
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.goto(live_server + "/admin/#/organisation_domain", wait_until="networkidle")
    page.locator("[data-uitest=csv_button]").click()
    page.locator("[data-uitest=download_csv_button]").click()
    page.wait_for_timeout(500)
    page.remove_listener("dialog", answer)
    return asked


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("nl", "Er zijn meer dan 10.000 rijen. Wil je ze allemaal exporteren?"),
        ("en", "There are more than 10,000 rows. Do you want to export them all?"),
    ],
)
def test_the_question_before_exporting_many_rows_is_in_the_readers_language(
    browser, live_server, language, question
):
    _domains(10_001)  # Piccolo Admin asks past 10,000
    page = _admin_page(browser, live_server, language)
    assert _asked_before_exporting(page, live_server) == [question]
    page.context.close()


def test_a_dutch_admin_reads_no_english_while_filtering_sorting_and_adding(browser, live_server):
    factories.member(factories.organisation(domain="verhaeghe.be"))
    page = _admin_page(browser, live_server, "nl")
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Leden")).to_be_visible(timeout=15_000)

    page.locator("[data-uitest=filter_button]").click()
    operators = page.locator("select[name=first_name__match] option")
    expect(operators).to_have_text(["bevat", "is precies", "begint met", "eindigt op"])
    page.locator("[data-uitest=submit_filter_button]").click()
    expect(page.get_by_text("De filter is toegepast.")).to_be_visible()
    assert _english_left(page, "nl") == []

    page.reload(wait_until="networkidle")
    page.locator("[data-uitest=sort_button]").click()
    page.locator("[data-uitest=add_sort_column_button]").click()
    expect(page.get_by_text("Ook op een andere kolom sorteren")).to_be_visible()
    columns = page.locator("[data-uitest=sort_by_selector]").first.locator("option")
    expect(columns.filter(has_text="Voornaam")).to_have_count(1)
    expect(columns.filter(has_text="first_name")).to_have_count(0)
    assert _english_left(page, "nl") == []

    page.goto(live_server + "/admin/#/member/add/", wait_until="networkidle")
    page.reload(wait_until="networkidle")
    expect(page.get_by_role("heading", name="Rij toevoegen aan Leden")).to_be_visible()
    page.locator("[data-uitest=create_button]").click()
    expect(page.get_by_text("Het formulier bevat fouten; ze staan erboven.")).to_be_visible()
    errors = page.locator(".errors li")
    expect(errors.first).to_be_visible()
    assert not errors.first.inner_text().startswith("{"), errors.first.inner_text()
    assert "Fout" in page.locator(".errors").inner_text()
    # Kring's refusal in the reader's language, each field by its label
    expect(errors.first).to_have_text("Voornaam: is verplicht; Achternaam: is verplicht")
    assert _english_left(page, "nl") == []

    page.goto(live_server + "/admin/#/geen_tabel", wait_until="networkidle")
    for _ in range(100):  # the admin's alert, however loaded the machine (10 s at most)
        if alerts:
            break
        page.wait_for_timeout(100)
    assert alerts == ["Deze pagina bestaat niet."]
    page.context.close()


def test_a_network_contact_opens_to_be_added_and_edited(browser, live_server):
    """Its form asks for the staff its `staff` column can name, from the `account` table the
    admin leaves out: a 404, on which Piccolo Admin alerted 'Page not found' and led home."""
    from kring.tables import Interaction

    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    interaction = Interaction(member=member_id, note="Jaarlijks contact")
    run(interaction.save())
    page = _admin_page(browser, live_server, "nl")
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    for path, heading in (
        ("interaction/add/", "Rij toevoegen aan Contacten met het netwerk"),
        (f"interaction/{interaction.id}/", "Rij bewerken in Contacten met het netwerk"),
    ):
        page.goto(f"{live_server}/admin/#/{path}", wait_until="networkidle")
        page.reload(wait_until="networkidle")
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
        page.wait_for_timeout(500)
        assert page.url.endswith(path), page.url
        # its links to add or edit an account (a new tab on a table the admin leaves out,
        # 'Page not found') are not offered
        expect(page.locator("form label").filter(has_text="Vastgelegd door")).to_be_visible()
        links = page.locator('label a[href^="#/account/"]')
        assert links.count() >= 1  # Piccolo Admin writes them; Kring's stylesheet hides them
        for link in links.all():
            expect(link).to_be_hidden()
    assert alerts == []
    page.context.close()


def test_its_list_of_a_422s_fields_reads_in_the_readers_language(browser, live_server):
    """A 422 of Piccolo's validation is listed as 'joined_at field - Input should be a valid
    date or datetime, input is too short' (the column's key, pydantic's English): written as
    the column's label and Kring's words. Shown here as its page writes such a list."""
    page = _admin_page(browser, live_server, "nl")
    page.goto(live_server + "/admin/#/member/add/", wait_until="networkidle")
    heading = page.get_by_role("heading", name="Rij toevoegen aan Leden")
    expect(heading).to_be_visible(timeout=15_000)
    page.evaluate(
        """() => {
          const list = document.createElement("div");
          list.className = "errors";
          list.innerHTML = "<p>Error</p><ul>"
            + "<li>joined_at field - Input should be a valid date or datetime, input is "
            + "too short</li>"
            + "<li>organisation field - Input should be a valid integer, unable to parse</li>"
            + "<li>first_name field - Field required</li>"
            + "<li>language field - Input should be 'nl' or 'en'</li></ul>";
          document.querySelector("h1").after(list);
        }"""
    )
    expect(page.locator(".errors li")).to_have_text(
        [
            "Lid sinds: moet een datum zijn zoals 01-03-2024",
            "Nummer van de organisatie: moet een geheel getal zijn",
            "Voornaam: is verplicht",
            "Taal: Input should be 'nl' or 'en'",
        ]
    )
    expect(page.locator(".errors p")).to_have_text("Fout")
    page.context.close()


def test_a_choice_named_like_a_column_keeps_its_own_name(browser, live_server):
    """The columns its sort and bulk change list by key get their labels, but a column's own
    choice that is spelled as a column ('phone', a way of meeting, beside the column `phone`)
    stayed 'Phone' for an English reader."""
    factories.member(factories.organisation(domain="verhaeghe.be"))
    page = _admin_page(browser, live_server, "en")
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    page.locator("[data-uitest=filter_button]").click()
    met_via = page.locator("select[name=met_via] option")
    expect(met_via.filter(has_text=re.compile(r"^\s*phone\s*$"))).to_have_count(1)
    expect(met_via.filter(has_text=re.compile(r"Phone"))).to_have_count(0)
    page.reload(wait_until="networkidle")
    page.locator("[data-uitest=sort_button]").click()
    columns = page.locator("[data-uitest=sort_by_selector]").first.locator("option")
    expect(columns.filter(has_text=re.compile(r"^\s*First name\s*$"))).to_have_count(1)
    page.context.close()


def test_a_refused_deletion_from_its_list_is_told_in_the_readers_language(browser, live_server):
    """Deleting a member with its list's delete button (a row's menu) did nothing a user could
    see: Piccolo Admin does not catch the refusal (409, a member is erased through a request),
    which only its console showed. It is told as its other deletes tell one, in Dutch."""
    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    page = _admin_page(browser, live_server, "nl")
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    page.get_by_role("link", name=f"Acties voor rij {member_id}").click()
    page.locator("table [data-uitest=delete_row_button]").first.click()
    for _ in range(50):  # the refusal is told once the server has answered
        if len(asked) == 2:
            break
        page.wait_for_timeout(200)
    assert asked == [
        f"Weet je zeker dat je rij {member_id} wilt verwijderen?",
        f"Rij {member_id} kon niet worden verwijderd (wissen gaat via een wisverzoek).",
    ]
    page.context.close()
