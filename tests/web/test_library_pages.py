"""One journey through the library in Chromium: an organiser publishes an item, attaches its
file, retires it (after confirming) and republishes it; a member with a challenge finds it by
searching in other words, by its tag, and under "for you" with the reason."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from kring.choices import Role
from kring.tables import Challenge
from members.records import create_record
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import PDF, item, library
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("KRING_LIBRARY_SHOTS", "")
"""A folder: the journey also saves its pages there at 1280 and 390 px, to look at."""


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_organiser_publishes_and_retires_and_a_member_finds_it(
    page, browser, live_server, tmp_path
):
    organiser, _ = library(with_filler=True)
    member = factories.account(Role.member)
    challenge = {
        "title": "Interne audits opzetten",
        "body": "Een auditprogramma met onafhankelijke auditoren voor onze processen.",
        "tags": ["interne audit"],
        "language": "nl",
    }
    run(create_record(Challenge, principal(member), challenge))

    log_in(page, live_server, organiser.email)
    page.click("header a[href='/library']")
    page.click("a[href='/library/new']")
    page.fill("#field-title", "Slides: auditoren opleiden")
    page.select_option("#field-kind", "slides")
    page.fill("#field-summary", "Hoe je collega's opleidt tot interne auditoren.")
    page.fill("#field-body", "- **Stap 1**: de norm lezen\n- Stap 2: meelopen met een audit")
    page.fill("#field-tags", "interne audit, opleiding")
    page.click("form.grid button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Slides: auditoren opleiden")
    expect(page.locator("#body strong")).to_have_text("Stap 1")
    item_path = page.url.removeprefix(live_server).split("#")[0]
    slides = tmp_path / "auditoren.pdf"
    slides.write_bytes(PDF)
    page.set_input_files("#field-file", str(slides))
    page.click("#upload button[type=submit]")
    expect(page.locator("#item-file")).to_have_text("auditoren.pdf")
    _shoot(page, "item-organiser")
    page.click("#retire summary")
    page.click("#retire button[type=submit]")
    expect(page.locator("#retired")).to_be_visible()
    page.click("#republish button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("#retired")).to_have_count(0)

    context = browser.new_context(locale="nl-BE")
    try:
        mine = context.new_page()
        log_in(mine, live_server, member.email)
        expect(mine.locator("#library-for-you")).to_contain_text("Slides: auditoren opleiden")
        mine.click("header a[href='/library']")
        _shoot(mine, "list")
        mine.fill("#field-q", "auditoren opleiding")
        mine.click("#library-search button[type=submit]")
        expect(mine.locator("#library-results .record")).to_have_count(1)
        expect(mine.locator("#library-results")).to_contain_text("Slides: auditoren opleiden")
        _shoot(mine, "search")
        mine.click("#library-results a.tag:text('interne audit')")
        expect(mine.locator("#tag-filter")).to_be_visible()
        expect(mine.locator("#library-results .record")).to_have_count(3)
        mine.click("a[href='/library/for-you']")
        expect(mine.locator("#suggestions")).to_contain_text("Interne audits opzetten")
        expect(mine.locator("#suggestions .record").first).to_contain_text("interne audit")
        _shoot(mine, "for-you")
        mine.click(f"#suggestions a[href='{item_path}']")
        expect(mine.locator("#manage")).to_have_count(0)
        expect(mine.locator("#item-file")).to_have_text("auditoren.pdf")
        _shoot(mine, "item-member")
    finally:
        context.close()
    page.goto(f"{live_server}/library/new")
    page.click("form.grid button[type=submit]")
    _shoot(page, "form")


def test_a_search_is_announced_in_place_and_no_heading_level_is_skipped(page, live_server):
    """The search answers in place: the polite status (a live region that stays the same
    element, so a screen reader reads its new text) says how many items were found, in the
    reader's plural; the items' headings sit one level below the page's h1."""
    library(with_filler=True)
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    status = page.locator("#library-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")  # nothing was searched yet
    only = {"runOnly": {"type": "rule", "values": ["heading-order"]}}
    assert Axe().run(page, options=only).response["violations"] == []
    expect(page.locator("#library-results h2.item-title")).to_have_count(20)
    page.eval_on_selector("#library-status", "e => { e.dataset.before = 'yes'; }")
    for words, said in (
        ("netwerkavond", "24 items gevonden"),
        ("onboarding checklist", "1 item gevonden"),
        ("zwembadonderhoud", "0 items gevonden"),
    ):
        page.fill("#field-q", words)
        page.click("#library-search button[type=submit]")
        expect(status).to_have_text(said)
        expect(page).to_have_url(re.compile(r"q=" + words.split()[0]))
        # the same element: swapped in place, not a new page
        expect(status).to_have_attribute("data-before", "yes")
    expect(page.locator("#library-results .empty")).to_be_visible()
    page.goto(f"{live_server}/library?q=onboarding+checklist")  # without scripts: the same words
    expect(status).to_have_text("1 item gevonden")


def test_back_to_an_earlier_search_shows_its_words_in_the_form(page, live_server):
    """Found from outside: after the back button, htmx put the earlier results back from its
    history, but the search field and the kind stayed as the page was first loaded (empty), so
    the results answered words the form no longer showed."""
    library()
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    status = page.locator("#library-status")
    page.fill("#field-q", "audit")
    page.select_option("select[name=kind]", "guide")
    page.click("#library-search button[type=submit]")
    expect(status).to_have_text(re.compile("gevonden"))
    page.fill("#field-q", "lean")
    page.select_option("select[name=kind]", "")
    page.click("#library-search button[type=submit]")
    expect(page).to_have_url(re.compile(r"q=lean"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=audit&kind=guide"))
    expect(page.locator("#field-q")).to_have_value("audit")
    expect(page.locator("select[name=kind]")).to_have_value("guide")
    page.go_back()
    expect(page.locator("#field-q")).to_have_value("")


def test_a_refused_search_in_place_leaves_no_old_results_behind(page, live_server):
    """htmx swaps nothing on a 400 or 401: the earlier results and their count stayed on
    screen as the answer to the new words. The refused search now loads its page, as
    without scripts."""
    library(with_filler=True)
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    status = page.locator("#library-status")
    page.fill("#field-q", "netwerkavond")
    page.click("#library-search button[type=submit]")
    expect(status).to_have_text("24 items gevonden")
    page.fill("#field-q", "a\u202eb")  # a pasted right-to-left override is refused
    page.click("#library-search button[type=submit]")
    expect(page.get_by_text("24 items gevonden")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("U+202E")
    page.goto(f"{live_server}/library?q=netwerkavond")
    expect(status).to_have_text("24 items gevonden")
    page.context.clear_cookies()  # the session ended: the search asks to sign in again
    page.fill("#field-q", "onboarding")
    page.click("#library-search button[type=submit]")
    expect(page.get_by_text("24 items gevonden")).to_have_count(0)
    expect(page.locator("#field-password")).to_be_visible()


def test_a_refused_search_shows_the_library_with_its_words_and_the_message_at_the_field(
    page, live_server
):
    """It showed the general error page, which lost the words and the search form."""
    library()
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    page.fill("#field-q", "iso\u202eaudit")
    page.click("#library-search button[type=submit]")
    expect(page.locator("h1")).to_have_text("Bibliotheek")
    field = page.locator("#field-q")
    expect(field).to_have_value("iso\ufffdaudit")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#field-q-error")).to_contain_text("U+202E")
    expect(page.locator("#error-summary a[href='#field-q']")).to_contain_text(
        "Zoek in de bibliotheek (Nederlands of Engels)"  # as the field's label names it
    )
    assert Axe().run(page).response["violations"] == []
    _shoot(page, "refused-search")


def test_replacing_a_file_asks_first_naming_the_file_it_replaces(page, live_server, tmp_path):
    """Choosing a file and pressing Upload replaced the item's file at once, and the old one
    cannot be brought back; removing it asked first. Replacing now asks too, naming the file."""
    organiser = factories.account(Role.organiser)
    item_id = item(organiser, title="Slides van de lenteavond")
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/library/{item_id}")
    first, second = tmp_path / "versie-1.pdf", tmp_path / "versie-2.pdf"
    first.write_bytes(PDF)
    second.write_bytes(PDF)
    page.set_input_files("#upload input[type=file]", str(first))  # no file yet: no question
    page.click("#upload button[type=submit]")
    expect(page.locator("#item-file")).to_have_text("versie-1.pdf")
    expect(page.locator("#upload")).to_have_count(0)
    replace = page.locator("#replace-file")
    expect(replace.locator("input[type=file]")).not_to_be_visible()
    replace.locator("summary").click()
    expect(replace).to_contain_text("“versie-1.pdf” vervangen door een ander bestand?")
    replace.locator("input[type=file]").set_input_files(str(second))
    _shoot(page, "replace-file")
    replace.locator("button[type=submit]").click()
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("#item-file")).to_have_text("versie-2.pdf")
    # A refused file keeps the question open, with the message at the field.
    page.locator("#replace-file summary").click()
    wrong = tmp_path / "niet-echt.pdf"
    wrong.write_bytes(b"MZ not a pdf")
    page.locator("#replace-file input[type=file]").set_input_files(str(wrong))
    page.locator("#replace-file button[type=submit]").click()
    expect(page.locator("#replace-file")).to_have_attribute("open", "")
    expect(page.locator("#field-file-error")).to_be_visible()
    expect(page.locator("#item-file")).to_have_text("versie-2.pdf")
    assert Axe().run(page).response["violations"] == []


def test_an_item_with_long_words_fits_a_phone(browser, live_server):
    """A tag of one long word (40 characters: Dutch compounds such as
    'kwaliteitsmanagementsysteemdocumentatie') did not wrap: the item's page at 390 px was
    478 px wide and scrolled sideways."""
    organiser = factories.account(Role.organiser)
    long_word = "kwaliteitsmanagementsysteemdocumentaties"
    item_id = item(organiser, title="Documentatie", tags=[long_word, "iso 9001"])
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900}).new_page()
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    for path in (f"/library/{item_id}", "/library", f"/library?tag={long_word}"):
        page.goto(f"{live_server}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        tag = page.locator(f"main a.tag:text('{long_word[:20]}')").first
        box = tag.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, path
    # A line of code (Markdown: indented four spaces) did not wrap: 1,504 px wide at 390 px.
    code = item(organiser, title="Een script", body="Zo:\n\n    " + "export-" * 30)
    page.goto(f"{live_server}/library/{code}")
    expect(page.locator("#body pre")).to_contain_text("export-export-")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
