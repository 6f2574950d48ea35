"""Names for the numbers in an access answer, for the officer's page only.

The export (and its JSON) keeps every id: a program and the member's own copy read them. A
person reading the page reads "Kevin Dubois" or the mailing's subject, not "183": each
foreign key is looked up in the table it points at, by the first column of that table that
names a row. The row's own id stays, shown as its reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piccolo.columns import ForeignKey
from piccolo.table import Table

from kring.declarations import REGISTER
from kring.tables import Member
from privacy.account_names import ACCOUNT_COLUMNS, account_names

NAMING_COLUMNS = ("title", "name", "subject_nl", "subject", "label", "title_nl")
"""Columns that name a row, most telling first; a table with none keeps its numbers."""


def _naming_columns(table: type[Table]) -> list[str]:
    if table is Member:
        return ["first_name", "last_name"]
    names = {column._meta.name for column in table._meta.columns}
    return [next((n for n in NAMING_COLUMNS if n in names), "")] if names else []


async def _names(table: type[Table], ids: set[int]) -> dict[int, str]:
    columns = [c for c in _naming_columns(table) if c]
    if not columns or not ids:
        return {}
    key = table._meta.primary_key
    rows = await table.select(key, *(table._meta.get_column_by_name(c) for c in columns)).where(
        key.is_in(sorted(ids))
    )
    return {
        row[key._meta.name]: " ".join(str(row[c]) for c in columns if row[c]).strip() or "—"
        for row in rows
    }


async def reference_names(
    tables: dict[str, Any], gettext: Callable[[str], str]
) -> dict[str, dict[str, dict[int, str]]]:
    """Per table and foreign-key column: id → the name of the row it points at; an account
    number (`recorded_by`, `closed_by`, ...) → the person and their role."""
    found: dict[str, dict[str, dict[int, str]]] = {}
    for tablename, section in tables.items():
        declaration = REGISTER.personal.get(tablename)
        if declaration is None or not section["rows"]:
            continue
        for column in declaration.table._meta.columns:
            name = column._meta.name
            ids = {row[name] for row in section["rows"] if isinstance(row.get(name), int)}
            if name in ACCOUNT_COLUMNS:
                names = await account_names(ids, gettext)
            elif isinstance(column, ForeignKey):
                names = await _names(column._foreign_key_meta.resolved_references, ids)
            else:
                continue
            if names:
                found.setdefault(tablename, {})[name] = names
    return found
