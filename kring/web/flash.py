"""A message shown once, on the page after an action ("Saved.", "Event cancelled."…).

It travels in a short-lived cookie beside the redirect: the English message id and its tone,
signed with the app's secret so that nobody can make the site show words it never chose; the
next page translates it into the viewer's language and clears the cookie. A message that says
something did *not* happen ("The test mail was not sent: …") has the tone `refused`, shown in
another colour and announced as an alert, so nobody mistakes it for a confirmation.
"""

from __future__ import annotations

import base64
import hmac
from dataclasses import dataclass
from typing import Literal

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Redirect

from kring.credentials import keyed_hash
from kring.settings import get_settings

FLASH_COOKIE = "kring_flash"
LIFETIME_SECONDS = 120
Tone = Literal["done", "refused"]
TONES: tuple[Tone, ...] = ("done", "refused")


@dataclass(frozen=True)
class Flash:
    message: str
    tone: Tone = "done"


def _signature(message: str, tone: str) -> str:
    return keyed_hash(get_settings().secret_key, f"flash:{tone}:{message}")[:32]


def attach(response: Redirect, message: str, tone: Tone = "done") -> Redirect:
    encoded = base64.urlsafe_b64encode(message.encode()).decode().rstrip("=")
    response.set_cookie(
        FLASH_COOKIE,
        f"{encoded}.{tone}.{_signature(message, tone)}",
        max_age=LIFETIME_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
    )
    return response


def read(request: Request) -> Flash | None:
    """The message waiting for this request, when its signature holds."""
    value = request.cookies.get(FLASH_COOKIE)
    parts = (value or "").split(".")
    if len(parts) != 3 or parts[1] not in TONES:
        return None
    encoded, tone, signature = parts
    try:
        message = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(signature, _signature(message, tone)):
        return None
    return Flash(message, "refused" if tone == "refused" else "done")


def cleared() -> Cookie:
    return Cookie(key=FLASH_COOKIE, value="", max_age=0, path="/", httponly=True, samesite="lax")
