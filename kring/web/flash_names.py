"""The message after an action that names whom it concerned ("Griet Van Damme is aangesteld
als jurylid.") without the name in the message cookie: a cookie travels with every request and
lingers on the device, so it carries the person's number, and the page the message was meant
for, which shows that person anyway, looks the name up. On any other page the message reads
"someone" (`kring.web.flash.Flash.shown`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from litestar import Request

from kring.i18n import gettext_for
from kring.web import flash
from kring.web.templating import language_of

LookUp = Callable[[int], Awaitable[str]]
"""A number's name as the page shows it; empty when it has none (erased, not this page's)."""


async def named_flash(request: Request, names: Mapping[str, tuple[str, LookUp]]) -> dict[str, Any]:
    """The page's `flash` with the names put in: `names` maps the cookie's key holding a number
    to the message's parameter and how this page finds its name. Empty (the page's own reading
    of the message stands) when the waiting message carries none of those numbers."""
    waiting = flash.read(request)
    if waiting is None:
        return {}
    found = {
        parameter: await look_up(int(number))
        for key, (parameter, look_up) in names.items()
        if (number := waiting.values.get(key, "")).isdigit()
    }
    if not found:
        return {}
    _ = gettext_for(language_of(request))
    named = {parameter: name or _("someone") for parameter, name in found.items()}
    return {"flash": flash.Flash(waiting.message, waiting.tone, waiting.values | named).shown(_)}
