"""What the browser tests share: signing in through the login form, and refusing every request
to another site (recording it, so a test can say none was made)."""

from __future__ import annotations

from typing import Any

from tests import factories


def log_in(page: Any, base: str, email: str, password: str = factories.PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/")


def only_our_origin(context: Any, base: str) -> list[str]:
    """Abort every request of `context` that leaves `base`; the returned list fills with them."""
    elsewhere: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return elsewhere


RENDERED_WITHIN_MS = 45_000
"""How long the API documentation (Redoc, Swagger UI) may take to draw its heading: either lays
out the whole reference in the page's own thread, which took over 15 s under CI's load (a test
that waited 15 s failed at 17 s with the page still drawing)."""

_CUT_OFF = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.checkVisibility())
  .filter(e => !e.closest('thead') || getComputedStyle(e.closest('thead')).position !== 'absolute')
  .filter(e => !e.closest('nav.subnav'))
  .filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width <= 1) return false;
    if (r.right > innerWidth + 1) return true;
    const region = e.closest('.scroll-x');
    return region !== null && r.right > region.getBoundingClientRect().right + 1;
  })
  .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 40))"""


def cut_off(page: Any, selector: str) -> list[str]:
    """The visible elements matching ``selector`` that end past the viewport's right edge or past
    the region that clips them (a table that scrolls sideways), as 'tag: text'. A table's head
    that a phone keeps only for screen readers (``table.stack``) is not seen, so not cut; nor is
    a row of tabs (``nav.subnav``), which scrolls sideways on a phone by design, the open tab in
    view and a shade at the edge (tests/web/test_introduction_tabs_one_row.py)."""
    return page.evaluate(_CUT_OFF, selector)


_AXE_SCRIPT: str | None = None


def axe_violations(page: Any, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now. Its 570 kB script goes into a page once,
    not before every run: the walks audit each page twice (1280 px and 390 px), and sending and
    compiling the script took a fifth of their time."""
    global _AXE_SCRIPT
    if page.evaluate("typeof window.axe === 'undefined'"):
        if _AXE_SCRIPT is None:
            from axe_playwright_python.sync_playwright import Axe

            _AXE_SCRIPT = Axe().axe_script
        page.evaluate(_AXE_SCRIPT)
    settings = {"resultTypes": ["violations"], **(options or {})}
    return page.evaluate("(settings) => axe.run(document, settings)", settings)["violations"]
