"""A file field on a Dutch page showed chromium's own button and status, in the browser's
language: 'Choose File' and 'No file chosen' (the import, a project's documents, a library item,
a candidacy). It is a button-like label 'Kies een bestand' with the chosen file's name beside it
('Geen bestand gekozen' before), the browser's control hidden from sight but still the one the
keyboard reaches (its focus ring on the label) and a screen reader names."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.importing.helpers import DATA
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]

FIELD = """() => {
  const input = document.querySelector('#field-file');
  const r = input.getBoundingClientRect();
  const pick = document.querySelector('label.file-button[for="field-file"]');
  const p = pick.getBoundingClientRect();
  return {inputWidth: r.width, pick: pick.innerText.trim(), pickHeight: p.height,
          chosen: document.querySelector('#field-file-chosen').innerText.trim(),
          focused: document.activeElement === input,
          ring: getComputedStyle(pick).outlineStyle};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_file_field_reads_dutch_and_names_the_chosen_file(browser, live_server, width):
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/import")
    found = page.evaluate(FIELD)
    assert found["inputWidth"] <= 1, found  # chromium's 'Choose File' is out of sight
    assert found["pick"] == "Kies een bestand", found
    assert found["chosen"] == "Geen bestand gekozen", found
    assert found["pickHeight"] >= (44 if width == 390 else 24), found
    assert page.get_by_label("Bestand").count() == 1  # the field keeps its name
    page.focus("#field-file")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    found = page.evaluate(FIELD)
    assert found["focused"] and found["ring"] == "solid", found  # the keyboard sees where it is
    # Space on the focused field opens chromium's file chooser (its own control's behaviour; a
    # run beside another test process once waited for the chooser in vain, so it is not asked).
    page.set_input_files("#field-file", str(DATA / "crm_export_cp1252.csv"))
    assert page.evaluate(FIELD)["chosen"] == "crm_export_cp1252.csv"
    serious = [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.click("#upload-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Voorbeeld van de import"
    context.close()
