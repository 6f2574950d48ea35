"""OPTIONS answers every path with all of its methods, before any guard.

Litestar makes a path's OPTIONS handler from the handlers first registered under it, so a path
whose GET and POST live in different routers answered ``Allow: GET, OPTIONS``; and the OPTIONS
handler inherits its router's guards, so half the API answered 401 to a question about which
methods exist. Here the allowed methods are read from the application's full map of the path,
or, under a mounted app (Piccolo Admin at /admin), from that app's own routes.
"""

from __future__ import annotations

from collections.abc import Iterable

from litestar.types import ASGIApp, Receive, Scope, Send

OPTIONS_HANDLER = "options_handler"
"""The function name of the handler Litestar adds to every path (``HTTPRoute``)."""

MOUNTED_METHODS = "kring.mounted_methods"
"""The `opt` key of a mounted ASGI app's handler: a function of the request's scope giving the
methods the mounted app serves at the scope's path (none where it serves nothing). Litestar
sees one handler for every method and path under a mount, so only the app itself can say."""


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
        methods = None
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            methods = self.methods(scope)
        if not methods:
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [(b"allow", allow(methods).encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    def methods(scope: Scope) -> set[str] | None:
        """The methods served at the scope's path; None where this is not an OPTIONS answer
        (a path a mounted app does not know goes on to its guard and its 404)."""
        handler = scope.get("route_handler")
        if getattr(getattr(handler, "fn", None), "__name__", None) == OPTIONS_HANDLER:
            methods: set[str] = set()
            table = scope["litestar_app"].route_handler_method_map
            for path in handler.paths:  # type: ignore[union-attr]
                methods |= set(table.get(path, {}))
            return methods
        mounted = getattr(handler, "opt", {}).get(MOUNTED_METHODS)
        return mounted(scope) if mounted is not None else None
