"""Clicking the tag `c#` in Chromium lists the items tagged `c#`: it listed those tagged `c++`
and `c` as well, since the three shared the index key "c" (found from outside)."""

import pytest
from playwright.sync_api import expect

from kring.choices import Role
from tests import factories
from tests.library.helpers import item
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser


def test_clicking_the_tag_c_sharp_lists_only_its_items(page, live_server):
    organiser = factories.account(Role.organiser)
    item(organiser, title="Moderne C++", summary="Templates en RAII.", tags=["c++"])
    item(organiser, title="C# voor beginners", summary="Over .NET.", tags=["c#"])
    item(organiser, title="C in het kort", summary="Pointers.", tags=["c"])
    member = factories.account(Role.member)
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/library")
    page.get_by_role("link", name="c#", exact=True).click()
    expect(page.locator("#tag-filter")).to_contain_text("c#")
    titles = page.locator("[data-item] .item-title").all_inner_texts()
    assert [title.strip() for title in titles] == ["C# voor beginners"]
    page.goto(f"{live_server}/library")
    page.get_by_role("link", name="c++", exact=True).click()
    expect(page.locator("#tag-filter")).to_contain_text("c++")
    titles = page.locator("[data-item] .item-title").all_inner_texts()
    assert [title.strip() for title in titles] == ["Moderne C++"]
