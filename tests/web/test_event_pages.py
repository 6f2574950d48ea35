import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_member_registers_hides_and_cancels_and_the_waitlist_gets_an_offer(page, live_server):
    organiser = factories.account(Role.organiser)
    event_id = event(
        organiser, capacity=1, title="Bedrijfsbezoek Gent", list_visibility="participants"
    )
    waiting = factories.member(factories.organisation(), last_name="Wachtend")
    login = factories.account(Role.member)
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/events")
    page.click("text=Bedrijfsbezoek Gent")
    page.click("#my-registration button:has-text('Inschrijven')")
    expect(page.locator("#my-registration .status")).to_contain_text("bevestigd")
    run(register(event_id, member_id=waiting))
    page.click(f"a[href='/events/{event_id}/participants']")
    expect(page.locator("#participants tbody tr")).to_have_count(1)
    page.goto(f"{live_server}/events/{event_id}")
    page.click("button:has-text('Verberg mij op de deelnemerslijst')")
    page.goto(f"{live_server}/events/{event_id}/participants")
    expect(page.locator("#participants")).to_contain_text("Geen deelnemers om te tonen.")
    page.goto(f"{live_server}/events/{event_id}")
    page.click("#cancel-registration summary:has-text('Mijn inschrijving annuleren')")
    page.click("#cancel-registration button:has-text('Ja, annuleer mijn inschrijving')")
    # The seat went to the one waiting: the event is full, so the button says what happens.
    expect(
        page.locator("#my-registration button:has-text('Op de wachtlijst zetten')")
    ).to_be_visible()
    expect(page.locator("#seats")).to_contain_text("1 / 1")


def test_organiser_creates_an_event_and_checks_someone_in(page, live_server):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation(), first_name="Inès", last_name="Aanwezig")
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/new")
    page.fill("input[name=title]", "Lerend netwerk energie")
    page.fill("input[name=starts_at]", "2031-03-03T18:00")
    page.fill("input[name=ends_at]", "2031-03-03T17:00")
    page.fill("input[name=capacity]", "12")
    page.click("form.grid button[type=submit]")
    # Refused: the Dutch message sits at the field it names, the field says it is invalid and
    # points at the message, the summary links to it, and what was typed is still there.
    ends = page.locator("#field-ends_at")
    expect(ends).to_have_attribute("aria-invalid", "true")
    expect(ends).to_have_attribute("aria-describedby", "field-ends_at-format field-ends_at-error")
    expect(page.locator("#field-ends_at-error")).to_have_text("Fout: Moet na ‘Begin’ liggen")
    expect(page.locator("#field-starts_at")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#error-summary a[href='#field-ends_at']")).to_have_text(
        "Einde: moet na ‘Begin’ liggen"
    )
    expect(page.locator("input[name=title]")).to_have_value("Lerend netwerk energie")
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []
    page.fill("input[name=ends_at]", "2031-03-03T21:00")
    page.click("form.grid button[type=submit]")
    expect(page.locator("h1")).to_have_text("Lerend netwerk energie")
    event_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    run(register(event_id, member_id=member_id))
    page.click(f"a[href='/events/{event_id}/registrations']")
    expect(page.locator("#check-in-later")).to_contain_text("Inchecken kan vanaf")  # 2031
    # Before check-in opens no attendance buttons: only "hide from the list" and the
    # (folded) question to cancel the registration.
    expect(page.locator("#registrations form[action$='/attendance']")).to_have_count(0)
    expect(page.locator("#registrations form[action$='/hidden'] button")).to_have_count(1)
    expect(page.locator("#registrations form[action$='/cancel'] button")).to_be_hidden()
    doors_open(event_id)
    # At the door, on a phone: the answer to a scan names the person and is on the screen
    # (the page went to the field, below the message, so 'Ingecheckt.' was out of sight).
    page.set_viewport_size({"width": 390, "height": 700})
    page.reload()
    page.fill("#check-in input[name=code]", str(member_id))
    page.click("#check-in button[type=submit]")
    expect(page.locator("#flash")).to_have_text("Ingecheckt: Inès Aanwezig.")
    expect(page.locator("#flash")).to_be_in_viewport()
    page.set_viewport_size({"width": 1280, "height": 720})
    row = page.locator("#registrations tr", has_text="Aanwezig")
    row.locator("button:has-text('Aanwezig')").click()
    expect(page.locator("#registrations tr", has_text="Aanwezig").locator(".status")).to_have_text(
        "aanwezig"
    )


CHOICES_CUT = """() => {
  const measure = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('form.grid select, form.grid fieldset label')]
    .flatMap(field => {
      const box = field.getBoundingClientRect();
      if (box.right > document.documentElement.clientWidth) return [field.textContent.trim()];
      if (field.tagName !== 'SELECT') return [];
      const style = getComputedStyle(field);
      measure.font = style.font;
      // the room for an option's text: the field less its padding and its arrow
      const room = field.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight) - 20;
      return [...field.options].map(option => option.text)
        .filter(text => measure.measureText(text).width > room);
    });
}"""


def test_the_event_forms_choices_fit_a_phone(browser, live_server):
    """'Vermelding' was a select whose option 'Vermeld tenzij ze nee zeggen (het beleid van het
    netwerk)' was cut off at a phone's edge (a select's text cannot wrap): its two choices are
    round buttons whose words wrap, and every choice of the form shows whole at 390 px."""
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/new")
    cut = page.evaluate(CHOICES_CUT)
    chosen = page.evaluate("document.querySelector('#field-listing input:checked')?.value")
    context.close()
    assert cut == []
    assert chosen == "opt_out"
