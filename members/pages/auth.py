"""Login, logout and the language switch."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from kring.accounts import LoginFailed, end_session, start_session
from kring.admin_site import ADMIN_COOKIE, end_admin_sessions
from kring.errors import NotFound, TooManyAttempts
from kring.i18n import LANGUAGES
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, safe_next, see_other
from kring.settings import get_settings
from kring.validation import Checks, FieldError, briefly
from kring.vocabulary import N_
from kring.web.auth import SESSION_COOKIE, public, renew_csrf_cookie, signed_in, signed_in_with
from kring.web.templating import LANGUAGE_COOKIE, page
from members.accounts import authenticate


@get("/login", guards=[public], name="login")
async def login_form(request: Request, next: FromQuery[str] = "/") -> Template | Redirect:
    if request.scope.get("user") is not None:
        return see_other(safe_next(next))
    return page(request, "login.html", next=safe_next(next), error=None)


@post("/login", guards=[public], opt=KEEPS_TYPED)
async def login(request: Request) -> Template | Redirect:
    try:
        data = await form_data(request)
    except RefusedForm as refused:  # a password over 20,000 characters, a NUL: at its field
        return page(
            request,
            "login.html",
            status_code=400,
            next=safe_next(str(refused.data.get("next", "/"))),
            error=refused,
            email=str(refused.data.get("email", ""))[:254],
        )
    email = str(data.get("email", ""))[:254]
    password = str(data.get("password", ""))
    target = safe_next(str(data.get("next", "/")))
    try:
        _both_typed(email, password)
    except FieldError as missing:  # sent too soon: no guess, so not counted as a failed login
        return page(request, "login.html", status_code=400, next=target, error=missing, email=email)
    settings = get_settings()
    client = request.client.host if request.client else "unknown"
    try:
        account_id = await authenticate(settings.secret_key, email, password, client)
    except (LoginFailed, TooManyAttempts) as error:
        throttled = isinstance(error, TooManyAttempts)
        headers = {"Retry-After": str(error.retry_after)} if throttled else None
        return page(
            request,
            "login.html",
            status_code=429 if throttled else 401,
            headers=headers,
            next=target,
            error="throttled" if throttled else "failed",
            email=email,
        )
    # A new session on every login, and the old one ended: a planted cookie gains nothing. The
    # CSRF cookie is renewed too: Litestar's double-submit token is not tied to the session, so
    # one planted before the login would otherwise stay valid.
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        await end_session(old)
    session = await start_session(account_id, settings.session_hours)
    return signed_in_with(see_other(target), session.token, settings)


def _both_typed(email: str, password: str) -> None:
    """Each empty field named at the field, as every form does (the forms leave the check to
    the server: `novalidate`)."""
    checks = Checks()
    if not email.strip():
        checks.add(FieldError("email", N_("is required")))
    if not password:
        checks.add(FieldError("password", N_("is required")))
    checks.done()


@post("/logout", guards=[signed_in])
async def logout(request: Request) -> Redirect:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await end_session(token)
    await end_admin_sessions(request.scope["user"])
    response = see_other("/login", N_("You are logged out."))
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(ADMIN_COOKIE, path="/admin")
    renew_csrf_cookie(response, get_settings())
    return response


@get("/language/{language:str}", guards=[public])
async def switch_language(language: FromPath[str], next: FromQuery[str] = "/") -> Redirect:
    """An unknown language is a 404 naming the ones there are: it led back to the page in the
    language it had, as if it had switched."""
    if language not in LANGUAGES:
        raise NotFound(
            N_("%(value)r is not one of %(choices)s"),
            field="language",
            value=briefly(language),
            choices=", ".join(LANGUAGES),
        )
    response = see_other(safe_next(next))
    remember_language(response, language)
    return response


def remember_language(response: Redirect, language: str) -> None:
    """This browser's language for the pages, for a year."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 24 * 3600,
        samesite="lax",
        httponly=True,
        secure=get_settings().secure_cookies,
    )


ROUTES = [login_form, login, logout, switch_language]
