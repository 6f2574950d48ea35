"""API tokens for one's own account: create (shown once), list, revoke."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.accounts import create_api_token, list_api_tokens, revoke_api_token
from kring.pages.forms import form_data, see_other
from kring.validation import FieldError, require_line
from kring.vocabulary import N_
from kring.web.auth import current, signed_in
from kring.web.params import PathId
from kring.web.templating import page


@get("/tokens", guards=[signed_in], name="tokens")
async def tokens(request: Request) -> Template:
    rows = await list_api_tokens(current(request).account_id)
    return page(request, "tokens.html", tokens=rows, new_token=None)


@post("/tokens", guards=[signed_in])
async def new_token(request: Request) -> Template:
    viewer = current(request)
    data = await form_data(request)
    name = str(data.get("name", ""))
    try:
        created = await create_api_token(viewer.account_id, require_line(name, "name", 100))
    except FieldError as error:
        rows = await list_api_tokens(viewer.account_id)
        return page(
            request, "tokens.html", 400, tokens=rows, new_token=None, name=name, error=error
        )
    rows = await list_api_tokens(viewer.account_id)
    return page(request, "tokens.html", tokens=rows, new_token=created.token)


@post("/tokens/{token_id:int}/revoke", guards=[signed_in])
async def revoke(request: Request, token_id: PathId) -> Redirect:
    await revoke_api_token(current(request).account_id, token_id)
    return see_other("/tokens", N_("The token was revoked: it no longer opens the API."))


ROUTES = [tokens, new_token, revoke]
