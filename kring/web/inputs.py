"""Everything a request brings in is refused when it holds a control character: query and path
parameters, JSON bodies and form fields, with a 400 naming the field.

One check at the edge, so no text field can be forgotten; the domain's `require_text` applies
the same rule to what comes from the CLI and imports. Bodies are checked when they are parsed,
by the request class, so nothing is parsed twice.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.datastructures import FormMultiDict
from litestar.enums import RequestEncodingType

from kring.messages import N_
from kring.validation import FieldError, refuse_control_characters_in


class CheckedRequest(Request):
    """Litestar's request whose parsed JSON and form data carry no control character."""

    async def json(self) -> Any:
        value = await super().json()
        refuse_control_characters_in(value, "")
        return value

    async def form(self) -> FormMultiDict:
        if self.content_type[0] == RequestEncodingType.URL_ENCODED:
            refuse_broken_url_encoding(await self.body())
        form = await super().form()
        for key in form:
            refuse_control_characters_in(key, "body")
            texts = [value for value in form.getall(key) if isinstance(value, str)]
            refuse_control_characters_in(texts[0] if len(texts) == 1 else texts, key)
        return form


def refuse_broken_url_encoding(body: bytes) -> None:
    """Litestar reads a URL-encoded body as Latin-1 and its %-escapes with errors replaced:
    an unescaped "é" (curl -d) was stored as "Ã©", and %FF as U+FFFD, silently. Browsers
    escape every byte beyond ASCII, so anything else is refused naming the body."""
    try:
        parse_qsl(body.decode("ascii"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise FieldError(
            "body", N_("is not URL-encoded UTF-8: every character beyond ASCII must be escaped")
        ) from None


async def refuse_control_characters_in_url(request: Request) -> None:
    """The app's `before_request` hook: query and path parameters."""
    for name, value in request.query_params.multi_items():
        refuse_control_characters_in(name, "query")
        refuse_control_characters_in(value, name)
    refuse_control_characters_in(request.path_params, "")


MAX_FIELD = 20_000
"""The longest text a form field may bring (a criterion's text, meeting notes)."""


def form_text(key: str, value: object) -> str:
    """One submitted form value as text: a file where text belongs, or text longer than
    `MAX_FIELD`, is refused naming the field."""
    if not isinstance(value, str):
        raise FieldError(key, N_("files are not accepted in this field"))
    if len(value) > MAX_FIELD:
        raise FieldError(
            key,
            N_("is %(length)s characters long; at most %(limit)s allowed"),
            length=len(value),
            limit=MAX_FIELD,
        )
    return value
