"""Security headers on every answer. Pages use no inline scripts, so the policy can be strict.

They are added by an app-level `before_send` hook, not by route middleware: Litestar runs route
middleware only for a matched route, so a 404 for an unknown path or a 405 would go out bare.
"""

from __future__ import annotations

from litestar.types import Message, Scope

from kring.settings import get_settings
from kring.web.areas import Area, area_of

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
# Piccolo Admin is a Vue app with inline styles and its own scripts; it gets a looser policy.
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'none'; object-src 'none'"
)
# The API documentation (Swagger UI, Redoc) starts with an inline script and styles itself
# inline; Redoc runs a worker from a blob. Still nothing from another site.
DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
POLICIES = {
    area: policy.encode() for area, policy in ((Area.admin, ADMIN_POLICY), (Area.docs, DOCS_POLICY))
}
STRICT = CONTENT_SECURITY_POLICY.encode()


ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    # No page uses the camera, microphone, location, payments or USB: a script slipped in
    # could not either.
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
NO_STORE = (b"cache-control", b"no-store")
HSTS = (b"strict-transport-security", b"max-age=31536000")
"""Served over HTTPS (secure cookies): browsers keep to HTTPS for a year, so a first plain
request cannot be intercepted before the redirect."""


CACHEABLE_PREFIXES = ("/static/",)
"""Public files that never depend on who asks; everything else may show someone's data."""


def _private(area: Area, scope: Scope) -> bool:
    """Only the public static files and the API documentation may be kept by a browser or a
    proxy; any other answer (a page, the API, Piccolo Admin and its JSON, an error) may show
    personal data, and a signed-in one always might, so none of them is stored."""
    if scope.get("user") is not None:
        return True
    if area is Area.docs:
        return False
    # The template of the route that matched, never the spelling of the path.
    return not (scope.get("path_template") or "").startswith(CACHEABLE_PREFIXES)


async def add_security_headers(message: Message, scope: Scope) -> None:
    """The `before_send` hook: adds each header the answer does not set itself, on every HTTP
    response start, whatever answered. Raw bytes: parsing the answer's headers once per header
    cost more than the rest of the hook on small answers."""
    if scope["type"] != "http" or message["type"] != "http.response.start":
        return
    area = area_of(scope)
    wanted = list(ALWAYS)
    wanted.append((b"content-security-policy", POLICIES.get(area, STRICT)))
    headers = list(message.get("headers") or ())
    present = {bytes(name).lower() for name, _ in headers}
    if _private(area, scope) or b"set-cookie" in present:
        wanted.append(NO_STORE)
    if get_settings().secure_cookies:
        wanted.append(HSTS)
        headers = [_secure_cookie(header) for header in headers]
    headers.extend(header for header in wanted if header[0] not in present)
    message["headers"] = headers


def _secure_cookie(header: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    """A Set-Cookie with Secure when the site is served over https: one place for every cookie,
    including those Piccolo Admin sets itself (its `csrftoken` went out without it)."""
    name, value = header
    if bytes(name).lower() != b"set-cookie":
        return header
    attributes = {part.strip().lower() for part in bytes(value).split(b";")[1:]}
    if b"secure" in attributes:
        return header
    return name, bytes(value) + b"; Secure"
