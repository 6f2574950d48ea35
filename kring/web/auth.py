"""Who is calling: bearer tokens for the API, server-side session cookies for pages; role guards.

The guards are coroutines although they never wait: Litestar runs a plain function guard in a
worker thread, a hand-over that cost more than the rest of a small request.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware.csrf import generate_csrf_token
from litestar.response import Response
from litestar.types import ASGIApp, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from kring.accounts import principal_for_api_token, principal_for_session
from kring.choices import Role
from kring.principal import Principal
from kring.settings import Settings
from kring.web.areas import Area, area_of

SESSION_COOKIE = "kring_session"
CSRF_COOKIE = "kring_csrf"
"""Litestar's double-submit CSRF cookie; login and logout renew it: each session gets its own."""


def bearer_token(connection: ASGIConnection) -> str | None:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class AuthenticationMiddleware:
    """Puts a Principal (or None) into the scope. The API takes only tokens, so it needs no CSRF.

    Middleware runs after routing: the route that matched says whether this is the API, however
    the client spelled the path (`kring.web.areas`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            connection: ASGIConnection = ASGIConnection(scope)
            principal: Principal | None = None
            if area_of(scope) is Area.api:
                token = bearer_token(connection)
                if token:
                    principal = await principal_for_api_token(token)
            else:
                cookie = connection.cookies.get(SESSION_COOKIE)
                if cookie:
                    principal = await principal_for_session(cookie)
            scope["user"] = principal
            scope["auth"] = None
        await self.app(scope, receive, send)


async def identify_unrouted(exc: Exception, scope: Scope) -> None:
    """An `after_exception` hook: a request that matched no route (a 404 for `/nope`) never
    reached the middleware above, so its error page would show a signed-in member the signed-out
    navigation. The session cookie is read here instead; failing that, the page shows none. An
    API request's bearer token is read likewise (`kring.web.closed_paths`)."""
    if scope["type"] != "http" or "user" in scope:
        return
    if area_of(scope) is Area.api:  # whether the caller is known decides 401 or 404 there
        await _identify_bearer(scope)
        return
    if area_of(scope) is not Area.pages:
        return
    scope["user"] = None
    cookies = ASGIConnection(scope).cookies
    csrf = scope["litestar_app"].csrf_config
    if csrf and (token := cookies.get(csrf.cookie_name)):
        # The CSRF middleware did not run either: the menu's logout form takes the cookie's
        # token, as it does on every other page.
        ScopeState.from_scope(scope).csrf_token = token
    cookie = cookies.get(SESSION_COOKIE)
    if cookie:
        try:
            scope["user"] = await principal_for_session(cookie)
        except Exception:  # the database is what failed: the error page is shown without it
            logging.getLogger("kring.web").debug("no session for an error page", exc_info=True)


async def _identify_bearer(scope: Scope) -> None:
    scope["user"] = None
    token = bearer_token(ASGIConnection(scope))
    if token:
        try:
            scope["user"] = await principal_for_api_token(token)
        except Exception:  # the database is what failed: the error is answered without it
            logging.getLogger("kring.web").debug("no token for an error", exc_info=True)


REFUSED_BEARER = (
    "the bearer token sent is unknown, revoked or expired; get a new one with POST /api/tokens"
)
"""The API's 401 to a token it does not take: the caller did send one, so "log in first" would
send them looking elsewhere."""


def current(connection: ASGIConnection) -> Principal:
    principal = connection.scope.get("user")
    if principal is None:
        if area_of(connection.scope) is Area.api and bearer_token(connection):
            raise NotAuthorizedException(REFUSED_BEARER)
        raise NotAuthorizedException("log in first (API: send 'Authorization: Bearer <token>')")
    return principal


async def signed_in(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    current(connection)


def requires(*roles: Role) -> Callable[[ASGIConnection, BaseRouteHandler], Awaitable[None]]:
    """A guard admitting the named roles (and admins, who may do everything)."""

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        if not current(connection).has_role(*roles):
            wanted = " or ".join(role.value for role in roles)
            raise PermissionDeniedException(f"this needs the role {wanted}")

    guard.__name__ = "requires_" + "_or_".join(role.value for role in roles)
    return guard


async def member_profile(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """For pages and routes about 'my' profile: the account must belong to a member."""
    if current(connection).member_id is None:
        raise PermissionDeniedException("this account has no member profile")


async def public(_: ASGIConnection, __: BaseRouteHandler) -> None:
    """Marks a route anyone may open (login, language, health); the route-guard test knows it."""


def guard_names(handler: BaseRouteHandler) -> list[str]:
    return [guard.__name__ for guard in handler.guards or []]


R = TypeVar("R", bound=Response[Any])
"""Any response a session is started with (a redirect, most often)."""


def signed_in_with(response: R, token: str, settings: Settings) -> R:
    """`response` setting the cookie of a new session `token` and a new CSRF token: every
    place a session starts (a login, a password set through a reset link or changed) sets
    both alike."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        max_age=settings.session_hours * 3600,
        path="/",
    )
    renew_csrf_cookie(response, settings)
    return response


def renew_csrf_cookie(response: Response[Any], settings: Settings) -> None:
    """A new CSRF cookie, as the app's CSRF config sets it: a token planted before a login (by a
    sibling subdomain, say) is worthless after it, and so is a session's after its logout."""
    response.set_cookie(
        CSRF_COOKIE,
        generate_csrf_token(settings.secret_key),
        path="/",
        secure=settings.secure_cookies,
        httponly=False,
        samesite="lax",
    )
