"""The award's pages at 390 and 1280 px: nothing is cut off inside a table that scrolls sideways.
An edition like the demo's (nine criteria with Dutch descriptions) in deliberation, with two
jurors who scored and commented and one declared conflict, seen by the organiser, a juror and
the candidate. The criteria, the jury's tables and a juror's list were cut at 390 px (a
criterion's description, the assigned jurors, the weighted means), and the jury's scores of a
dossier (one column per criterion) lost its weighted totals at 1280 px too."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

from awards import jury, scoring
from awards.choices import EditionState
from kring.choices import Role
from tests import factories
from tests.awards.helpers import (
    candidate,
    edition,
    organiser,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import run, same_on_every_database
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

CRITERIA = (
    ("Leiderschap", "Hoe de leiding visie en waarden uitdraagt en het voorbeeld geeft.", 10),
    ("Strategie", "Hoe de organisatie haar strategie uit feiten afleidt.", 10),
    ("Mensen", "Hoe medewerkers betrokken, ontwikkeld en erkend worden.", 10),
    ("Partnerschappen en middelen", "Hoe partners, geld en kennis beheerd worden.", 10),
    ("Processen, producten en diensten", "Hoe processen ontworpen en verbeterd worden.", 10),
    ("Klantresultaten", "Wat klanten ervaren en hoe dat gemeten wordt.", 15),
    ("Medewerkersresultaten", "Wat medewerkers ervaren en hoe dat gemeten wordt.", 10),
    ("Maatschappijresultaten", "Wat de organisatie voor haar omgeving betekent.", 10),
    ("Kernresultaten", "De financiële en operationele resultaten die de strategie beoogt.", 15),
)


def _juror(name: str) -> factories.Login:
    first, last = name.split()
    organisation = factories.organisation(f"{last} Advies", domain=f"{last.lower()}advies.be")
    member_id = factories.member(
        organisation,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}@{last.lower()}advies.be",
    )
    return factories.account(Role.member, member_id=member_id)


@dataclass(frozen=True)
class Scene:
    juror: str
    dossier: str
    pages: dict[str, list[str]]
    """Each login's award pages."""


def _scene() -> Scene:
    boss = organiser()
    award = edition(boss, name="Kring Excellence Award", criteria=CRITERIA)
    who = candidate()
    judged = submitted_candidacy(who, award, title="Klachten als bron van verbetering")
    other = submitted_candidacy(candidate(), award, title="Meten wat telt voor onze burgers")
    set_state(award.id, EditionState.judging)
    jurors = [_juror("Jana Cools"), _juror("Tom Yilmaz")]
    for juror in jurors:
        seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
        run(jury.agree(principal(juror), award.id))
        for candidacy_id in (judged, other):
            run(jury.assign(principal(boss), award.id, seat, candidacy_id))
        entries = [
            scoring.Entry(c, 7, "Sterk onderbouwd met cijfers van drie jaar.")
            for c in award.criterion_ids
        ]
        run(scoring.save_scores(principal(juror), award.id, judged, entries))
    run(
        jury.declare_conflict(
            principal(jurors[1]),
            award.id,
            other,
            "Mijn schoonbroer is er sinds vorig jaar kwaliteitsverantwoordelijke.",
        )
    )
    set_state(award.id, EditionState.deliberation)
    dossier = f"/awards/jury/{award.id}/candidacies/{judged}"
    return Scene(
        juror=jurors[0].email,
        dossier=dossier,
        pages={
            boss.email: [
                "/awards",
                f"/awards/editions/{award.id}",
                f"/awards/editions/{award.id}/jury",
            ],
            jurors[0].email: ["/awards", f"/awards/jury/{award.id}", dossier],
            who.email: ["/awards", f"/awards/candidacies/{judged}"],
        },
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_no_award_page_cuts_anything_off(browser, live_server, width, tmp_path):
    scene = _scene()
    cut: dict[str, list[str]] = {}
    for email, paths in scene.pages.items():
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server, email)
        for path in paths:
            page.goto(f"{live_server}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            if found := cut_off(page, "main :is(button, summary, a, p, td, th, li)"):
                cut[path] = found
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=tmp_path / f"{name}-{width}.png", full_page=True)
        context.close()
    assert cut == {}


def test_a_jurors_dossier_shows_each_jurors_score_beside_its_criterion(browser, live_server):
    """From deliberation on a juror reads the jury's scores and comments where the criterion is,
    and every juror's weighted total, at 390 px without scrolling sideways."""
    scene = _scene()
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, scene.juror)
    page.goto(f"{live_server}{scene.dossier}")
    first = page.locator("section.criterion").first
    shared = first.locator(".jury-scores li")
    assert shared.count() == 2
    assert "Jana Cools (jij)" in shared.nth(0).inner_text()
    assert "Tom Yilmaz" in shared.nth(1).inner_text()
    assert "Sterk onderbouwd" in shared.nth(1).inner_text()
    totals = page.locator("#jury-totals tbody tr")
    assert totals.count() == 2
    assert totals.nth(0).locator("td").nth(1).inner_text() == "7"
    context.close()


def test_the_jury_page_names_each_landmark_once(browser, live_server):
    """axe-core's landmark-unique: each section and the table that scrolls inside it were both
    regions named 'Juryleden', 'Toewijzingen'..., read twice in a screen reader's list."""
    scene = _scene()
    boss = next(email for email, paths in scene.pages.items() if paths[-1].endswith("/jury"))
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, boss)
    page.goto(f"{live_server}{scene.pages[boss][-1]}")
    assert page.locator("#ranking tbody tr").count() == 2
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["id"] == "landmark-unique"] == []
    context.close()


def test_the_ranking_is_a_short_block_per_candidacy_on_a_phone(browser, live_server, tmp_path):
    """Each ranked candidacy was seven labelled blocks at 390 px (396 px a row). Now its title
    and category come first, its figures (the rank first) side by side below; at 1280 px it
    stays a table with its column heads."""
    scene = _scene()
    boss = next(email for email, paths in scene.pages.items() if paths[-1].endswith("/jury"))
    heights = {}
    for width in (390, 1280):
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server, boss)
        page.goto(f"{live_server}{scene.pages[boss][-1]}")
        rows = page.locator("#ranking tbody tr")
        assert rows.count() == 2
        heights[width] = [rows.nth(i).bounding_box()["height"] for i in range(2)]
        heads = page.locator("#ranking thead").evaluate("e => getComputedStyle(e).position")
        assert (heads == "absolute") == (width == 390)  # kept for screen readers only
        page.locator("#results").screenshot(path=tmp_path / f"ranking-{width}.png")
        context.close()
    assert max(heights[390]) <= 180, heights  # 396 px each before, as tall as the screen's half
    # At 1280 px a row is a line of title and a line of organisation (the jury page is wide; in
    # 60rem the title wrapped, 86 px a row).
    assert heights[1280] == [pytest.approx(62, abs=10)] * 2, heights


def test_the_award_lists_are_short_rows_on_a_phone(browser, live_server):
    """The award page's lists (editions open for candidacies, all editions, one's candidacies
    and jury work) were a labelled block per cell at 390 px (about 220 px an edition); now each
    fact follows its label on one line where it fits."""
    _scene()
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser().email)
    page.goto(f"{live_server}/awards")
    rows = page.locator("#all-editions tbody tr")
    assert rows.count() >= 1
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    assert max(heights) <= 120, heights
    assert cut_off(page, "main :is(td, th, a)") == []
    context.close()
