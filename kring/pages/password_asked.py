"""The current password asked on a page before it hands out a secret that outlives the page
session (a calendar address): the session alone, a browser left open for a moment or a stolen
cookie, must not be enough. Checked and throttled as a login."""

from __future__ import annotations

from litestar import Request

from kring.accounts import WrongPassword, confirm_password
from kring.errors import TooManyAttempts
from kring.messages import N_
from kring.settings import get_settings
from kring.validation import FieldError
from kring.web.auth import current


class PasswordRefused(Exception):
    """The password was missing (400), wrong (403, counted as a failed login) or asked too often
    (429 with `Retry-After`): `error` is the message at the form's field `password`."""

    def __init__(
        self, error: FieldError | WrongPassword, status: int, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.status = status
        self.headers = headers


async def ask_password(request: Request, password: str) -> None:
    """Raise `PasswordRefused` unless `password` is the signed-in account's current one."""
    if not password:
        raise PasswordRefused(FieldError("password", N_("is required")), 400)
    client = request.client.host if request.client else "unknown"
    account_id = current(request).account_id
    try:
        await confirm_password(get_settings().secret_key, account_id, password, client)
    except TooManyAttempts as error:
        refusal = FieldError(
            "password",
            N_("too many wrong passwords; try again in %(minutes)s minutes"),
            **error.params,
        )
        raise PasswordRefused(refusal, 429, {"Retry-After": str(error.retry_after)}) from None
    except WrongPassword as error:
        raise PasswordRefused(error, 403) from None
