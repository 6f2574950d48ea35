import re

import pytest
from playwright.sync_api import expect

from kring.choices import MemberStatus, Role
from kring.tables import Member
from privacy.requests import record_request
from privacy.tables import AccessRequest, AuditEntry
from tests import factories
from tests.conftest import run
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_member_sets_opt_outs_consents_and_asks_for_erasure(page, live_server):
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/privacy")
    expect(page.locator("h1")).to_have_text("Mijn gegevens en privacy")
    page.check("#opt-outs input[name=listing]")
    page.click("#choices button[type=submit]")
    expect(page.locator("#opt-outs input[name=listing]")).to_be_checked()
    # The history reads as sentences in the member's language, never keys or ISO timestamps.
    listing = page.locator("#history tbody tr", has_text="Mij nooit op deelnemerslijsten vermelden")
    expect(listing).to_have_count(1)
    expect(listing).to_contain_text("aangezet")
    expect(page.locator("#history")).not_to_contain_text("listing")
    expect(page.locator("#history")).not_to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    # Every member login is created with the adulthood confirmation; it shows in the history.
    expect(
        page.locator("#history tbody tr", has_text="Je bevestigde dat je meerderjarig bent")
    ).to_have_count(1)
    # Found from outside: an opt-out ticked above and a consent below, saved with the lower of
    # two buttons, lost the opt-out while the page said the choices were saved. One form now.
    page.check("#opt-outs input[name=mailings]")
    page.check("#consents input[name=private_contact]")
    expect(page.locator("#choices button[type=submit]")).to_have_count(1)
    page.click("#choices button[type=submit]")
    expect(page.locator("#consents input[name=private_contact]")).to_be_checked()
    expect(page.locator("#opt-outs input[name=mailings]")).to_be_checked()
    # One history, newest first: the consent just given above the earlier opt-out and the
    # adulthood confirmation (found from outside: opt-outs came first, then every consent).
    expect(page.locator("#history tbody tr").first).to_contain_text("Toestemming gegeven")
    expect(page.locator("p#adult")).to_be_visible()
    member = run(Member.select().where(Member.id == login.member_id).first())
    assert member["opt_out_listing"] is True and member["no_mailings"] is True
    page.goto(f"{live_server}/privacy/my-data")
    page.fill("#confirm input[name=password]", factories.PASSWORD)
    page.click("#confirm button[type=submit]")
    page.click("#ask-my-data button[type=submit]")
    expect(page.locator("#table-member")).to_contain_text(member["email"])
    page.goto(f"{live_server}/privacy")
    page.fill("#erasure input[name=password]", factories.PASSWORD)
    page.click("#erasure button[type=submit]")
    expect(page.locator("#erasure-asked")).to_be_visible()


def test_privacy_officer_answers_access_and_carries_out_erasure(page, live_server):
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation(), last_name="Wisselinck")
    log_in(page, live_server, officer.email)
    page.goto(f"{live_server}/privacy/desk")
    # The officer finds the person by name, accents and case aside, and records from there.
    page.fill("#desk-find-person input[name=q]", "WISSÉLINCK")
    page.click("#desk-find-person button[type=submit]")
    expect(page.locator("#people tbody tr")).to_have_count(1)
    page.click(f"#person-{member_id} a[href^='/privacy/desk?member=']")
    expect(page.locator("#record-request input[name=member_id]")).to_have_value(str(member_id))
    # A checkbox sits on the line of its label, before it (a grid rule for long words once put
    # every checkbox of every form above its label).
    box = page.locator("#record-request input[name=identity_checked]").bounding_box()
    text = page.locator("#record-request label[for=field-identity_checked]").bounding_box()
    assert box["x"] + box["width"] <= text["x"]
    assert text["y"] <= box["y"] + box["height"] / 2 <= text["y"] + text["height"]
    for kind in ("access", "erasure"):
        page.select_option("#record-request select[name=kind]", kind)
        page.fill("#record-request input[name=member_id]", str(member_id))
        page.select_option("#record-request select[name=channel]", "phone")
        page.check("#record-request input[name=identity_checked]")
        page.click("#record-request button[type=submit]")
        expect(page.locator(f"#open-{kind} tbody tr", has_text="Wisselinck")).to_have_count(1)
    page.locator("#open-access a", has_text="Beantwoorden").click()
    expect(page.locator("#table-member")).to_contain_text("Wisselinck")
    # Opening the answer closes nothing; the officer marks it answered, confirmed, once delivered.
    expect(page.locator("#answer-json")).to_be_visible()
    asked = AccessRequest.select(AccessRequest.status).where(AccessRequest.member == member_id)
    assert [r["status"] for r in run(asked)] == ["open"]
    page.click("#mark-answered summary")
    page.click("#mark-answered button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Het inzageverzoek is gemarkeerd als beantwoord.")
    expect(page.locator("#open-access tbody tr", has_text="Wisselinck")).to_have_count(0)
    page.click("#open-erasure details.start summary")
    page.click("#open-erasure details.start button[type=submit]")
    # Two officers: the one who started cannot approve; the second one can.
    expect(page.locator("#open-erasure tbody tr", has_text="Wisselinck")).to_contain_text(
        "Wacht op een tweede privacyverantwoordelijke"
    )
    expect(page.locator("#open-erasure details.approve")).to_have_count(0)
    page.click("details.account-menu summary")
    page.click("details.account-menu form[action='/logout'] button")
    log_in(page, live_server, second.email)
    page.goto(f"{live_server}/privacy/desk")
    page.click("#open-erasure details.approve summary")
    page.click("#open-erasure details.approve button[type=submit]")
    expect(page.locator("#kept")).to_contain_text("Bewijs van wissing")
    member = run(Member.select().where(Member.id == member_id).first())
    assert member["status"] == MemberStatus.erased and member["email"] is None
    page.goto(f"{live_server}/privacy/desk/audit?member={member_id}")
    expect(page.locator("#audit tbody tr")).to_have_count(2)
    actions = {a["action"] for a in run(AuditEntry.select().where(AuditEntry.member == member_id))}
    assert actions == {"exported", "erased"}
    page.goto(f"{live_server}/privacy/desk/register")
    # The apps' declared tables are in the register, by their labels (the keys are in the JSON).
    expect(page.locator("#register")).to_contain_text("Kandidaturen voor de award")
    expect(page.locator("#register")).not_to_contain_text("award_candidacy")


def test_member_confirms_the_password_before_seeing_or_downloading_their_data(page, live_server):
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/privacy")
    page.click("#my-data-link")
    expect(page.locator("h1")).to_have_text("Bevestig met je wachtwoord")
    page.fill("#confirm input[name=password]", "niet mijn wachtwoord")
    page.click("#confirm button[type=submit]")
    expect(page.locator("#confirm-error")).to_be_visible()
    page.fill("#confirm input[name=password]", factories.PASSWORD)
    page.click("#confirm button[type=submit]")
    # Showing the form asks nothing yet; its button records the request and shows the answer.
    expect(page.locator("h1")).to_have_text("Een kopie van mijn gegevens")
    assert run(AccessRequest.count().where(AccessRequest.member == login.member_id)) == 0
    page.click("#ask-my-data button[type=submit]")
    expect(page.locator("#flash")).to_contain_text("Je inzageverzoek is vastgelegd en beantwoord")
    expect(page.locator("#information")).to_contain_text("Gegevensbeschermingsautoriteit")
    expect(page.locator("#complaint")).to_contain_text("Drukpersstraat 35, 1000 Brussel")
    # Within the window the download needs no second confirmation.
    with page.expect_download() as download:
        page.click("#my-data-json")
    assert download.value.suggested_filename == "kring-my-data.json"
    audit = run(AuditEntry.select().where(AuditEntry.member == login.member_id))
    assert [a["action"] for a in audit] == ["exported", "exported"]


def test_a_member_cannot_open_the_desk(page, live_server):
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    answer = page.goto(f"{live_server}/privacy/desk")
    assert answer.status == 403


_SCROLLS = """() => ({page: document.documentElement.scrollWidth - innerWidth,
  region: [...document.querySelectorAll('.scroll-x')].filter(r => r.contains(
    document.getElementById('people'))).map(r => r.scrollWidth - r.clientWidth)[0]})"""


def test_the_person_search_fits_a_laptop_and_a_phone(browser, live_server):
    """Long addresses break, and so does an organisation's compound longer than its column
    ("Organisatieontwikkeling"), instead of widening the result table: at 1280 px neither
    the page nor the table scrolls sideways; at 390 px each person is a short block
    (tests/web/test_privacy_desk_phone.py), so neither scrolls there either (the table used to
    scroll inside its region, the address cut in the middle)."""
    officer = factories.account(Role.privacy_officer)
    organisation = factories.organisation(
        "Woonzorgcentrum Sint-Vincentius voor Organisatieontwikkelingsbegeleiding",
        "woonzorgcentrum-vincentius.be",
    )
    # the second address has a piece longer than any column: it breaks anywhere
    for first, domain in (
        ("Jan-Pieter", "woonzorgcentrum-vincentius.be"),
        ("Marie-Christine", "woonzorgcentrumsintvincentiusdeinzeenomstrekenvzw.be"),
    ):
        member_id = factories.member(
            organisation,
            first_name=first,
            last_name="Vandenbroucke-Verhaeghe",
            email=f"{first.lower()}.vandenbroucke-verhaeghe@{domain}",
        )
        run(record_request("access", member_id, "email", None))
        run(record_request("erasure", member_id, "phone", None))
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        log_in(page, live_server, officer.email)
        page.goto(f"{live_server}/privacy/desk/people?q=vandenbroucke")
        expect(page.locator("#people tbody tr")).to_have_count(2)
        assert page.evaluate(_SCROLLS) == {"page": 0, "region": 0}
        page.set_viewport_size({"width": 390, "height": 844})
        at_phone = page.evaluate(_SCROLLS)
        assert at_phone == {"page": 0, "region": 0}
        # the address reads whole to a screen reader and a copy: the breaks add no character
        cell = page.locator("#people tbody tr").first.locator("td.email")
        expect(cell).to_contain_text("@woonzorgcentrum-vincentius.be")
    finally:
        context.close()
