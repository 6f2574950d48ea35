"""The privacy desk's lists on a phone (390 px).

Found from outside (the demo at 390 px): the open requests' tables put 'Beantwoorden', 'Wissing
starten', 'Verlengen', 'Weigeren' and 'Ingetrokken door de persoon' past the screen's edge in a
table that scrolled sideways, with nothing to say they were there; a search's e-mail address
was cut in the middle, its organisation, status, requests and 'Een verzoek registreren' out of
sight; the audit trail showed when and by whom, not about whom nor what. Now each row is a
short block: the name (or the moment), then each fact after its label, then the row's buttons.
1280 px keeps the tables. axe-core finds no serious violation. The officer's page of a person
(its requests, consents and opt-out history) is read the same way.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from kring.choices import Role
from privacy.consents import Purpose, give_consent
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.requests import Kind, RequestChannel, record_request
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

CELLS = "main :is(th, td, td a, td summary, td button)"


def _fits(page, path: str, width: int) -> None:
    assert cut_off(page, CELLS) == [], path
    assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == [], path


@pytest.mark.parametrize("width", [390, 1280])
def test_the_desk_its_search_and_the_audit_trail_fit_a_phone(browser, live_server, width):
    officer = factories.account(Role.privacy_officer)
    organisation = factories.organisation(name="Stad Sint-Truiden, dienst Organisatieontwikkeling")
    asker = factories.member(
        organisation,
        first_name="Marie-Christine",
        last_name="Vandenbroucke-Verhaegen",
        email="marie-christine.vandenbroucke-verhaegen@sinttruiden-stad.be",
    )
    leaver = factories.member(organisation, first_name="Jan", last_name="Vandenbroucke")
    run(record_request(Kind.access, asker, RequestChannel.phone, officer.account_id))
    run(record_request(Kind.erasure, leaver, RequestChannel.phone, officer.account_id))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, officer.email)
    run(set_opt_out(asker, OptOut.mailings, True, Channel.phone, officer.account_id))
    run(give_consent(asker, Purpose.private_contact, "paper"))
    page.goto(f"{live_server}/privacy/desk/members/{asker}")  # an audit entry about them
    for path, shown in (
        ("/privacy/desk", "Ingetrokken door de persoon"),
        (f"/privacy/desk/members/{asker}", "Beantwoorden"),  # the person's page
        ("/privacy/desk/people?q=vandenbroucke", "sinttruiden-stad.be"),
        (f"/privacy/desk/audit?member={asker}", str(asker)),
    ):
        page.goto(live_server + path)
        assert shown in page.locator("main table").first.inner_text(), path
        _fits(page, path, width)
    # Each of a request's steps is on the screen, not past its edge.
    page.goto(f"{live_server}/privacy/desk")
    for step in ("Beantwoorden", "Verlengen", "Weigeren", "Wissing starten"):
        box = page.locator("main table").get_by_text(step, exact=True).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width, step
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_register_the_processors_and_an_answers_purposes_fit(browser, live_server, width):
    """Found from outside: at 1280 px the register of processing activities cut its retention
    column in the middle and put its recipients past the edge of a table that scrolled
    sideways (six columns of prose, with words as long as 'vertrouwelijkheidsverklaring'); the
    access answer's purposes the same; at 390 px the processors' agreement column and the
    retention periods' 'Zou nu verwijderd worden' and 'De termijn wijzigen' were out of sight
    too. Long words now break inside their column; on a phone each row is a block."""
    officer = factories.account(Role.privacy_officer)
    person = factories.member(factories.organisation())
    asked = run(record_request(Kind.access, person, RequestChannel.phone, officer.account_id))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, officer.email)
    for path, table, shown in (
        ("/privacy/desk/register", "#register", "Inlogaccount"),
        ("/privacy/desk/processors", "#processors", "Verwerkersovereenkomst getekend"),
        (f"/privacy/desk/access/{asked}", "#purposes", "Gegevensbeschermingsautoriteit"),
    ):
        page.goto(live_server + path)
        assert shown in page.locator("main").inner_text(), path
        assert cut_off(page, f"{table} :is(th, td)") == [], path
        assert cut_off(page, "#retention :is(th, td, summary)") == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_restrictions_and_the_recipients_to_notify_fit(browser, live_server, width):
    """Found from outside: at 390 px a restriction's date and its 'Opheffen', and a notice's
    fields, date and 'Gedaan', were past the edge of tables that scrolled sideways."""
    from datetime import date

    from privacy.processors import add_processor
    from privacy.recipients import NoticeReason, notify_recipients, record_disclosure
    from privacy.restriction import restrict

    officer = factories.account(Role.privacy_officer)
    organisation = factories.organisation(name="Stad Sint-Truiden, dienst Organisatieontwikkeling")
    person = factories.member(organisation, first_name="Marie-Christine", last_name="Verhaegen")
    run(restrict(person, "Marie-Christine Verhaegen, per brief", "Betwist de juistheid", None))
    processor = run(add_processor("Drukkerij Vandenbroucke", "druk", "", date(2025, 1, 1)))
    run(record_disclosure(processor, [person]))
    run(notify_recipients(person, NoticeReason.rectification, ["phone", "job_title"]))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, officer.email)
    page.goto(f"{live_server}/privacy/desk/rights")
    assert "Drukkerij Vandenbroucke" in page.locator("#notices").inner_text()
    _fits(page, "/privacy/desk/rights", width)
    for step in ("Opheffen", "Gedaan"):
        box = page.locator("main table").get_by_text(step, exact=True).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width, step
    page.context.close()


def test_an_extensions_reason_has_a_label_a_phone_shows_whole(browser, live_server):
    """Found from outside: the reason of an extension, which is mailed to the person, was
    named only by its placeholder ('Reden (wordt naar de pe…' at 390 px), gone while typing;
    the refusal's reason beside it has a label."""
    officer = factories.account(Role.privacy_officer)
    person = factories.member(factories.organisation())
    asked = run(record_request(Kind.access, person, RequestChannel.phone, officer.account_id))
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900}).new_page()
    log_in(page, live_server, officer.email)
    page.goto(f"{live_server}/privacy/desk")
    row = page.locator(f"#access-{asked}")
    row.locator("summary", has_text="Verlengen").click()
    reason = row.locator("form.extend").get_by_label("Reden (wordt naar de persoon gemaild)")
    expect(reason).to_be_visible()
    label = row.locator("form.extend label").first
    expect(label).to_contain_text("Reden (wordt naar de persoon gemaild)")
    assert cut_off(page, "form.extend *") == []
    page.context.close()
