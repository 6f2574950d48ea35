"""Changing one's password (any role), and the forgotten-password pages for those logged out.

The rules and what a new password ends are `members.passwords`'s; these pages read the form,
answer, and put the new session in the browser."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.params import FromPath
from litestar.response import Redirect, Template

from kring.accounts import NewSession, end_session
from kring.credentials import MIN_PASSWORD_LENGTH
from kring.errors import DomainError, TooManyAttempts
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.settings import get_settings
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import (
    SESSION_COOKIE,
    current,
    public,
    signed_in,
    signed_in_with,
)
from kring.web.templating import language_of, page
from members.passwords import (
    RESET_LIFETIME,
    LinkState,
    ResetLinkUnusable,
    change_password,
    link_state,
    request_reset,
    reset_password,
)

CHANGED = N_("Your password was changed and every other device was logged out.")
CHANGED_AND_REVOKED = N_(
    "Your password was changed, every other device was logged out and your API tokens were revoked."
)
LINK_STATUS = {
    LinkState.unknown: 404,
    LinkState.used: 410,
    LinkState.replaced: 410,
    LinkState.changed: 410,
    LinkState.expired: 410,
}


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _signed_in_with(response: Redirect, session: NewSession) -> Redirect:
    """The new session's cookie (as a login sets it) and a new CSRF token."""
    return signed_in_with(response, session.token, get_settings())


def _throttled(error: TooManyAttempts) -> dict[str, str]:
    return {"Retry-After": str(error.retry_after)}


@get("/password", guards=[signed_in], name="password")
async def password_form(request: Request) -> Template:
    return page(request, "password.html", min_length=MIN_PASSWORD_LENGTH)


@post("/password", guards=[signed_in], opt=KEEPS_TYPED)
async def change(request: Request) -> Template | Redirect:
    """Nothing typed is shown again: a refused form comes back with its fields empty."""
    viewer = current(request)
    settings = get_settings()

    def again(error: object, status: int, headers: dict[str, str] | None = None) -> Template:
        return page(
            request, "password.html", status, headers, min_length=MIN_PASSWORD_LENGTH, error=error
        )

    try:
        data = await form_data(request)
    except RefusedForm as refused:
        return again(refused, 400)
    try:
        replaced = await change_password(
            settings.secret_key,
            viewer,
            str(data.get("current_password", "")),
            str(data.get("new_password", "")),
            str(data.get("new_password_again", "")),
            _client(request),
            revoke_tokens=bool(data.get("revoke_tokens")),
            session_hours=settings.session_hours,
        )
    except TooManyAttempts as error:
        refusal = FieldError(
            "current_password",
            N_("too many wrong passwords; try again in %(minutes)s minutes"),
            **error.params,
        )
        return again(refusal, 429, _throttled(error))
    except (FieldError, DomainError) as error:
        return again(error, getattr(error, "status_code", 400))
    assert replaced.session is not None
    done = CHANGED_AND_REVOKED if data.get("revoke_tokens") else CHANGED
    answer = see_other("/password", done, also=replaced.told)
    return _signed_in_with(answer, replaced.session)


@get("/password/forgotten", guards=[public], name="password-forgotten")
async def forgotten_form(request: Request) -> Template | Redirect:
    if request.scope.get("user") is not None:
        return see_other("/password")
    return page(request, "password_forgotten.html", sent=False)


@post("/password/forgotten", guards=[public], opt=KEEPS_TYPED)
async def forgotten(request: Request) -> Template:
    """The same answer for every address, and the mail goes after it."""
    try:
        data = await form_data(request)
    except RefusedForm as refused:
        return page(request, "password_forgotten.html", 400, error=refused, sent=False)
    email = str(data.get("email", ""))
    try:
        mail = await request_reset(
            get_settings().secret_key, email, _client(request), language_of(request)
        )
    except TooManyAttempts as error:
        refusal = FieldError(
            "email",
            N_("too many requests for a new password; try again in %(minutes)s minutes"),
            **error.params,
        )
        return page(
            request,
            "password_forgotten.html",
            429,
            _throttled(error),
            error=refusal,
            email=email,
            sent=False,
        )
    except FieldError as error:
        return page(request, "password_forgotten.html", 400, error=error, email=email, sent=False)
    answer = page(
        request,
        "password_forgotten.html",
        sent=True,
        minutes=int(RESET_LIFETIME.total_seconds() // 60),
    )
    if mail is not None:
        answer.background = BackgroundTask(mail.send)
    return answer


def _unusable(request: Request, state: LinkState) -> Template:
    return page(request, "password_reset.html", LINK_STATUS[state], state=state)


@get("/password/reset/{token:str}", guards=[public], name="password-reset")
async def reset_form(request: Request, token: FromPath[str]) -> Template:
    """Opening the link spends nothing (mail scanners open links before people do)."""
    state = await link_state(token)
    if state != LinkState.usable:
        return _unusable(request, state)
    return page(
        request,
        "password_reset.html",
        state=str(state),
        token=token,
        min_length=MIN_PASSWORD_LENGTH,
    )


@post("/password/reset/{token:str}", guards=[public], opt=KEEPS_TYPED)
async def reset(request: Request, token: FromPath[str]) -> Template | Redirect:
    settings = get_settings()

    def again(error: object) -> Template:
        return page(
            request,
            "password_reset.html",
            400,
            state=LinkState.usable,
            token=token,
            min_length=MIN_PASSWORD_LENGTH,
            error=error,
        )

    try:
        data = await form_data(request)
    except RefusedForm as refused:
        return again(refused)
    try:
        replaced = await reset_password(
            settings.secret_key,
            token,
            str(data.get("new_password", "")),
            str(data.get("new_password_again", "")),
            _client(request),
            settings.session_hours,
        )
    except ResetLinkUnusable as error:
        return _unusable(request, error.state)
    except FieldError as error:
        return again(error)
    # As at a login: the session this browser had (perhaps another account's) ends.
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        await end_session(old)
    done = N_("Your new password is set and you are logged in. Every other device was logged out.")
    assert replaced.session is not None
    return _signed_in_with(see_other("/", done, also=replaced.told), replaced.session)


ROUTES = [password_form, change, forgotten_form, forgotten, reset_form, reset]
