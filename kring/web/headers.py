"""Security headers on every answer. Pages use no inline scripts, so the policy can be strict."""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from kring.web.auth import original_path

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
# Piccolo Admin is a Vue app with inline styles and its own scripts; it gets a looser policy.
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'none'; object-src 'none'"
)


ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeadersMiddleware:
    """Adds each header the answer does not set itself, as raw bytes: parsing the answer's
    headers once per header cost more than the rest of this middleware on small answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = original_path(scope)
        extra = list(ALWAYS)
        if not path.startswith("/schema"):
            policy = ADMIN_POLICY if path.startswith("/admin") else CONTENT_SECURITY_POLICY
            extra.append((b"content-security-policy", policy.encode()))
        api = path.startswith("/api")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or ())
                present = {bytes(name).lower() for name, _ in headers}
                wanted = [*extra, NO_STORE] if api or b"set-cookie" in present else extra
                headers.extend(header for header in wanted if header[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
