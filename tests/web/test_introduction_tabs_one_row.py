"""The introductions' tabs ('Voorstellen voor mijn uitdagingen', 'Aanvragen voor mij', 'Mijn
introducties', 'Instellingen voor introducties') took three lines on a 390 px phone, before the
page's heading. They are one row with short labels ('Voorstellen', 'Aanvragen', 'Mijn
introducties', 'Instellingen'; each page's heading still says it in full): where the row is
wider than the phone it scrolls sideways, the open tab in sight, and each tab's focus ring shows
whole when the keyboard reaches it. An introduction card in the browser has one button in the
accent colour. No serious axe-core violation, at 1280 and 390 px."""

from __future__ import annotations

import pytest

from introductions import workflow
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]

PATHS = (
    "/introductions/challenges",
    "/introductions/requests",
    "/introductions",
    "/introductions/settings",
)
LABELS = ["Voorstellen", "Aanvragen", "Mijn introducties", "Instellingen"]

ROW = """() => {
  const nav = document.querySelector('main nav.subnav');
  const box = nav.getBoundingClientRect();
  const tabs = [...nav.querySelectorAll('a')].map(a => {
    const r = a.getBoundingClientRect();
    return {text: a.textContent.trim(), top: Math.round(r.top), left: r.left, right: r.right,
            current: a.getAttribute('aria-current') === 'page'};
  });
  return {tabs, left: box.left + nav.clientLeft, right: box.left + nav.clientLeft + nav.clientWidth,
          page: document.documentElement.scrollWidth};
}"""

# The focused tab's ring (3 px wide, 2 px away: kring.css) and whether the row clips any of it:
# a row that scrolls clips what lies outside its padding box.
RING = """() => {
  const a = document.activeElement, nav = a.closest('nav.subnav');
  if (!nav) return null;
  const style = getComputedStyle(a);
  const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const r = a.getBoundingClientRect(), box = nav.getBoundingClientRect();
  const inner = {left: box.left + nav.clientLeft, top: box.top + nav.clientTop};
  inner.right = inner.left + nav.clientWidth; inner.bottom = inner.top + nav.clientHeight;
  return {text: a.textContent.trim(), outline: style.outlineStyle,
          whole: r.left - reach >= inner.left - 0.5 && r.right + reach <= inner.right + 0.5
                 && r.top - reach >= inner.top - 0.5 && r.bottom + reach <= inner.bottom + 0.5};
}"""

ACCENT = "rgb(11, 110, 79)"
COLOURED = f"""(card) => [...document.querySelectorAll(card + ' :is(button, summary, a.button)')]
  .filter(e => e.checkVisibility() && getComputedStyle(e).backgroundColor === '{ACCENT}')
  .map(e => e.textContent.trim())"""


def _serious(page) -> list[str]:
    return [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_introductions_tabs_are_one_row_with_the_open_tab_in_sight(browser, live_server, width):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, intro))
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    for path in PATHS:
        page.goto(f"{live_server}{path}")
        row = page.evaluate(ROW)
        assert [tab["text"] for tab in row["tabs"]] == LABELS, path
        assert len({tab["top"] for tab in row["tabs"]}) == 1, (path, row["tabs"])
        assert row["page"] <= width, path
        [current] = [tab for tab in row["tabs"] if tab["current"]]
        assert row["left"] - 0.5 <= current["left"] and current["right"] <= row["right"] + 0.5, (
            path,
            row,
        )
        assert _serious(page) == [], path
    assert page.evaluate(COLOURED, f"#intro-{intro}") == []  # settings: no card
    page.goto(f"{live_server}/introductions")
    assert page.evaluate(COLOURED, f"#intro-{intro}") == ["We hebben elkaar ontmoet"]

    page.locator("main nav.subnav a").first.focus()
    page.keyboard.press("Shift+Tab")
    rings = []
    for _ in LABELS:
        page.keyboard.press("Tab")
        rings.append(page.evaluate(RING))
    assert [ring["text"] for ring in rings] == LABELS
    assert all(ring["outline"] == "solid" and ring["whole"] for ring in rings), rings
    context.close()
