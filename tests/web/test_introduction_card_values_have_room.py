"""Introduction cards at 1280 px stood three in a row, 280 px each: a card's contact details had
their labels in a column as wide as 'Organisatie' (105 px) and their values squeezed into what
was left (138 px), an e-mail address broken over two lines ('hanne.desmet' / '@nuvexa.be').
The cards of introductions stand two in a row from 1280 px, the values have room; on a phone
they stay one under the other."""

from __future__ import annotations

import pytest

from introductions import workflow
from kring.tables import Member
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal
from tests.web.helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser]

COLUMNS = """(card) => {
  const dl = document.querySelector(card + ' dl.facts');
  const dts = [...dl.querySelectorAll('dt')], dds = [...dl.querySelectorAll('dd')];
  const width = e => e.getBoundingClientRect().width;
  const mail = dl.querySelector('dd a[href^="mailto:"]').getClientRects().length;
  return {label: Math.max(...dts.map(width)), value: Math.min(...dds.map(width)),
          card: width(document.querySelector(card)), mailLines: mail};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_an_introduction_cards_values_have_room(browser, live_server, width):
    s = scene(experts=3)
    accepted = [p["id"] for p in s.proposals()[:3]]
    for intro_id in accepted:
        run(workflow.request_introduction(s.owner_principal, intro_id))
        run(workflow.accept(principal(s.expert_of(intro_id)), intro_id))
    expert = s.expert_of(accepted[0])
    run(Member.update({Member.email: "hanne.desmet@nuvexa.be"}).where(Member.id == expert))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/introductions")
    found = page.evaluate(COLUMNS, f"#intro-{accepted[0]}")
    assert found["mailLines"] == 1, found
    if width == 1280:  # 105 px of labels beside 138 px of values before
        assert found["value"] >= 2 * found["label"], found
        assert found["card"] >= 400, found
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    serious = [v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()
