"""A link that stands alone, not in running text ('Terug naar de evenementen', 'Alle evenementen'
in a home panel, a sub-menu, a pager, a name in the member directory, a fact's e-mail address, an
item's title, the brand), was 19 to 26 px high: under the 44 px a thumb needs on a phone, where
buttons already have them (tests/web/test_phone_tap_targets.py), and under WCAG 2.5.8's 24 px
on a desktop. Such links are now at least 44 px high at 390 px and 24 px at 1280 px. A link in
a sentence keeps the sentence's lines (WCAG's exception for inline targets)."""

from __future__ import annotations

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene
from tests.library.helpers import item
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]

# A link stands alone when nothing of a sentence stands beside it: its siblings are blocks
# (a heading, a list), other links or a separator ('·'), or it is an item of a row or a grid (a
# menu, a row of actions). One with words or inline elements beside it is running text.
TOO_LOW = """(least) => [...document.querySelectorAll('a')]
  .filter(a => a.checkVisibility() && !a.closest('.visually-hidden, .skip-link'))
  .filter(a => {
    const parent = a.parentElement;
    const shown = getComputedStyle(parent).display;
    if (shown.includes('flex') || shown.includes('grid')) return true;
    return [...parent.childNodes].filter(n => n !== a).every(n =>
      n.nodeType === Node.TEXT_NODE ? /^[\\s·|]*$/.test(n.textContent)
      : n.nodeType !== Node.ELEMENT_NODE || n.tagName === 'A' || n.tagName === 'BR'
        || !getComputedStyle(n).display.startsWith('inline') || !n.checkVisibility());
  })
  .map(a => [a.textContent.trim().slice(0, 30), Math.round(a.getBoundingClientRect().height)])
  .filter(([, height]) => height < least)"""

IN_A_SENTENCE = """() => [...document.querySelectorAll('main p:not(.links) > a')]
  .filter(a => a.parentElement.textContent.trim() !== a.textContent.trim())
  .flatMap(a => [...a.getClientRects()].map(line => Math.round(line.height)))"""


@pytest.mark.parametrize(("width", "least"), [(390, 44), (1280, 24)])
def test_a_link_that_stands_alone_is_tall_enough_to_tap(browser, live_server, width, least):
    s = scene(experts=2)
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    run(register(event_id, s.owner.member_id))
    item_id = item(organiser, tags=["iso 9001", "audit"], language="nl", kind="guide")
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, s.owner_login.email)
    low = {}
    for path in (
        "/",
        "/introductions/challenges",
        "/members",
        "/organisations",
        "/events",
        f"/events/{event_id}",
        "/my/challenges",
        "/library",
        f"/library/{item_id}",
        "/privacy",
    ):
        page.goto(f"{live_server}{path}")
        if width == 390:
            page.click("details.phone-menu > summary")
        if found := page.evaluate(TOO_LOW, least):
            low[path] = found
    context.close()
    assert low == {}


def test_a_link_in_a_sentence_keeps_the_sentences_lines(browser, live_server):
    member = factories.account(Role.member)
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/introductions")
    heights = page.evaluate(IN_A_SENTENCE)
    context.close()
    assert heights, "'No introductions yet' says what to do in a sentence with a link"
    assert max(heights) < 30, heights


MEMBER_LINKS = """() => [...document.querySelectorAll('#organisation-members a')]
  .map(a => Math.round(a.getBoundingClientRect().height))"""


@pytest.mark.parametrize(("width", "least"), [(390, 44), (1280, 24)])
def test_the_names_on_an_organisations_page_are_tall_enough_to_tap(
    browser, live_server, width, least
):
    """Its list of members: each name (a job title beside it, so the walk above reads it as a
    sentence) was a link of 24 px on a phone, where the rest are 44."""
    organisation_id = factories.organisation()
    factories.member(organisation_id)
    factories.member(organisation_id, job_title="")
    viewer = factories.account(Role.member, factories.member(organisation_id))
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, viewer.email)
    page.goto(f"{live_server}/organisations/{organisation_id}")
    heights = page.evaluate(MEMBER_LINKS)
    shown = page.inner_text("#organisation-members")
    context.close()
    assert len(heights) == 3 and min(heights) >= least, heights
    assert "—" not in shown, "a member without a job title has no dangling dash"


PANEL_LINKS = """() => [...document.querySelectorAll('main .panels a')]
  .filter(a => a.checkVisibility())
  .map(a => [a.textContent.trim().slice(0, 30), Math.round(a.getBoundingClientRect().height)])"""


def test_every_link_in_the_home_panels_is_a_thumbs_height_on_a_phone(browser, live_server):
    """The home page's panels: an event's title in 'Mijn komende evenementen' and in the
    organisers' seats, the link after 'Niemand wacht op je antwoord' and the like stood in a
    line of text, 19 px high on a phone (the walk above counts them as running text). Each is
    a target of its own there, 44 px high; a laptop's panels keep their lines."""
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = event(organiser, title="Lerend netwerk ISO 45001")
    run(register(event_id, member.member_id))
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    found = {}
    for login in (member, organiser):
        context.clear_cookies()
        log_in(page, live_server, login.email)
        found[login.email] = page.evaluate(PANEL_LINKS)
    page.set_viewport_size({"width": 1280, "height": 900})
    on_a_laptop = page.evaluate(PANEL_LINKS)
    context.close()
    assert all(found.values()), found
    low = {who: [link for link in links if link[1] < 44] for who, links in found.items()}
    assert low == {member.email: [], organiser.email: []}, found
    assert max(height for _text, height in on_a_laptop) < 30, on_a_laptop
