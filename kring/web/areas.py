"""Which part of the app a request reached: the API, the pages, the admin or the API docs.

Every decision that depends on it (which credential counts, whether CSRF applies, how an error
is answered, which security headers go out) reads it from the route that matched, never from
how the client spelled the path: `//api/me`, `/%61pi/me` and `/api%2Fme` reach the API route,
so they get the API's rules. Each route handler is marked once, when the app is built.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from litestar import Litestar
from litestar.types import Scope
from litestar.utils import normalize_path

AREA_KEY = "kring_area"
# Litestar's CSRF middleware skips route handlers whose `opt` holds this key.
CSRF_EXEMPT_KEY = "exclude_from_csrf"


class Area(StrEnum):
    api = "api"
    pages = "pages"
    admin = "admin"
    docs = "docs"


# The API takes bearer tokens only, never the page cookie, so a forged cross-site request carries
# no credential; Piccolo Admin checks its own CSRF token.
CSRF_EXEMPT = {Area.api, Area.admin}


def area_of_path(path: str) -> Area:
    """The area of a normalised path (a route's template, or an unrouted request's path)."""
    for area, prefix in ((Area.api, "/api"), (Area.admin, "/admin"), (Area.docs, "/schema")):
        if path == prefix or path.startswith(prefix + "/"):
            return area
    return Area.pages


def mark_routes(app: Litestar) -> None:
    """Stamp every route handler with its area, from the path it was registered under."""
    for route in app.routes:
        area = area_of_path(normalize_path(route.path))
        for handler in _handlers(route):
            handler.opt[AREA_KEY] = area
            if area in CSRF_EXEMPT:
                handler.opt[CSRF_EXEMPT_KEY] = True


def _handlers(route: Any) -> list[Any]:
    return list(getattr(route, "route_handlers", None) or [route.route_handler])


def area_of(scope: Scope) -> Area:
    """The area of the route this request reached; for a request no route took (a 404 or 405
    answered before routing finished), the area of its normalised path."""
    handler = scope.get("route_handler")
    if handler is not None and AREA_KEY in handler.opt:
        return handler.opt[AREA_KEY]
    return area_of_path(normalize_path(scope.get("path", "/")))
