"""The merge page on a phone (390 px) and a laptop (1280 px): both people and every value of
each are inside the screen, not in a second column cut off by a table that scrolls sideways;
each choice says whose value it is; merging, which cannot be undone, asks first. axe-core finds
no serious violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from kring.choices import Role
from tests import factories
from tests.conftest import same_on_every_database
from tests.web.helpers import cut_off, log_in

pytestmark = [pytest.mark.browser, same_on_every_database]


@pytest.mark.parametrize("width", [390, 1280])
def test_both_people_of_a_merge_are_readable_on_a_phone_and_a_laptop(
    browser, live_server, width, tmp_path
):
    organiser = factories.account(Role.organiser)
    kept = factories.member(
        factories.organisation(name="Revalidatiecentrum De Vijvers"),
        first_name="Koen",
        last_name="Lemmens",
        email="koen.lemmens@devijvers.be",
        address="Zorgpad 25, 8000 Brugge",
    )
    merged = factories.member(
        factories.organisation(name="OCMW Denderstreek"),
        first_name="Koen",
        last_name="Lemmens",
        email="koen.lemmens@ocmw-denderstreek.be",
        address="Administratief Centrum 44, 9500 Geraardsbergen",
    )
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, organiser.email)
    page.goto(f"{live_server}/import/merge?survivor={kept}&loser={merged}")

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert cut_off(page, "#merge-form :is(th, label, summary)") == []
    assert page.locator("#merge-loser").is_visible()
    # Whose value a choice is: in its name, for a screen reader and (on a phone) for the eye.
    address = page.get_by_role("radio", name="Administratief Centrum 44, 9500 Geraardsbergen")
    assert "wordt erin opgenomen" in address.evaluate("e => e.labels[0].textContent")
    page.screenshot(path=tmp_path / f"merge-{width}.png", full_page=True)

    # Merging asks first: the button that merges shows only once the question is open.
    confirm = page.locator("#merge-confirm")
    yes = confirm.locator("button[type=submit]")
    assert not yes.is_visible()
    confirm.locator("summary").click()
    assert yes.is_visible() and "danger" in (yes.get_attribute("class") or "")
    step = confirm.locator(".confirm-step").bounding_box()
    assert step is not None and step["x"] >= 8 and step["x"] + step["width"] <= width - 8
    found = Axe().run(page).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []
    page.screenshot(path=tmp_path / f"merge-confirm-{width}.png", full_page=True)
    page.context.close()
