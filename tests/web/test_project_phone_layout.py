"""A project's page on a phone (390 px): nothing is cut off inside a table that scrolls
sideways. An empty list says so in a paragraph, not in a table row; the rows of milestones and
participants become blocks whose buttons wrap inside the page; the confirmation of making
someone project lead (it can be changed back) is not dressed as a deletion and keeps room
around it. axe-core finds no serious violation there nor at 1280 px."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from projects.access import project_access
from projects.workspace import add_milestone
from tests.conftest import run, same_on_every_database
from tests.events.helpers import principal
from tests.projects.helpers import team
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


def _serious(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [v["id"] for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_projects_page_fits_a_phone_and_a_laptop(browser, live_server, width, tmp_path):
    organiser, project_id, _lead, participant = team()
    access = run(project_access(principal(organiser), project_id))
    run(add_milestone(access, {"title": "Proefaudit in elke organisatie", "due_on": "2026-06-30"}))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/projects/{project_id}")

    assert page.locator("#documents table").count() == 0
    assert page.locator("#documents p.empty").is_visible()
    assert cut_off(page, "main :is(button, summary, a, p, td)") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=tmp_path / f"project-{width}.png", full_page=True)

    # Making someone lead demotes the lead, which can be undone: asked first, not in red.
    confirm = page.locator(f"#lead-{participant.member_id}")
    assert "danger-outline" not in confirm.locator("summary").get_attribute("class")
    confirm.locator("summary").click()
    yes = confirm.locator("button[type=submit]")
    assert "danger" not in (yes.get_attribute("class") or "")
    step = confirm.locator(".confirm-step").bounding_box()
    assert step is not None and step["x"] >= 8 and step["x"] + step["width"] <= width - 8
    assert cut_off(page, "main :is(button, summary, a, p, td)") == []
    assert _serious(page) == []
    page.screenshot(path=tmp_path / f"project-lead-confirm-{width}.png", full_page=True)
    page.context.close()


def test_leaving_a_project_stands_apart_from_the_milestone_form(browser, live_server):
    """'Dit project verlaten' sat against 'Mijlpaal toevoegen', as if it were the form's
    second button."""
    _organiser, project_id, lead, _participant = team()
    page = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900}).new_page()
    log_in(page, live_server, lead.email)
    page.goto(f"{live_server}/projects/{project_id}")
    add = page.locator("#add-milestone button[type=submit]").bounding_box()
    leave = page.locator("#leave summary").bounding_box()
    assert add is not None and leave is not None
    assert leave["y"] - (add["y"] + add["height"]) >= 24
    page.context.close()


def test_participants_on_a_phone_are_short_rows_with_their_role_beside_the_name(
    browser, live_server, tmp_path
):
    """Each cell under its own label made a person 270 px tall: four people filled a phone's
    screen. Now a person is the name with the role beside it, then job title and organisation;
    at 1280 px the list stays a table with its column headings."""
    organiser, project_id, _lead, _participant = team()
    access = run(project_access(principal(organiser), project_id))
    run(add_milestone(access, {"title": "Proefaudit in elke organisatie", "due_on": "2026-06-30"}))
    for width in (390, 1280):
        page = browser.new_context(
            locale="nl-BE", viewport={"width": width, "height": 900}
        ).new_page()
        log_in(page, live_server, organiser.email)
        page.goto(f"{live_server}/projects/{project_id}")
        page.screenshot(path=tmp_path / f"participants-{width}.png", full_page=True)
        for table in ("#participant-list", "#managed-list", "#milestone-list"):
            head = page.locator(f"{table} thead").bounding_box()
            assert head is not None and (head["height"] > 10) == (width == 1280), table
            for row in page.locator(f"{table} tbody tr").all():
                box = row.bounding_box()
                assert box is not None and box["x"] + box["width"] <= width
                if width == 390:
                    # the role (or state) follows the name, before the other facts
                    badge = row.locator(".cell-badge").bounding_box()
                    facts = row.locator(".cell-line").first.bounding_box()
                    assert badge is not None and facts is not None
                    assert badge["y"] + badge["height"] <= facts["y"] + 1, table
                    # a row's buttons take one more line
                    buttons = row.locator("td.row-actions button, td.row-actions summary").count()
                    assert box["height"] <= (170 if buttons else 130), table
        assert cut_off(page, "main :is(button, summary, a, p, td)") == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert _serious(page) == []
        page.context.close()


def test_a_projects_page_names_each_landmark_once(browser, live_server):
    """axe-core's landmark-unique: a section and the table that scrolls inside it were both
    regions named 'Deelnemers', 'Mijlpalen'..., read twice in a screen reader's list."""
    organiser, project_id, _lead, _participant = team()
    access = run(project_access(principal(organiser), project_id))
    run(add_milestone(access, {"title": "Proefaudit in elke organisatie", "due_on": "2026-06-30"}))
    page = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/projects/{project_id}")
    assert page.locator("#milestone-list").count() == 1
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["id"] == "landmark-unique"] == []
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_invite_search_keeps_its_buttons_on_a_phone(browser, live_server, width, tmp_path):
    """Found from outside: on a phone the lead's search results were a wide table whose
    'Uitnodigen' buttons sat past the right edge, to be found only by scrolling it sideways.
    Each member is now a short row with the button inside the page; 1280 px keeps the table."""
    from tests import factories

    _organiser, project_id, lead, _participant = team()
    for first in ("Annelies", "Anneleen"):
        factories.member(
            factories.organisation("Provinciaal Centrum voor Kwaliteitszorg en Bedrijfsadvies"),
            first_name=first,
            last_name="Vandenbroucke-Verstraeten",
            job_title="coördinator kwaliteitszorg en interne audits",
        )
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, lead.email)
    page.goto(f"{live_server}/projects/{project_id}/invite?q=Vandenbroucke")
    page.screenshot(path=tmp_path / f"invite-{width}.png", full_page=True)
    assert page.locator("#candidates tbody tr").count() == 2
    assert cut_off(page, "main :is(button, a, p, td)") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for row in page.locator("#candidates tbody tr").all():
        box = row.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    assert _serious(page) == []
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_unbroken_word_does_not_push_the_buttons_out_of_sight(
    browser, live_server, width, tmp_path
):
    """Found from outside: a project title, a file name or a milestone made of one long word
    (a Dutch compound, a file name without spaces) widened its table past the page at 1280 px:
    state, period, the document's 'Verwijderen' and the milestone's buttons sat in a region
    that had to be scrolled sideways. The word now breaks inside its column."""
    from kring.uploads import check_upload
    from projects.workspace import add_document
    from tests.projects.helpers import PDF, project

    word = "Kwaliteitsmanagementsysteemdocumentatiebeheersprocedure" * 3
    organiser, _, _lead, _participant = team()
    project_id = project(organiser, title=word)
    access = run(project_access(principal(organiser), project_id))
    run(add_milestone(access, {"title": word, "due_on": "2026-06-30"}))
    run(add_document(access, principal(organiser), check_upload(f"{word}.pdf", PDF)))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    for path in ("/projects", f"/projects/{project_id}"):
        page.goto(f"{live_server}{path}")
        page.screenshot(path=tmp_path / f"long-word{path.replace('/', '-')}-{width}.png")
        assert cut_off(page, "main :is(button, summary, a, td)") == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()
