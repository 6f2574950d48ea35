"""An anonymous visitor is asked to log in before anything is said about a closed path.

A path whose id is no number (`/library/abc`), another spelling of one (`/library/01`) or
beyond every id was answered 404 to a visitor who had not logged in, while a well-formed id got
the login: the router and `kring.web.path_ids` answer before the route's guard runs. Such a
miss is now answered as its route's guard would answer the visitor, when every route of that
shape (the same segments, any value where a parameter stands) is closed to visitors: a page
leads to the login, the API answers 401. A path of no route's shape stays a 404, and so does a
public route's (the privacy code pages, the login).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from litestar.routes import HTTPRoute
from litestar.utils import normalize_path

Shape = tuple[str | None, ...]
"""A route's path as segments, None where a parameter stands."""


def _shape(path: str) -> Shape:
    return tuple(
        None if segment.startswith("{") and segment.endswith("}") else segment
        for segment in path.split("/")
    )


def _public(route: HTTPRoute) -> bool:
    """Open to visitors: a route with a handler marked `public`, or one with no guard at all
    (Litestar's own OPTIONS handlers aside: they answer every route)."""
    return any(
        not (guards := handler.resolve_guards())
        or any(getattr(guard, "func", guard).__name__ == "public" for guard in guards)
        for handler in route.route_handlers
        if set(handler.http_methods) != {"OPTIONS"}
    )


@lru_cache(maxsize=4)
def _shapes(app: Any) -> tuple[tuple[Shape, bool], ...]:
    return tuple(
        (_shape(route.path), _public(route))
        for route in app.routes
        if isinstance(route, HTTPRoute) and ":path}" not in route.path
    )


def _fits(shape: Shape, segments: list[str]) -> bool:
    return len(shape) == len(segments) and all(
        part is None or part == segment for part, segment in zip(shape, segments, strict=True)
    )


def closed_to_visitors(app: Any, path: str) -> bool:
    """Whether some route has this path's shape and none of those routes is open to visitors.
    The path is read normalised, as routes are: `/library/abc/` and `//library/abc` are the
    library's too."""
    segments = normalize_path(path).split("/")
    fitting = [public for shape, public in _shapes(app) if _fits(shape, segments)]
    return bool(fitting) and not any(fitting)
