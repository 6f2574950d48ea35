"""HEAD answered wherever GET is: RFC 9110 asks it of every general-purpose server, and uptime
monitors and link checkers send `HEAD /health` or `HEAD /`. Litestar routes HEAD only to
handlers declared for it, so every page and API route answered 405.

The request goes through as a GET (same routing, guards, status and headers, content-length
included) and only the body is dropped on its way out. GET handlers change nothing, so
answering HEAD with them is as safe as answering GET.
"""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send


def answer_head_as_get(handler: ASGIApp) -> ASGIApp:
    """``handler`` with each HTTP HEAD request handled as a GET without a body."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await handler(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}  # type: ignore[typeddict-item]
            await send(message)

        await handler({**scope, "method": "GET"}, receive, without_body)  # type: ignore[typeddict-item]

    return wrapped
