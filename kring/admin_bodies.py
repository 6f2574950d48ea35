"""What Piccolo Admin is sent to write, read before its own validation reads it.

Piccolo validates a row with pydantic, which reads a JSON `true` as 1 and `false` as 0 for an
id or a number: `"organisation": true` became organisation 1 before the apps' checks
(`DomainApp.admin_hooks`) saw the value. The admin mount (`kring.admin_site`) reads the body of
a row's POST or PATCH, refuses a yes or no sent for a column that is no yes/no column with a 400
naming the field, and hands the body on as it came otherwise. Piccolo Admin's own form sends
every value as text ("1" for an id), which pydantic reads as before; so an id has two spellings,
the form's digits and a JSON whole number, and no other: pydantic also read " 1", "+1", "1_0",
"1.0" and a JSON 1.0 as row 1 (and answered "1.5" with a 422 in its own words).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from piccolo.columns import Array, Boolean, Column, Date, ForeignKey, Integer, Serial
from piccolo.table import Table

from kring.admin_queries import LOWEST, out_of_range
from kring.validation import MAX_ID, FieldError, briefly, refuse_control_characters

ID_DIGITS = re.compile(r"[1-9][0-9]*")
"""A row id as Piccolo Admin's form writes it: ASCII digits, no sign, space or leading zero."""

SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair alone, which JSON's `\\ud800` can write: no character."""

ROW_WRITE = re.compile(r"(?:^|/admin)/api/tables/(?P<table>\w+)/(?:[^/]+/?)?$")
"""A row's POST (`/api/tables/<table>/`) or PATCH (`/api/tables/<table>/<id>/`)."""


def written_table(method: str, path: str, tables: Iterable[type[Table]]) -> type[Table] | None:
    """The table whose row the request writes, if it writes one."""
    return changed_table(method, path, tables) if method in ("POST", "PATCH") else None


def changed_table(method: str, path: str, tables: Iterable[type[Table]]) -> type[Table] | None:
    """The table whose row the request writes or deletes, if it changes one: the apps' hooks
    may refuse it (`DomainApp.admin_hooks`)."""
    found = ROW_WRITE.search(path) if method in ("POST", "PATCH", "DELETE") else None
    if found is None:
        return None
    return next((t for t in tables if t._meta.tablename == found["table"]), None)


def _takes(column: Column) -> str:
    if isinstance(column, ForeignKey):
        target = column._foreign_key_meta.resolved_references._meta.tablename
        article = "an" if target[:1] in "aeiou" else "a"
        return f"the id of {article} {target} (a whole number)"
    if isinstance(column, (Integer, Serial)):
        return "a whole number"
    if isinstance(column, Date):
        return "a date (YYYY-MM-DD)"
    if isinstance(column, Array):
        return "a list"
    return "text"


def is_row_id(value: Any) -> bool:
    """A row id in one of its two spellings, within the ids a row can have (1 to `MAX_ID`)."""
    if isinstance(value, str):
        return (
            len(value) <= len(str(MAX_ID))
            and ID_DIGITS.fullmatch(value) is not None
            and (int(value) <= MAX_ID)
        )
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def _whole_number(value: Any) -> int | None:
    """A JSON whole number, or the form's digits (a number past any column's as `MAX_ID + 1`,
    unread: `int()` reads no more than 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and ID_DIGITS.fullmatch(value):
        return MAX_ID + 1 if len(value) > len(str(MAX_ID)) else int(value)
    return None


def _refusal(column: Column, value: Any) -> str | None:
    name = column._meta.name
    if isinstance(value, bool) and not isinstance(column, Boolean):
        return f"{name}: {json.dumps(value)} is a yes or no; this field takes {_takes(column)}"
    if isinstance(column, ForeignKey) and value is not None and not is_row_id(value):
        number = _whole_number(value)
        if number is not None and not LOWEST <= number <= MAX_ID:
            return out_of_range(name, str(value))
        shown = briefly(json.dumps(value, ensure_ascii=False))
        return (
            f"{name}: {shown} is no row id; this field takes {_takes(column)}, "
            f"from 1 to {MAX_ID} in digits only"
        )
    return None


class _Constant:
    """JSON's NaN, Infinity or -Infinity, which Python's JSON reads and Piccolo cannot quote."""

    def __init__(self, name: str) -> None:
        self.name = name


def _unquotable(name: str, value: Any) -> str | None:
    """The refusal of a value Piccolo's answers cannot repeat: a 422 quoting NaN or a lone
    surrogate failed to write itself, a 500."""
    if isinstance(value, _Constant):
        return f"{name}: {value.name} is no value JSON has; send text, a number or null"
    if isinstance(value, str) and SURROGATE.search(value):
        try:
            refuse_control_characters(value, name)
        except FieldError as refused:
            return str(refused)
    if isinstance(value, list):
        return next((r for item in value if (r := _unquotable(name, item))), None)
    if isinstance(value, dict):
        return next((r for item in value.values() if (r := _unquotable(name, item))), None)
    return None


def yes_or_no_refused(table: type[Table], body: bytes) -> str | None:
    """The refusal naming the first field of the body's object that holds `true` or `false`
    where its column is no yes/no column, a reference that is no row id (`is_row_id`), JSON's
    NaN or Infinity, or a lone surrogate; None for any other body, which is Piccolo's to read
    (a null is the apps' hooks' to judge)."""
    try:
        sent: Any = json.loads(body, parse_constant=_Constant)
    except ValueError:
        return None
    if not isinstance(sent, dict):
        return None
    columns = {column._meta.name: column for column in table._meta.columns}
    for name, value in sent.items():
        if (refusal := _unquotable(name, name)) is not None:
            return f"body: the field {json.dumps(name)} {refusal.split(': ', 1)[1]}"
        if (refusal := _unquotable(name, value)) is not None:
            return refusal
        column = columns.get(name)
        if column is not None and (refusal := _refusal(column, value)):
            return refusal
    return None
