"""A key that comes twice in one object of a JSON body is refused, named by its whole path.

JSON parsers keep the last of two values of one key, silently: `{"title": "a", "title": "b"}`
stored "b", though the client may have meant "a". The check runs where every JSON body is
decoded (`kring.web.inputs.CheckedRequest.json`), after the body is read as JSON and before
its schema is checked: a body sending `rows` twice hears about that, not about whichever
`rows` a schema happened to see last.
"""

from __future__ import annotations

import json
from typing import Any

from kring.messages import N_
from kring.validation import FieldError, item_path, key_path


class DuplicateKey(FieldError):
    """`field` is the key's path (`address.street`, `rows[3].email`, `body[0].title` in a
    list), `parent` the path of the object holding it; `first` and `second` are its two
    values as sent (numbers left unread, as None), for a caller that may show them (the
    import quotes its cells)."""

    def __init__(self, parent: str, key: str, first: Any, second: Any) -> None:
        super().__init__(
            key_path(parent, key), N_("was sent more than once in one object; send it once")
        )
        self.parent = parent
        self.key = key
        self.first = first
        self.second = second


class _Object(list[tuple[str, Any]]):
    """An object's key-value pairs in the order sent, duplicates kept."""


def refuse_duplicate_keys(body: bytes) -> None:
    """Raises `DuplicateKey` for the first key, in reading order, that comes twice in one
    object. Numbers and constants are left unread: only keys matter here. Too deep a body
    raises RecursionError, which the error handlers answer with a 400."""
    try:
        document = json.loads(
            body or b"null",
            object_pairs_hook=_Object,
            parse_int=_ignored,
            parse_float=_ignored,
            parse_constant=_ignored,
        )
    except ValueError as error:  # read as JSON by the decoder, but not by this parser
        raise FieldError("body", N_("not JSON: %(detail)s"), detail=error) from None
    _check(document, "")


def _check(value: Any, path: str) -> None:
    if isinstance(value, _Object):
        seen: dict[str, Any] = {}
        for key, item in value:
            if key in seen:
                raise DuplicateKey(path, key, seen[key], item)
            seen[key] = item
            _check(item, key_path(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, item_path(path, index))


def _ignored(_text: str) -> None:
    return None
