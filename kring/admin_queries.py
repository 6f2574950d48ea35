"""What Piccolo Admin's table API is asked, read before it reads it: a 400 naming the parameter
instead of its 500s.

Piccolo's CRUD endpoints answered 500 to queries they cannot read: `__order` of a column the
table does not have (or of a joined table's), any parameter but an array column's sent twice or
as `x[]`; a number past any row was a 409 or a logged traceback, and a row id read `١٢` and `+12`
as row 12. `__visible_fields` of a joined table's column was a 400 naming nothing, a page size
past 1,000 a 403 and a negative one every row. Kring's own routes refuse these
(`kring.web.path_ids`, repeated query parameters); so does the admin, on every route of every
table (`Validators.every`, and the mount for row ids), as it refuses a filter longer than its
text column holds (a 500 from Piccolo's filter model).
"""

from __future__ import annotations

import re
from typing import Any

from piccolo.columns import Varchar
from starlette.exceptions import HTTPException
from starlette.requests import Request

from kring.errors import NotFound
from kring.messages import N_
from kring.validation import MAX_ID, FieldError, briefly, refuse_control_characters
from kring.web.path_ids import BEYOND_IDS, OTHER_SPELLING

_ROW = re.compile(r"(?:^|/admin)/api/tables/\w+/([^/]+)/?$")
LISTS = frozenset({"__order", "__visible_fields"})
"""Parameters Piccolo reads as lists when sent more than once."""
WHOLE_NUMBERS = frozenset({"__page", "__page_size", "limit", "offset"})
"""Parameters that are whole numbers whatever the table (`limit`, `offset`: the ids list)."""
LOWEST = -MAX_ID - 1
"""With `MAX_ID`, the range of a 32-bit column (ids, references): past it SQLite's driver
overflows and PostgreSQL refuses the query, answers that name no field."""


def out_of_range_error(name: str, value: str) -> FieldError:
    """The refusal of a whole number no 32-bit column holds, naming the field: English for the
    API, in the reader's language on the admin's page (`kring.admin_site.note_refusal`)."""
    return FieldError(
        name,
        N_("%(value)s is out of range; send a whole number from %(lowest)s to %(highest)s"),
        value=briefly(value),
        lowest=LOWEST,
        highest=MAX_ID,
    )


def out_of_range(name: str, value: str) -> str:
    """`out_of_range_error` as the API's English."""
    return str(out_of_range_error(name, value))


def _refused(name: str, message: str) -> HTTPException:
    return HTTPException(400, f"{name}: {message}")


def _check_repeats(request: Request, lists: frozenset[str]) -> None:
    counts: dict[str, int] = {}
    for key, _ in request.query_params.multi_items():
        name = key.removesuffix("[]")
        counts[name] = counts.get(name, 0) + (2 if key != name else 1)
        if counts[name] > 1 and name not in lists:
            raise _refused(name, "was sent more than once; send one value")


def _check_order(request: Request, table: Any) -> None:
    columns = [column._meta.name for column in table._meta.columns]
    for value in request.query_params.getlist("__order"):
        for name in value.split(","):
            name = name.removeprefix("-")
            if name not in columns:
                raise _refused(
                    "__order",
                    f"{briefly(name)!r} is not a column of {table._meta.tablename}; "
                    f"the columns are {', '.join(columns)}",
                )


def _check_visible_fields(request: Request, table: Any) -> None:
    """Only the table's own columns: Piccolo Admin's lists make no joins (its `max_joins` is
    0), and Piccolo's refusals ("Max join depth exceeded") named no parameter. Sent once, the
    value is a list of names split at its commas; sent more often, each value is one name."""
    columns = [column._meta.name for column in table._meta.columns]
    values = request.query_params.getlist("__visible_fields") + request.query_params.getlist(
        "__visible_fields[]"
    )
    names = values[0].split(",") if len(values) == 1 else values
    for name in names:
        if name in columns:
            continue
        listed = ", ".join(columns)
        tablename = table._meta.tablename
        if "." in name:
            said = f"is a column of another table; the columns of {tablename} are {listed}"
        else:
            said = f"is not a column of {tablename}; the columns are {listed}"
        raise _refused("__visible_fields", f"{briefly(name)!r} {said}")


def whole_number(value: str) -> int | None:
    """The number `int()` reads from `value` (Piccolo reads it so), if in ASCII digits; a
    number of more digits than any page holds as `MAX_ID + 1`."""
    digits = value.strip().removeprefix("-").removeprefix("+")
    if not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits.lstrip("0")) > len(str(MAX_ID)):
        return -MAX_ID - 1 if value.strip().startswith("-") else MAX_ID + 1
    return int(value)


def _check_pages(request: Request, most: int) -> None:
    """A page size from 1 to `most` (Piccolo answered a larger one 403, as if forbidden, and a
    negative one with every row of the table), a page from 1."""
    for value in request.query_params.getlist("__page_size"):
        size = whole_number(value)
        if size is not None and not 1 <= size <= most:
            raise _refused(
                "__page_size",
                f"{briefly(value)} is not a page size; send a whole number from 1 to {most}",
            )
    for value in request.query_params.getlist("__page"):
        page = whole_number(value)
        if page is not None and page < 1:
            raise _refused("__page", f"{briefly(value)} is not a page; pages count from 1")


RANGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")


def _check_range_name(request: Request) -> None:
    """Piccolo writes `__range_header_name` into its Content-Range header: a NUL or a line
    break there dropped the connection with a traceback, a letter outside Latin-1 was a 500."""
    for value in request.query_params.getlist("__range_header_name"):
        if not RANGE_NAME.fullmatch(value):
            raise _refused(
                "__range_header_name",
                f"{briefly(value)!r} is not a name for a range; send at most 60 letters a-z, "
                "digits, '-' or '_'",
            )


def _out_of_range(value: str) -> bool:
    """A whole number in the digits 0-9 that no 32-bit column holds (nor `int()` reads, past
    4,300 digits); anything else Piccolo refuses itself."""
    digits = value.strip().removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return False
    return len(digits.lstrip("0")) > len(str(MAX_ID)) or not LOWEST <= int(value) <= MAX_ID


def _check_numbers(request: Request, table: Any) -> None:
    numbers = WHOLE_NUMBERS | {
        column._meta.name for column in table._meta.columns if column.value_type is int
    }
    for key, value in request.query_params.multi_items():
        name = key.removesuffix("[]")
        if name in numbers and _out_of_range(value):
            raise HTTPException(400, out_of_range(name, value))


def refuse_other_row_ids(path: str) -> None:
    """The one spelling of a row's id, as on Kring's own routes (`kring.web.path_ids`): `١٢`,
    `+12` or `012` is no row, nor is a number past any row. Checked at the mount: Piccolo looks
    the row up before its validators run."""
    found = _ROW.search(path)
    if found is None:
        return
    row_id = found.group(1)
    if row_id.isascii() and row_id.isdigit() and len(row_id) > len(str(MAX_ID)) + 1:
        number = MAX_ID + 1  # past any row, and past what `int()` reads (4,300 digits)
    else:
        try:
            number = int(row_id)
        except ValueError:
            return  # no number (`count`, `schema`, `abc`): Piccolo's own routes and answers
    if number > MAX_ID:
        raise NotFound(
            BEYOND_IDS, field="row_id", parameter="row_id", value=briefly(row_id), limit=MAX_ID
        )
    if row_id != str(number):
        raise NotFound(OTHER_SPELLING, field="row_id", parameter="row_id")


def refuse_unreadable_query(piccolo_crud: Any, request: Request) -> None:
    """A Piccolo `Validators.every` function: raises the 400 naming the parameter Piccolo
    could not read."""
    table = piccolo_crud.table
    arrays = frozenset(c._meta.name for c in table._meta.columns if c.value_type is list)
    _check_control_characters(request)
    _check_repeats(request, LISTS | arrays)
    _check_order(request, table)
    _check_visible_fields(request, table)
    _check_pages(request, piccolo_crud.max_page_size)
    _check_range_name(request)
    _check_numbers(request, table)
    _check_text_lengths(request, table)


def _check_control_characters(request: Request) -> None:
    """A control character in a parameter, as on Kring's own routes: a filter holding U+0000
    matched no row on SQLite and was refused by PostgreSQL, a 400 naming no parameter."""
    for key, value in request.query_params.multi_items():
        name = key.removesuffix("[]")
        try:
            refuse_control_characters(key, "query")
            refuse_control_characters(value, name)
        except FieldError as refused:
            raise _refused(refused.field, refused.message) from None


def _check_text_lengths(request: Request, table: Any) -> None:
    """A filter on a text column longer than the column holds: Piccolo's filter model refused
    it with a 500 (pydantic's `max_length`); no row could match it anyway."""
    for key, value in request.query_params.multi_items():
        name = key.removesuffix("[]")
        column = table._meta.get_column_by_name(name) if name in _column_names(table) else None
        longest = getattr(column, "length", None) if isinstance(column, Varchar) else None
        if longest is not None and len(value) > longest:
            raise HTTPException(
                400,
                f"{name}: a filter of {len(value)} characters; the column holds at most "
                f"{longest}, so no row could match it",
            )


def _column_names(table: Any) -> set[str]:
    return {column._meta.name for column in table._meta.columns}
