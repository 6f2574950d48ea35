"""Query parameters as every handler reads them: one value a name, or a 400 naming it.

Litestar's `request.query_params.get("q")` gives the first of `?q=a&q=b` and drops the other,
silently: a search or a filter answered for words the person may not have meant. The request
class (`kring.web.inputs.CheckedRequest`) hands out this mapping instead, so every read of one
value (`get`, `[]`, `getone`, `dict(...)`) refuses a name sent twice; `getall` still reads a
parameter meant as a list (the mailing preview's languages). The parameters a route declares
in its signature are checked before it runs (`refuse_repeated_query_parameters`), and every
parameter's %-escapes must make UTF-8 text (`refuse_undecodable_parameters`). A parameter a
route reads as a whole number is spelled as one, in the digits 0-9 (`refuse_loose_integers`).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any
from urllib.parse import unquote_to_bytes

from litestar.constants import RESERVED_KWARGS
from litestar.datastructures import MultiDict
from litestar.enums import ParamType
from litestar.handlers import BaseRouteHandler
from litestar.params import BodyKwarg, ParameterKwarg
from litestar.typing import FieldDefinition

from kring.messages import N_
from kring.validation import FieldError, briefly, one_text

LOOSE_INTEGER = N_(
    "%(value)r is not a whole number: write it in the digits 0-9, without a leading zero,"
    " sign, point or exponent"
)

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


def refuse_loose_integers(handler: BaseRouteHandler, query: MultiDict[Any]) -> None:
    """A query parameter read as an int is written as `str()` writes it, as an id in a path
    (`kring.web.path_ids`) and a number in a JSON body are. Litestar's parser took `1e0`,
    `2.0` and `1e3` as 1, 2 and 1000 but refused `01`, `+2` and `1_0` with "Expected `int`":
    one number had several spellings, and the refusals named no rule. Any other spelling is a
    400 naming the parameter and what came."""
    for name in integer_query_parameters(handler):
        for value in query.getall(name, []):
            if value == "":  # an empty field of a form sent by GET: the parameter's own rule
                continue
            if not isinstance(value, str) or not _canonical_integer(value):
                raise FieldError(name, LOOSE_INTEGER, value=briefly(str(value)))


def _canonical_integer(text: str) -> bool:
    """Digits 0-9 without a leading zero; how many is the parameter's own bound to judge (a
    huge offset is an empty page)."""
    return text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0"))


@cache
def query_parameters(handler: BaseRouteHandler) -> tuple[tuple[str, FieldDefinition], ...]:
    """The query parameters `handler` reads, by the name a client sends, with their fields:
    what is not the path, the body, a header or a cookie, nor one of Litestar's own."""
    path = {
        part[1:-1].partition(":")[0]
        for template in handler.paths
        for part in template.split("/")
        if part.startswith("{")
    }
    found = []
    for name, field in handler.parsed_fn_signature.parameters.items():
        declared = field.kwarg_definition
        if name in RESERVED_KWARGS or name in path or isinstance(declared, BodyKwarg):
            continue
        if isinstance(declared, ParameterKwarg):
            if declared.param_type not in (None, ParamType.QUERY):
                continue
            name = declared.name or name
        found.append((name, field))
    return tuple(found)


@cache
def integer_query_parameters(handler: BaseRouteHandler) -> frozenset[str]:
    """The query parameters (by the name a client sends) that `handler` reads as ints."""
    return frozenset(name for name, field in query_parameters(handler) if _reads_int(field))


def _reads_int(field: FieldDefinition) -> bool:
    """An `int`, an `int | None`, or a list of either (not a bool, which is an int too)."""
    if field.is_optional or field.is_non_string_collection:
        return any(_reads_int(inner) for inner in field.inner_types)
    return field.annotation is int
