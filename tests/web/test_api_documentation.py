"""The API documentation pages work without the internet: Swagger UI and Redoc come from the
app's own copies, and nothing is fetched from another site.

Swagger UI (5.35) draws a list of 150 or more rows (tags plus operations) virtualised: only the
rows in view are in the page. The swagger-ui case therefore opens the members section through a
deep link (`deepLinking` is on) and waits for its operations to be drawn."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import same_on_every_database
from tests.web.helpers import RENDERED_WITHIN_MS, only_our_origin

pytestmark = [pytest.mark.browser, same_on_every_database]


@pytest.mark.parametrize(
    ("path", "title"),
    [("/schema#/members", ".swagger-ui .info .title"), ("/schema/redoc", "h1")],
    ids=["swagger-ui", "redoc"],
)
def test_the_documentation_renders_from_our_own_origin(browser, live_server, path, title):
    context = browser.new_context()
    elsewhere = only_our_origin(context, live_server)
    page = context.new_page()
    # A load the page's policy blocks never reaches the route above, but it still fails.
    page.on("requestfailed", lambda request: elsewhere.append(request.url))
    try:
        page.goto(live_server + path, wait_until="networkidle")
        heading = page.locator(title).first
        heading.wait_for(timeout=RENDERED_WITHIN_MS)
        assert "Kring API" in heading.inner_text()
        # drawn, not only embedded: inner text leaves out the spec in the inline script
        expect(page.locator("body")).to_contain_text("/api/members", use_inner_text=True)
        assert elsewhere == []
    finally:
        context.close()


OUTSIDE_LOAD = re.compile(rb"""\b(?:src|href|url)\s*[:=(]\s*["']?(?:https?:)?//""")
"""An address the page or its scripts would load: `src="https://…"`, `src:"https://…"`,
`url(//…)`. A link the reader may follow (`href:"https://redocly.com/…"` in Redoc's sidebar)
is built as `n.createElement("a", {…, href:…})`; only the page's own `<link href>` loads."""


@pytest.mark.parametrize("path", ["/schema", "/schema/redoc"])
def test_the_documentation_and_its_scripts_name_no_outside_address_to_load(live_server, path):
    """Found from outside: Redoc's sidebar loaded its logo from cdn.redoc.ly on every visit."""
    page = httpx.get(live_server + path)
    assert page.status_code == 200
    scripts = re.findall(rb"<script[^>]+src=['\"]([^'\"]+)", page.content)
    assert scripts and all(src.startswith(b"/") and not src.startswith(b"//") for src in scripts)
    assert OUTSIDE_LOAD.findall(re.sub(rb"<a [^>]*>", b"", page.content)) == []
    for src in scripts:
        script = httpx.get(live_server + src.decode())
        assert script.status_code == 200, src
        assert b"cdn.redoc.ly" not in script.content, src
        assert re.findall(rb"""\bsrc\s*:\s*["']https?://""", script.content) == [], src
