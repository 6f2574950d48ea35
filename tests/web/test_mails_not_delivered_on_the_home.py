"""The organisers' lists of mails not delivered (event and introduction mails given up for the
address) on their home: each takes the panels' whole width, so its five columns are read
without scrolling sideways at 1280 px (in a column of its own the table was a phone's width),
nothing is cut off at 1280 and 390 px, its two lists are regions of different names, and
axe-core finds no violation; the member's own home says their address is refused."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from events.tables import EventMail, Registration
from introductions.tables import IntroductionMail, IntroductionState, MailKind
from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from privacy.mail import Refusal
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.events.helpers import event
from tests.matching_db import network
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

CELLS = "main :is(th, td, td a)"


def _not_delivered() -> tuple[factories.Login, factories.Login]:
    """(organiser, member) with a seat confirmation and an introduction request to the
    member refused for good."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, title="Webinar: CSRD voor kmo's en zelfstandigen")
    member_id = factories.member(
        factories.organisation(), first_name="Marie-Christine", last_name="Vandenbroucke"
    )
    member = factories.account(Role.member, member_id=member_id)
    registration = run(
        Registration.insert(
            Registration(event=event_id, member=member_id, registered_at=utc_now())
        ).returning(Registration.id)
    )[0]["id"]
    given_up = {"due_at": utc_now(), "attempts": MAX_ATTEMPTS, "refusal": Refusal.refused}
    run(EventMail.insert(EventMail(registration=registration, kind="registered", **given_up)))
    asker = factories.member(factories.organisation())
    challenge = network.challenge(asker, "Een bruikbaar risicoregister voor de hele keten")
    introduction = network.introduction(challenge, member_id, asker, IntroductionState.requested)
    run(
        IntroductionMail.insert(
            IntroductionMail(
                introduction=introduction, recipient=member_id, kind=MailKind.request, **given_up
            )
        )
    )
    return organiser, member


@pytest.mark.parametrize("width", [390, 1280])
def test_the_organisers_and_the_member_read_which_mails_did_not_arrive(browser, live_server, width):
    organiser, member = _not_delivered()
    for login, panels in (
        (organiser, ("#event-mails-not-delivered", "#introduction-mails-not-delivered")),
        (member, ("#my-event-mails-not-delivered", "#my-introduction-mails-not-delivered")),
    ):
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server, login.email)
        page.goto(live_server + "/")
        for panel in panels:
            assert "weigerde het adres definitief" in page.locator(panel).inner_text(), panel
        assert cut_off(page, CELLS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if login is organiser and width == 1280:
            regions = page.locator(f"{panels[0]} .scroll-x")
            assert regions.evaluate("r => r.scrollWidth <= r.clientWidth")
        assert [v["id"] for v in Axe().run(page).response["violations"]] == []
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_events_desk_lists_its_mails_and_a_guests_address_is_corrected_there(
    browser, live_server, width
):
    """The desk's own list, with the form beside a guest's mail refused for their address:
    nothing cut off when it is open, no sideways scroll of the page, axe clean."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, title="Webinar: CSRD voor kmo's", members_only=False)
    guest = run(
        Registration.insert(
            Registration(
                event=event_id,
                guest_first_name="Marie-Christine",
                guest_last_name="Vandenbroucke",
                guest_email="marie-christine.vandenbroucke@verdwenen-domein.be",
                registered_at=utc_now(),
            )
        ).returning(Registration.id)
    )[0]["id"]
    given_up = {"due_at": utc_now(), "attempts": MAX_ATTEMPTS, "refusal": Refusal.refused}
    run(EventMail.insert(EventMail(registration=guest, kind="registered", **given_up)))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/events/{event_id}/registrations")
    panel = page.locator("#event-mails-not-delivered")
    assert "Marie-Christine Vandenbroucke (gast)" in panel.inner_text()
    panel.get_by_text("Adres van de gast verbeteren").click()
    field = panel.get_by_label("E-mailadres van Marie-Christine Vandenbroucke")
    assert field.is_visible()
    assert cut_off(page, f"{CELLS}, main :is(input, button)") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert [v["id"] for v in Axe().run(page).response["violations"]] == []
    field.fill("marie-christine@gevonden.be")
    panel.get_by_role("button", name="Adres bewaren").click()
    assert "is verbeterd" in page.locator(".flash").inner_text()
    context.close()
