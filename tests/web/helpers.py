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
