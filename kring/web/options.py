"""OPTIONS answers every path with all of its methods, before any guard.

Litestar makes a path's OPTIONS handler from the handlers first registered under it, so a path
whose GET and POST live in different routers answered ``Allow: GET, OPTIONS``; and the OPTIONS
handler inherits its router's guards, so half the API answered 401 to a question about which
methods exist. Here the allowed methods are read from the application's full map of the path.
"""

from __future__ import annotations

from collections.abc import Iterable

from litestar.types import ASGIApp, Receive, Scope, Send

OPTIONS_HANDLER = "options_handler"
"""The function name of the handler Litestar adds to every path (``HTTPRoute``)."""


def allow(methods: Iterable[str]) -> str:
    """The `Allow` header for a path served with `methods`, for OPTIONS and for 405 alike:
    OPTIONS is always answered, and HEAD wherever GET is (as GET, `kring.web.head`), which
    Litestar's own lists leave out."""
    allowed = {m.upper() for m in methods if m not in ("asgi", "websocket")} | {"OPTIONS"}
    if "GET" in allowed:
        allowed.add("HEAD")
    return ", ".join(sorted(allowed))


class OptionsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler")
        if (
            scope["type"] != "http"
            or scope["method"] != "OPTIONS"
            or getattr(getattr(handler, "fn", None), "__name__", None) != OPTIONS_HANDLER
        ):
            await self.app(scope, receive, send)
            return
        methods: set[str] = set()
        table = scope["litestar_app"].route_handler_method_map
        for path in handler.paths:  # type: ignore[union-attr]
            methods |= set(table.get(path, {}))
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [(b"allow", allow(methods).encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})
