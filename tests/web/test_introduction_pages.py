"""Introductions in a real browser: ask, answer, meet, give feedback, decline, block, pause."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from introductions import workflow
from kring.tables import Member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def _second_page(browser):
    return browser.new_context(locale="nl-BE").new_page()


def _name(member_id):
    row = run(
        Member.select(Member.first_name, Member.last_name).where(Member.id == member_id).first()
    )
    return f"{row['first_name']} {row['last_name']}"


def test_ask_accept_and_give_feedback(page, browser, live_server):
    s = scene(experts=3)
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/introductions/challenges")
    proposals = page.locator("article.proposal")
    expect(proposals).to_have_count(3)
    expect(proposals.first).to_contain_text("Expert bij een bedrijf")
    proposal_id = int(proposals.first.get_attribute("data-proposal-id"))
    proposals.first.locator("button", has_text="Vraag een introductie").click()
    asked = page.locator(f"article.introduction[data-introduction-id='{proposal_id}']")
    expect(asked).to_contain_text("gevraagd")
    expect(asked.locator("dl.contact")).to_have_count(0)
    expect(page.locator("article.proposal")).to_have_count(2)
    expert_id = s.expert_of(proposal_id)

    expert_page = _second_page(browser)
    log_in(expert_page, live_server, s.expert_logins[expert_id].email)
    expert_page.goto(f"{live_server}/introductions/requests")
    request = expert_page.locator(f"article.introduction[data-introduction-id='{proposal_id}']")
    expect(request).to_contain_text("Wie helpt ons met ISO 9001")
    expect(request).to_contain_text("Gevraagd door een lid van een bedrijf")
    expect(request).not_to_contain_text(_name(s.owner.member_id))
    request.locator("form.accept button").click()
    expect(expert_page).to_have_url(f"{live_server}/introductions#intro-{proposal_id}")
    card = expert_page.locator(f"article.introduction[data-introduction-id='{proposal_id}']")
    expect(card.locator(".contact-name")).to_have_text(_name(s.owner.member_id))
    expect(card.locator("form.feedback")).to_have_count(0)  # not before they could have met
    card.locator("form.complete button", has_text="We hebben elkaar ontmoet").click()
    card.locator("select[name=outcome]").select_option("useful")
    card.locator("form.feedback button").click()
    expect(card.locator(".feedback-given")).to_have_text("Jouw feedback: nuttig")
    expect(card.locator(".state")).to_have_text("(afgerond)")

    page.goto(f"{live_server}/introductions")
    mine = page.locator(f"article.introduction[data-introduction-id='{proposal_id}']")
    expect(mine.locator(".contact-name")).to_have_text(_name(expert_id))
    expect(mine.locator("form.feedback")).to_have_count(1)
    expect(mine.locator(".feedback-given")).to_have_count(0)
    expert_page.context.close()


def test_decline_with_a_private_reason_block_unblock_and_pause(page, browser, live_server):
    s = scene(experts=1)
    [proposal] = s.proposals()
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/my/challenges/{s.owner.challenge_id}/proposals")
    page.locator("article.proposal button").click()
    expect(page.locator("article.introduction")).to_contain_text("gevraagd")

    expert_page = _second_page(browser)
    log_in(expert_page, live_server, s.expert_logins[s.experts[0]].email)
    expert_page.goto(f"{live_server}/introductions/requests")
    request = expert_page.locator(f"article.introduction[data-introduction-id='{proposal['id']}']")
    request.locator("details.decline summary").click()  # declining asks first
    request.locator("textarea[name=reason]").fill("Geen tijd dit kwartaal")
    request.locator("input[name=block]").check()
    request.locator("details.decline button[type=submit]").click()
    expert_page.goto(f"{live_server}/introductions")
    expect(expert_page.locator("article.introduction")).to_contain_text(
        "Jouw persoonlijke reden: Geen tijd"
    )

    page.goto(f"{live_server}/introductions")
    expect(page.locator("article.introduction")).to_contain_text("geweigerd")
    expect(page.locator("article.introduction")).not_to_contain_text("Geen tijd")

    expert_page.goto(f"{live_server}/introductions/settings")
    blocked = expert_page.locator("li.block-entry")
    expect(blocked).to_contain_text("Een lid van een bedrijf")
    expect(blocked).not_to_contain_text(_name(s.owner.member_id))
    blocked.locator("button", has_text="Deblokkeren").click()
    expect(expert_page.locator("li.block-entry")).to_have_count(0)
    expert_page.locator("button", has_text="Introducties pauzeren").click()
    expect(expert_page.locator(".pause-state")).to_contain_text("Je staat op pauze")
    expert_page.locator("button", has_text="Introducties weer ontvangen").click()
    expect(expert_page.locator(".pause-state")).to_contain_text("Je kunt voorgesteld worden")
    expert_page.context.close()


def test_another_members_proposals_page_is_not_found(page, live_server):
    s = scene(experts=1)
    other = scene(experts=0)
    log_in(page, live_server, other.owner_login.email)
    answer = page.goto(f"{live_server}/my/challenges/{s.owner.challenge_id}/proposals")
    assert answer.status == 404


def _skipped_heading_levels(page) -> list[str]:
    """axe-core's heading-order on the page: "moderate", so the crawl's check of serious
    violations alone would not see it."""
    only = {"runOnly": {"type": "rule", "values": ["heading-order"]}}
    found = Axe().run(page, options=only).response["violations"]
    return [node["html"] for violation in found for node in violation["nodes"]]


def test_proposals_pages_skip_no_heading_level_and_name_each_ask_button(page, live_server):
    """With a request made, both proposals pages show "Already asked" and its card one level
    below their own heading; each "ask" button says which expert it asks for (never the
    expert's name, shared only after both said yes)."""
    s = scene(experts=3)
    log_in(page, live_server, s.owner_login.email)
    one_challenge = f"{live_server}/my/challenges/{s.owner.challenge_id}/proposals"
    page.goto(one_challenge)
    page.locator("article.proposal button").first.click()
    expect(page.locator("article.introduction")).to_have_count(1)
    for url, levels in (
        (one_challenge, ["H1", "H2", "H3"]),
        (f"{live_server}/introductions/challenges", ["H1", "H2", "H3", "H4"]),
    ):
        page.goto(url)
        shown = page.eval_on_selector_all(
            "main :is(h1, h2, h3, h4)", "hs => hs.map(h => h.tagName)"
        )
        assert shown == levels, url
        expect(page.get_by_role("heading", name="Al gevraagd")).to_have_count(1)
        assert _skipped_heading_levels(page) == [], url
    buttons = page.locator("article.proposal button")
    expect(buttons).to_have_count(2)
    names = [buttons.nth(i).aria_snapshot() for i in range(2)]
    assert len(set(names)) == 2, names
    for number, name in enumerate(names, start=1):
        assert f"Vraag een introductie bij expert {number} van 2, bij een bedrijf" in name
        assert "expertise:" in name
    for expert_id in s.experts:
        assert not any(_name(expert_id) in name for name in names)


def _serious(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [v["id"] for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_an_owner_who_does_not_share_their_name_sees_why_and_the_way_back(
    browser, live_server, width, tmp_path
):
    """The notice on the proposals page and the home, its link to the opt-out itself, and the
    withdraw step saying what follows, readable at a desktop's and a phone's width."""
    s = scene(experts=3)
    first = s.proposals()[0]
    run(workflow.request_introduction(s.owner_principal, first["id"]))
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, s.owner_login.email)
    proposals = f"{live_server}/my/challenges/{s.owner.challenge_id}/proposals"
    page.goto(proposals)
    withdraw = page.locator("details.withdraw")
    withdraw.locator("summary").click()
    expect(withdraw).to_contain_text("niet opnieuw voorgesteld voor deze uitdaging")
    expect(withdraw).to_contain_text("180 dagen")
    page.screenshot(path=tmp_path / f"withdraw-{width}.png", full_page=True)
    run(set_opt_out(s.owner.member_id, OptOut.sharing, True, Channel.web, None))
    page.goto(proposals)
    notice = page.locator("p.not-sharing")
    expect(notice).to_contain_text("je naam niet te delen voor introducties")
    expect(page.locator("article.proposal")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _serious(page) == []
    page.screenshot(path=tmp_path / f"not-sharing-{width}.png", full_page=True)
    page.goto(f"{live_server}/")
    expect(page.locator("#best-proposals p.not-sharing")).to_have_count(1)
    page.screenshot(path=tmp_path / f"home-{width}.png", full_page=True)
    page.locator("#best-proposals p.not-sharing a").click()
    expect(page).to_have_url(f"{live_server}/privacy#opt-outs")
    expect(page.locator("#opt-outs input[name=sharing]")).to_be_checked()
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_challenge_waiting_for_a_round_that_does_not_run_says_so_plainly(
    browser, live_server, width, tmp_path
):
    """No worker nor `kring serve` started a round: the member hears that matching stopped and
    whom to tell, not the name of a command they cannot run, in a notice that does not look like
    a success; an organiser looking at it is told the command. Fits 390 px, no serious axe
    violation."""
    from tests.matching_db.network import challenge

    s = scene(experts=3)
    fresh = challenge(s.owner.member_id)
    page = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/my/challenges/{fresh}/proposals")
    notice = page.locator("p.not-running")
    expect(notice).to_contain_text("Je uitdaging is bewaard")
    expect(notice).not_to_contain_text("worker")
    assert "attention" in notice.get_attribute("class")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _serious(page) == []
    page.screenshot(path=tmp_path / f"not-running-{width}.png", full_page=True)
    page.context.close()
