"""A member's lists on a phone (390 px): the events, their projects and their privacy history
were tables that scrolled sideways, with where an event is, how full it is, one's role in a
project and the channel of a choice out of sight. Now each row is a short block: the name, then
each fact after its label. 1280 px keeps the tables. axe-core finds no serious violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from kring.choices import Role
from mailings.compose import create_mailing
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.events.helpers import event, principal
from tests.projects.helpers import team
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


def _fits(page, path: str, width: int) -> None:
    """Nothing of the page's tables is cut off or past the screen, and axe finds nothing serious."""
    assert cut_off(page, "main :is(td, td a, th)") == [], path
    assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == [], path


@pytest.mark.parametrize("width", [390, 1280])
def test_a_members_lists_fit_a_phone(browser, live_server, width, tmp_path):
    organiser, _project_id, lead, _participant = team()
    event(organiser, title="Lerend netwerk ISO 45001 — sessie 3", venue="Oude Brouwerij Mechelen")
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, lead.email)
    for path, shown in (
        ("/events", "Oude Brouwerij Mechelen"),
        ("/projects", "projectleider"),
        ("/privacy", "Geschiedenis"),
    ):
        page.goto(live_server + path)
        assert shown in page.locator("main").inner_text()
        _fits(page, path, width)
        page.screenshot(path=tmp_path / f"{path.strip('/')}-{width}.png", full_page=True)
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_organisers_directory_and_duplicates_fit_a_phone(browser, live_server, width):
    """The directory's organisation column, the duplicates' 'Vergelijken en samenvoegen', the
    organisations' enterprise numbers and the mailings' dates were past a phone's screen, in
    tables that scrolled sideways."""
    organiser = factories.account(Role.organiser)
    org = factories.organisation(name="Stad Sint-Truiden, dienst Organisatieontwikkeling")
    factories.member(org, first_name="Jan", last_name="Janssens", job_title="")
    factories.member(org, first_name="JANSSENS", last_name="Jan", job_title="directeur")
    factories.organisation(name="Agentschap Digitale Dienstverlening", enterprise_number="")
    run(create_mailing(principal(organiser), {"name": "Nieuwsbrief", "subject_nl": "Nieuws"}))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    for path, shown in (
        ("/members", "Stad Sint-Truiden"),
        ("/import/duplicates", "Vergelijken en samenvoegen"),
        ("/organisations", "Agentschap Digitale Dienstverlening"),
        ("/mailings", "Nieuwsbrief"),
    ):
        page.goto(live_server + path)
        assert shown in page.locator("main").inner_text()
        _fits(page, path, width)
    page.context.close()


def test_the_directory_search_fields_say_what_to_type_in_a_label_a_phone_shows_whole(
    browser, live_server
):
    """Their placeholders ('Naam, organisatie of ondernemingsnummer') were the only words
    about what to type: a phone cut them off, and they vanish while typing."""
    organiser = factories.account(Role.organiser)
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    for path, said in (
        ("/members", "Naam, organisatie of ondernemingsnummer"),
        ("/organisations", "Naam of ondernemingsnummer"),
    ):
        page.goto(live_server + path)
        field = page.get_by_label(said, exact=True)
        assert field.get_attribute("name") == "q"
        label = page.locator(f"label[for={field.get_attribute('id')}]")
        box = label.bounding_box()
        assert label.is_visible() and box is not None and box["x"] + box["width"] <= 390
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
    page.context.close()
