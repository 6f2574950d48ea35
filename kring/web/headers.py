"""Security headers on every answer. Pages use no inline scripts, so the policy can be strict.

They are added by an app-level `before_send` hook, not by route middleware: Litestar runs route
middleware only for a matched route, so a 404 for an unknown path or a 405 would go out bare.
"""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

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


async def add_security_headers(message: Message, scope: Scope) -> None:
    """The `before_send` hook: sets the headers on every HTTP response start, whatever answered."""
    if scope["type"] != "http" or message["type"] != "http.response.start":
        return
    path = original_path(scope)
    headers = MutableScopeHeaders.from_message(message)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if not path.startswith("/schema"):
        policy = ADMIN_POLICY if path.startswith("/admin") else CONTENT_SECURITY_POLICY
        headers.setdefault("Content-Security-Policy", policy)
    if path.startswith("/api") or "set-cookie" in headers:
        headers.setdefault("Cache-Control", "no-store")
