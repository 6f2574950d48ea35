"""Helpers for HTML forms: reading them and sending people somewhere safe afterwards."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from litestar import Request
from litestar.response import Redirect

from kring.web.flash import attach
from kring.web.inputs import form_text


async def form_data(request: Request) -> dict[str, Any]:
    """The submitted fields; repeated fields become lists, everything else a string."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        if key == "_csrf_token":
            continue
        values = [form_text(key, value) for value in form.getall(key)]
        data[key] = values if len(values) > 1 else values[0]
    return data


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths on this site: a crafted `next` must not send people elsewhere. Browsers read
    a backslash as a slash (`/\\evil.example` is `//evil.example`) and drop tabs and line breaks
    from addresses, so neither may appear."""
    if not target or "\\" in target or any(ord(char) < 0x20 for char in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def see_other(path: str, flash: str | None = None, *, refused: bool = False) -> Redirect:
    """Back to a page after an action; `flash` (an English message id) is shown there once,
    as a refusal when the action did not happen."""
    response = Redirect(path, status_code=303)
    return attach(response, flash, "refused" if refused else "done") if flash else response
