"""Query parameters as every handler reads them: one value a name, or a 400 naming it.

Litestar's `request.query_params.get("q")` gives the first of `?q=a&q=b` and drops the other,
silently: a search or a filter answered for words the person may not have meant. The request
class (`kring.web.inputs.CheckedRequest`) hands out this mapping instead, so every read of one
value (`get`, `[]`, `getone`, `dict(...)`) refuses a name sent twice; `getall` still reads a
parameter meant as a list (the mailing preview's languages). The parameters a route declares
in its signature are checked before it runs (`refuse_repeated_query_parameters`).
"""

from __future__ import annotations

from typing import Any

from litestar.datastructures import MultiDict

from kring.validation import one_text

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
