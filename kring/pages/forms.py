"""Helpers for HTML forms: reading them and sending people somewhere safe afterwards."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

from litestar import Request
from litestar.response import Redirect

from kring.messages import N_
from kring.validation import FieldError
from kring.web.flash import attach
from kring.web.inputs import form_text


async def form_data(request: Request, lists: Collection[str] = ()) -> dict[str, Any]:
    """The submitted fields as strings; those named in `lists` (a multiple select) as lists.
    Any other field sent twice (`title=a&title=b`) is refused: handlers read one text, and a
    list reached them as "['a', 'b']" or failed as a 500."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        if key == "_csrf_token":
            continue
        values = [form_text(key, value) for value in form.getall(key)]
        if key in lists:
            data[key] = values
        elif len(values) > 1:
            raise FieldError(key, N_("was sent more than once; send one value"))
        else:
            data[key] = values[0]
    return data


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths on this site: a crafted `next` must not send people elsewhere. Browsers read
    a backslash as a slash (`/\\evil.example` is `//evil.example`) and drop tabs and line breaks
    from addresses, so neither may appear."""
    if not isinstance(target, str):  # the field sent twice: a list
        return default
    if not target or "\\" in target or any(ord(char) < 0x20 for char in target):
        return default
    if not target.startswith("/") or target.startswith("//"):
        return default
    try:
        parts = urlsplit(target)
    except ValueError:  # "/x?[": urlsplit reads brackets as an IPv6 host and gives up
        return default
    if parts.scheme or parts.netloc:
        return default
    return target


def see_other(path: str, flash: str | None = None, *, refused: bool = False) -> Redirect:
    """Back to a page after an action; `flash` (an English message id) is shown there once,
    as a refusal when the action did not happen."""
    response = Redirect(path, status_code=303)
    return attach(response, flash, "refused" if refused else "done") if flash else response
