"""Which part of the app a request reached: the API, the pages, the admin or the API docs.

Every decision that depends on it (which credential counts, whether CSRF applies, how an error
is answered, which security headers go out) reads it from the route that matched, never from
how the client spelled the path: `//api/me`, `/%61pi/me` and `/api%2Fme` reach the API route,
so they get the API's rules. Each route handler is stamped with its area when the app is
built, from the path it is declared under (`stamp_areas`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from litestar import Controller, Router
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
CSRF_EXEMPT_BECAUSE = "kring_csrf_exempt_because"
"""A page route that must take a POST without a CSRF token says why under this key in its
`opt`: only the one-click unsubscribe of RFC 8058, which a mail client posts with no cookie and
no token, and which changes nothing but the signed link's own member's opt-out."""


def area_of_path(path: str) -> Area:
    """The area of a normalised path (a route's template, or an unrouted request's path)."""
    for area, prefix in ((Area.api, "/api"), (Area.admin, "/admin"), (Area.docs, "/schema")):
        if path == prefix or path.startswith(prefix + "/"):
            return area
    return Area.pages


def declared_path(handler: Any) -> str:
    """The path a route handler, controller or router is declared under."""
    if isinstance(handler, Router) or (
        isinstance(handler, type) and issubclass(handler, Controller)
    ):
        return normalize_path(handler.path)
    return normalize_path(sorted(handler.paths)[0])


def stamp_areas(handlers: Iterable[Any]) -> list[Any]:
    """Stamp each route handler, controller or router with its area before the app registers
    it (`opt`, which its routes inherit): the API and the admin are exempt from Litestar's CSRF
    check, and all but the API stay out of the OpenAPI document. Paths stay as declared."""
    stamped = list(handlers)
    for handler in stamped:
        area = area_of_path(declared_path(handler))
        declared = getattr(handler, "opt", None)  # a controller class may have none
        declared = declared if isinstance(declared, Mapping) else {}
        handler.opt = {
            **declared,
            AREA_KEY: area,
            CSRF_EXEMPT_KEY: area in CSRF_EXEMPT or bool(declared.get(CSRF_EXEMPT_BECAUSE)),
        }
        if area is not Area.api and hasattr(handler, "include_in_schema"):  # ASGI mounts: never
            handler.include_in_schema = False
    return stamped


def area_of(scope: Scope) -> Area:
    """The area of the route this request reached; for a request no route took (a 404 or 405
    answered before routing finished), the area of its normalised path."""
    handler = scope.get("route_handler")
    if handler is not None and AREA_KEY in handler.opt:
        return handler.opt[AREA_KEY]
    path = normalize_path(scope.get("path", "/"))
    area = area_of_path(path)
    if area is Area.pages and area_of_path(path.lower()) is Area.api:
        return Area.api  # '/API/…', which no route takes: a client of the API, told as one
    return area
