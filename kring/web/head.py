"""HEAD answered wherever GET is: RFC 9110 asks it of every general-purpose server, and uptime
monitors and link checkers send `HEAD /health` or `HEAD /`. Litestar routes HEAD only to
handlers declared for it, so every page and API route answered 405.

The request goes through as a GET (same routing, guards, status and headers, content-length
included) and only the body is dropped on its way out. GET handlers change nothing, so
answering HEAD with them is as safe as answering GET; the few that do check `is_head`: a
once-only download link is not spent, "my data" records no access request, an export is
not audited as one, and the officer's answer page neither answers the request nor audits it
(nor does a person's desk page audit a view), since no data leaves.
"""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send

HEAD_MARK = "kring.head"
"""Set in the scope of a HEAD handled as a GET: the GETs that change something (a once-only
download link, "my data", audited exports) read it, so a link checker's HEAD changes nothing."""


def is_head(scope: Scope) -> bool:
    return bool(scope.get(HEAD_MARK))  # type: ignore[call-overload]


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

        as_get = {**scope, "method": "GET", HEAD_MARK: True}
        await handler(as_get, receive, without_body)  # type: ignore[arg-type]

    return wrapped
