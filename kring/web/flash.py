"""A message shown once, on the page after an action ("Saved.", "Event cancelled."…).

It travels in a short-lived cookie beside the redirect: the English message id, signed with
the app's secret so that nobody can make the site show words it never chose; the next page
translates it into the viewer's language and clears the cookie.
"""

from __future__ import annotations

import base64
import hmac

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Redirect

from kring.credentials import keyed_hash
from kring.settings import get_settings

FLASH_COOKIE = "kring_flash"
LIFETIME_SECONDS = 120


def _signature(message: str) -> str:
    return keyed_hash(get_settings().secret_key, "flash:" + message)[:32]


def attach(response: Redirect, message: str) -> Redirect:
    encoded = base64.urlsafe_b64encode(message.encode()).decode().rstrip("=")
    response.set_cookie(
        FLASH_COOKIE,
        f"{encoded}.{_signature(message)}",
        max_age=LIFETIME_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
    )
    return response


def read(request: Request) -> str | None:
    """The message waiting for this request, when its signature holds."""
    value = request.cookies.get(FLASH_COOKIE)
    if not value or "." not in value:
        return None
    encoded, _, signature = value.rpartition(".")
    try:
        message = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    return message if hmac.compare_digest(signature, _signature(message)) else None


def cleared() -> Cookie:
    return Cookie(key=FLASH_COOKIE, value="", max_age=0, path="/", httponly=True, samesite="lax")
