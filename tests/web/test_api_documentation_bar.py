"""The API documentation pages (Redoc at /schema/redoc, Swagger UI at /schema) open with Kring's
bar, whose name leads home, in the reader's language: found by an outside review, a reader who
came to Redoc had no way back to Kring but the browser's. The bar loads nothing, from our own
origin or another (57c57ee made Redoc load nothing from elsewhere)."""

from __future__ import annotations

import re

import pytest

from kring.web.templating import LANGUAGE_COOKIE
from tests.conftest import same_on_every_database
from tests.web.helpers import RENDERED_WITHIN_MS, only_our_origin

BAR = re.compile(r'<header id="kring-docs-bar">(.*?)</header>', re.S)


@pytest.mark.parametrize("path", ["/schema/redoc", "/schema"])
def test_the_documentation_opens_with_a_kring_bar_leading_home(client, path):
    page = client.get(path)
    assert page.status_code == 200
    [bar] = BAR.findall(page.text)
    assert bar == '<a href="/">Kring</a><span>API-documentatie</span>'
    assert '<html lang="nl">' in page.text


def test_the_bar_speaks_the_language_chosen_on_the_device(client):
    client.cookies.set(LANGUAGE_COOKIE, "en")
    [bar] = BAR.findall(client.get("/schema/redoc").text)
    assert bar == '<a href="/">Kring</a><span>API documentation</span>'


def test_redoc_keeps_its_sections_below_the_bar(client):
    page = client.get("/schema/redoc").text
    assert "Redoc.init(" in page and "{scrollYOffset: '#kring-docs-bar'}" in page


@pytest.mark.browser
@same_on_every_database
def test_the_kring_name_on_redoc_leads_home_and_nothing_loads_elsewhere(browser, live_server):
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 800})
    elsewhere = only_our_origin(context, live_server)
    page = context.new_page()
    page.on("requestfailed", lambda request: elsewhere.append(request.url))
    try:
        page.goto(live_server + "/schema/redoc", wait_until="networkidle")
        page.locator("h1").first.wait_for(timeout=RENDERED_WITHIN_MS)
        home = page.locator("#kring-docs-bar a")
        assert home.is_visible() and home.inner_text() == "Kring"
        # The bar stays in view when the reader has scrolled into the reference.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        assert page.locator("#kring-docs-bar").bounding_box()["y"] == 0
        assert elsewhere == []
        home.click()
        page.wait_for_url(re.compile(r"/(login.*)?$"))
        assert page.url.startswith(live_server)
    finally:
        context.close()
