"""/api/tokens: trade a password for a bearer token, list and revoke one's own tokens."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.params import JSONBody

from kring.accounts import create_api_token, list_api_tokens, revoke_api_token
from kring.api.schemas import NewToken, TokenInfo, TokenRequest
from kring.settings import get_settings
from kring.web.auth import current, public, signed_in
from kring.web.params import PathId
from members.accounts import authenticate


class TokenController(Controller):
    path = "/api/tokens"
    tags = ["accounts"]

    @post(
        "/",
        guards=[public],
        summary="Log in with e-mail and password; returns a token shown only this once",
        description="Failed attempts are rate limited per account and per client (429).",
    )
    async def create(self, request: Request, data: JSONBody[TokenRequest]) -> NewToken:
        client = request.client.host if request.client else "unknown"
        account_id = await authenticate(
            get_settings().secret_key, data.email, data.password, client
        )
        created = await create_api_token(account_id, data.name, data.days)
        return NewToken(id=created.id, token=created.token, prefix=created.prefix)

    @get("/", guards=[signed_in], summary="Your tokens (never their secret)")
    async def index(self, request: Request) -> list[TokenInfo]:
        rows = await list_api_tokens(current(request).account_id)
        return [msgspec.convert(row, TokenInfo) for row in rows]

    @delete("/{token_id:int}", guards=[signed_in], summary="Revoke one of your tokens")
    async def revoke(self, request: Request, token_id: PathId) -> None:
        await revoke_api_token(current(request).account_id, token_id)
