"""A message shown once, on the page after an action ("Saved.", "Event cancelled."…).

It travels in a short-lived cookie beside the redirect: the English message id and its tone,
signed with the app's secret so that nobody can make the site show words it never chose; the
next page translates it into the viewer's language and clears the cookie. A message with
`%(name)s` parameters ("larger than the limit of %(limit)s MB") carries their values too, signed
with it; one may be followed by more sentences, each its own message id (`ALSO`: what a password
change turned off with it). A message that says
something did *not* happen ("The test mail was not sent: …") has the tone `refused`, shown in
another colour and announced as an alert, so nobody mistakes it for a confirmation.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
ALSO = "\n"
"""Between a message and the sentences that follow it (each translated on its own); no
message id holds a line break."""


@dataclass(frozen=True)
class Flash:
    message: str
    tone: Tone = "done"
    values: dict[str, str] = field(default_factory=dict)

    def shown(self, gettext: Callable[[str], str]) -> str:
        """The message in the reader's language, its parameters filled in. A parameter the
        cookie does not carry (a person's name, which the page it was meant for looks up from
        the number it does carry) reads "someone" on any other page, with a capital where it
        starts the message ("Iemand is aangesteld als jurylid."). Sentences that follow it
        (`ALSO`) come after it, each in the reader's language."""
        first, *also = self.message.split(ALSO)
        shown = gettext(first)
        if self.values:
            shown %= _Filled(self.values, someone=gettext("someone"))
            shown = shown[:1].upper() + shown[1:]
        return " ".join([shown, *(gettext(sentence) for sentence in also)])


class _Filled(dict[str, str]):
    """A message's parameters, with "someone" for any it does not carry."""

    def __init__(self, values: Mapping[str, str], someone: str) -> None:
        super().__init__(values)
        self.someone = someone

    def __missing__(self, key: str) -> str:
        return self.someone


def _signature(message: str, tone: str, values: str = "") -> str:
    signed = f"flash:{tone}:{message}" + (f"\n{values}" if values else "")
    return keyed_hash(get_settings().secret_key, signed)[:32]


def _encoded(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decoded(text: str) -> str:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


def attach(
    response: Redirect,
    message: str,
    tone: Tone = "done",
    values: Mapping[str, str] | None = None,
) -> Redirect:
    response.set_cookie(flash_cookie(message, tone, values))
    return response


def flash_cookie(
    message: str, tone: Tone = "done", values: Mapping[str, str] | None = None
) -> Cookie:
    """The cookie that carries `message` to the next page, for an answer that is no redirect
    of Kring's (Piccolo Admin's logout, after which its own page goes on to the login)."""
    value_text = json.dumps(dict(values), sort_keys=True) if values else ""
    parts = [_encoded(message), tone, _signature(message, tone, value_text)]
    if value_text:
        parts.append(_encoded(value_text))
    return Cookie(
        key=FLASH_COOKIE,
        value=".".join(parts),
        max_age=LIFETIME_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
    )


def read(request: Request) -> Flash | None:
    """The message waiting for this request, when its signature holds."""
    value = request.cookies.get(FLASH_COOKIE)
    parts = (value or "").split(".")
    if len(parts) not in (3, 4) or parts[1] not in TONES:
        return None
    encoded, tone, signature = parts[:3]
    try:
        message = _decoded(encoded)
        value_text = _decoded(parts[3]) if len(parts) == 4 else ""
    except (ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(signature, _signature(message, tone, value_text)):
        return None
    values = json.loads(value_text) if value_text else {}
    return Flash(message, "refused" if tone == "refused" else "done", values)


def cleared() -> Cookie:
    return Cookie(key=FLASH_COOKIE, value="", max_age=0, path="/", httponly=True, samesite="lax")
