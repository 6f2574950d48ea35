"""Query parameters as every handler reads them: one value a name, or a 400 naming it.

Litestar's `request.query_params.get("q")` gives the first of `?q=a&q=b` and drops the other,
silently: a search or a filter answered for words the person may not have meant. The request
class (`kring.web.inputs.CheckedRequest`) hands out this mapping instead, so every read of one
value (`get`, `[]`, `getone`, `dict(...)`) refuses a name sent twice; `getall` still reads a
parameter meant as a list (the mailing preview's languages). The parameters a route declares
in its signature are checked before it runs (`refuse_repeated_query_parameters`), and every
parameter's %-escapes must make UTF-8 text (`refuse_undecodable_parameters`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import unquote_to_bytes

from litestar.datastructures import MultiDict

from kring.messages import N_
from kring.validation import FieldError, one_text

_ABSENT: Any = object()


class QueryParameters(MultiDict[Any]):
    """A request's query parameters whose single-value reads refuse a name sent twice."""

    def __getitem__(self, key: str) -> Any:
        return _one(key, self.getall(key))

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        values = self.getall(key, [])
        return _one(key, values) if values else default

    def getone(self, key: str, default: Any = _ABSENT) -> Any:  # type: ignore[override]
        values = self.getall(key, [])
        if values:
            return _one(key, values)
        if default is _ABSENT:
            raise KeyError(key)
        return default


def _one(key: str, values: list[Any]) -> Any:
    """The one value, or a FieldError naming `key` (`kring.validation.one_text`'s words)."""
    if len(values) > 1:
        one_text(values, key)
    return values[0]


def refuse_undecodable_parameters(query_string: bytes, left: Collection[str] = ()) -> None:
    """Litestar reads a query's %-escapes with errors replaced: `?q=caf%FF` became "caf\ufffd",
    searched for and shown as if typed. An escape of bytes that make no UTF-8 text is a 400
    naming the parameter (`query` when its name holds it), as a form body's is. The values of
    the parameters `left` are left to the page that reads them (a search keeping its words)."""
    for pair in query_string.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        name = _name(raw_name)
        checked = [(raw_name, "query")] + ([(raw_value, name)] if name not in left else [])
        for raw, field in checked:
            try:
                unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError as error:
                raise FieldError(
                    field,
                    N_(
                        "is not valid UTF-8: the escaped byte %(escape)s is not part of a UTF-8"
                        " character"
                    ),
                    escape=f"%{error.object[error.start]:02X}",
                ) from None


def _name(raw_name: bytes) -> str:
    return unquote_to_bytes(raw_name.replace(b"+", b" ")).decode("utf-8", "replace")
