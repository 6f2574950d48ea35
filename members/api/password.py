"""/api/me/password: change one's own password with the current one, as the page does."""

from __future__ import annotations

from litestar import Request, post
from litestar.params import JSONBody

from kring.api.schemas import PasswordChange, PasswordChanged
from kring.settings import get_settings
from kring.web.auth import current, signed_in
from members.passwords import change_password


@post(
    "/api/me/password",
    guards=[signed_in],
    tags=["accounts"],
    status_code=200,
    summary="Change your password",
    description=(
        "The current password is checked as a login is (403 when wrong, at `current_password`;"
        " 429 after too many). The new one has at least 10 characters and is not the current"
        " one (400 at `new_password`). Every page session of the account ends, and so does the"
        " member's calendar address; API tokens stay valid unless `revoke_tokens` is true."
    ),
)
async def change_my_password(request: Request, data: JSONBody[PasswordChange]) -> PasswordChanged:
    viewer = current(request)
    client = request.client.host if request.client else "unknown"
    await change_password(
        get_settings().secret_key,
        viewer,
        data.current_password,
        data.new_password,
        None,
        client,
        revoke_tokens=data.revoke_tokens,
    )
    return PasswordChanged(sessions_ended=True, tokens_revoked=data.revoke_tokens)
