"""An award edition's page at 390 px, as the organiser and the admin see it: each criterion was
a labelled block per cell (193 px a criterion, nine criteria four screens long) and each
candidacy six (342 px). They are the other lists' short blocks now: the criterion's name in bold
with its weight beside it and its description under them; a candidacy's title in bold with its
state as a badge, then each other fact after its label on a line of its own. At 1280 px both
stay tables with their column heads."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, submitted_candidacy
from tests.conftest import run
from tests.web.helpers import axe_violations, cut_off, log_in

pytestmark = [pytest.mark.browser]

CRITERIA = (
    ("Leiderschap", "Hoe de leiding visie en waarden uitdraagt en het voorbeeld geeft.", 10),
    ("Partnerschappen en middelen", "Hoe partners, geld, gebouwen en kennis beheerd worden.", 10),
    ("Kernresultaten", "De financiële en operationele resultaten die de strategie beoogt.", 15),
)

SERIOUS = ("serious", "critical")

HEIGHTS = """(id) => [...document.querySelectorAll('#' + id + ' tbody tr')]
  .map(r => Math.round(r.getBoundingClientRect().height))"""


def test_an_editions_criteria_and_candidacies_are_short_blocks_on_a_phone(
    browser, live_server, tmp_path
):
    boss = organiser()
    award = edition(boss, name="Kring Excellence Award", criteria=CRITERIA)
    for title, (first, last) in (
        ("Meten wat telt voor onze burgers", ("Koen", "Lemmens")),
        ("Klachten als bron van verbetering", ("Kevin", "Dubois")),
    ):
        who = candidate()  # names of their own: the factory's grow with the test process
        run(
            Member.update({Member.first_name: first, Member.last_name: last}).where(
                Member.id == who.member_id
            )
        )
        submitted_candidacy(who, award, title=title)
    admin = factories.account(Role.admin)
    for email in (boss.email, admin.email):
        for width in (390, 1280):
            context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
            page = context.new_page()
            log_in(page, live_server, email)
            page.goto(f"{live_server}/awards/editions/{award.id}")
            page.screenshot(path=tmp_path / f"edition-{email}-{width}.png", full_page=True)
            criteria, candidacies = (page.evaluate(HEIGHTS, i) for i in ("criteria", "candidacies"))
            assert len(criteria) == 3 and len(candidacies) == 2, (criteria, candidacies)
            heads = page.locator("#criteria thead").evaluate("e => getComputedStyle(e).position")
            assert (heads == "absolute") == (width == 390)  # kept for screen readers only
            assert cut_off(page, "main :is(td, th, a, span)") == []
            if width == 390:
                # 193 and 342 px before: at most four lines a criterion (a long name wraps
                # beside its weight, the description under it), a candidacy its title and
                # state, then four facts.
                assert max(criteria) <= 120, (email, criteria)
                assert max(candidacies) <= 190, (email, candidacies)
                weight = page.locator("#criteria tbody tr").first.locator("td").nth(1)
                assert weight.inner_text() == "10"
                assert "Gewicht: " in weight.evaluate(
                    "e => getComputedStyle(e, '::before').content"
                )
            serious = [v["id"] for v in axe_violations(page) if v["impact"] in SERIOUS]
            assert serious == [], (email, width, serious)
            context.close()
