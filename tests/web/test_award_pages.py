"""One journey through the award's pages: a member drafts a candidacy, attaches a file and
submits it; the organiser moves the edition to judging, appoints and assigns a juror; the juror
signs the confidentiality agreement and scores; the organiser sees the ranking."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, pdf_bytes
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("KRING_AWARD_SHOTS")
"""A folder to photograph the jury pages into at 1280 and 390 px (for a person to look at)."""


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_candidacy_from_draft_to_ranking(page, live_server, tmp_path):
    boss = organiser()
    award = edition(boss, name="Kwaliteitsprijs 2026")
    who = candidate()
    member_id = factories.member(factories.organisation(), first_name="Jana", last_name="Jurist")
    juror = factories.account(Role.member, member_id=member_id)

    # The member drafts, attaches a PDF and submits.
    log_in(page, live_server, who.email)
    page.goto(f"{live_server}/awards")
    page.click(f"a[href='/awards/editions/{award.id}/candidacies/new']")
    page.fill("input[name=title]", "Nul fouten in drie jaar")
    page.fill("textarea[name=summary]", "Hoe wij klachten halveerden.")
    page.select_option("select[name=category]", str(award.category_ids[0]))
    for criterion_id in award.criterion_ids:
        page.fill(f"textarea[name=text_{criterion_id}]", f"Onze aanpak {criterion_id}.")
    page.click("form.grid button[type=submit]")
    dossier = tmp_path / "dossier.pdf"
    dossier.write_bytes(pdf_bytes())
    page.set_input_files("#upload input[type=file]", str(dossier))
    page.click("#upload button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    page.click("form[action$='/submit'] button")
    expect(page.locator("#flash")).to_be_visible()

    # The organiser moves the edition to judging, appoints and assigns the juror.
    page.context.clear_cookies()
    log_in(page, live_server, boss.email)
    page.goto(f"{live_server}/awards/editions/{award.id}")
    page.click("#next-state summary")
    page.click("#next-state button[type=submit]")
    # The label is Dutch once the lead merges the catalogue; the stored value until then.
    expect(page.locator("#edition-state")).to_contain_text(re.compile("beoordel|judging"))
    page.click(f"a[href='/awards/editions/{award.id}/jury']")
    page.fill("#field-q", "jana jurist")
    page.click("form.search button")
    page.click("#found-accounts button")
    expect(page.locator("#jurors")).to_contain_text("Jana Jurist")
    page.click("#assign-all")
    expect(page.locator("#assignments")).to_contain_text("Jana Jurist")

    # The juror agrees, reads the dossier and scores.
    page.context.clear_cookies()
    log_in(page, live_server, juror.email)
    page.click(f"#jury-work a[href='/awards/jury/{award.id}']")
    expect(page.locator("#agreement")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Nul fouten")
    _shoot(page, "jury-agreement")
    page.click("#agree")
    page.click("#dossiers a")
    expect(page.locator("#attachments")).to_contain_text("dossier.pdf")
    for criterion_id, score in zip(award.criterion_ids, (8, 6, 9), strict=True):
        page.fill(f"#field-score_{criterion_id}", str(score))
    page.fill(f"#field-comment_{award.criterion_ids[0]}", "Sterk leiderschap.")
    page.click("#scores button[type=submit]")
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator(f"#field-score_{award.criterion_ids[2]}")).to_have_value("9")
    _shoot(page, "jury-dossier")

    # The organiser sees the ranking: (3·8 + 2·6 + 5·9) / 10 = 8,1.
    page.context.clear_cookies()
    log_in(page, live_server, boss.email)
    page.goto(f"{live_server}/awards/editions/{award.id}/jury")
    row = page.locator("#ranking tbody tr").first
    expect(row.locator(".rank")).to_have_text("1")
    expect(row.locator(".mean")).to_have_text("8,1")
    _shoot(page, "jury-edition")
