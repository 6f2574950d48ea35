"""API tokens for one's own account: create (shown once), list, revoke."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.accounts import (
    WrongPassword,
    confirm_password,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
)
from kring.errors import TooManyAttempts
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.settings import get_settings
from kring.validation import Checks, FieldError, require_line
from kring.vocabulary import N_
from kring.web.auth import current, signed_in
from kring.web.params import PathId
from kring.web.templating import page


@get("/tokens", guards=[signed_in], name="tokens")
async def tokens(request: Request) -> Template:
    rows = await list_api_tokens(current(request).account_id)
    return page(request, "tokens.html", tokens=rows, new_token=None)


async def _again(
    request: Request, status: int, error: object, name: str, headers: dict[str, str] | None = None
) -> Template:
    rows = await list_api_tokens(current(request).account_id)
    return page(
        request, "tokens.html", status, headers, tokens=rows, new_token=None, name=name, error=error
    )


@post("/tokens", guards=[signed_in], opt=KEEPS_TYPED)
async def new_token(request: Request) -> Template:
    """A token opens the API in the account's name for a year, also after a password change: as
    `POST /api/tokens` does, the page makes one only with the password, checked and throttled
    as a login, never from the page session alone (a browser left open for a moment)."""
    viewer = current(request)
    try:
        data = await form_data(request)
    except RefusedForm as refused:  # a NUL, a password over 20,000 characters: at its field
        return await _again(request, 400, refused, str(refused.data.get("name", "")))
    name = str(data.get("name", ""))
    password = str(data.get("password", ""))
    checks = Checks()  # both empty: both named at once
    checked = ""
    with checks:
        checked = require_line(name, "name", 100)
    if not password:
        checks.add(FieldError("password", N_("is required")))
    try:
        checks.done()
        client = request.client.host if request.client else "unknown"
        await confirm_password(get_settings().secret_key, viewer.account_id, password, client)
    except TooManyAttempts as error:
        refusal = FieldError(
            "password",
            N_("too many wrong passwords; try again in %(minutes)s minutes"),
            **error.params,
        )
        return await _again(request, 429, refusal, name, {"Retry-After": str(error.retry_after)})
    except (FieldError, WrongPassword) as error:
        return await _again(request, getattr(error, "status_code", 400), error, name)
    created = await create_api_token(viewer.account_id, checked)
    rows = await list_api_tokens(viewer.account_id)
    return page(request, "tokens.html", tokens=rows, new_token=created.token)


@post("/tokens/{token_id:int}/revoke", guards=[signed_in])
async def revoke(request: Request, token_id: PathId) -> Redirect:
    if not await revoke_api_token(current(request).account_id, token_id):  # a second click
        return see_other("/tokens", N_("The token was revoked already; nothing changed."))
    return see_other("/tokens", N_("The token was revoked: it no longer opens the API."))


ROUTES = [tokens, new_token, revoke]
