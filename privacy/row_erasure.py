"""Erasing rows as their table's declaration says: delete them, or blank, null or replace the
declared columns and keep the rest. Member erasure (privacy.erasure) and the end of a hold
(privacy.holds) both come here."""

from __future__ import annotations

from typing import Any

from piccolo.columns import Array, Column

from kring.choices import MemberStatus
from kring.declarations import REGISTER, Erase, PersonalData
from kring.tables import Member


def remaining_columns(declaration: PersonalData) -> list[str]:
    """The columns an erased row keeps as they were: every column but its key, the ones erasure
    sets and those that change by themselves (`updated_at`). Derived, not declared, so the
    outcome names all that remains (a member's `joined_at` and `language` too)."""
    table = declaration.table
    if Erase.delete_row in declaration.columns.values():
        return []
    targets = _targets(declaration)
    return sorted(
        column._meta.name
        for column in table._meta.columns
        if not column._meta.primary_key
        and column._meta.name not in targets
        and column._meta.auto_update is ...  # Ellipsis: no automatic update
    )


def _erased_value(column: Column, how: Erase) -> Any:
    if how == Erase.null:
        return None
    if how == Erase.blank:
        return [] if isinstance(column, Array) else ""
    return column.get_default_value()


def _targets(declaration: PersonalData) -> dict[str, Any]:
    table = declaration.table
    targets = {
        name: _erased_value(table._meta.get_column_by_name(name), how)
        for name, how in declaration.columns.items()
        if how in (Erase.null, Erase.blank, Erase.replace)
    }
    if table is Member:
        targets["status"] = MemberStatus.erased.value
    return targets


async def erase_ids(declaration: PersonalData, ids: list[int], outcome: dict[str, Any]) -> None:
    table = declaration.table
    name = declaration.tablename
    key = table._meta.primary_key
    where = key.is_in(ids)
    if Erase.delete_row in declaration.columns.values():
        count = await table.count().where(where)
        if count:
            await table.delete().where(where)
            outcome["deleted"][name] = count
        return
    targets = _targets(declaration)
    rows = await table.select(key, *targets).where(where)
    changed = [r[key._meta.name] for r in rows if any(r[c] != v for c, v in targets.items())]
    if changed:
        values = {table._meta.get_column_by_name(c): v for c, v in targets.items()}
        await table.update(values).where(key.is_in(changed))
        outcome["changed"][name] = len(changed)
    kept = remaining_columns(declaration)
    if rows and kept:
        outcome["kept"][name] = {"rows": len(rows), "columns": kept}


async def erase_rows(tablename: str, ids: list[int]) -> dict[str, Any]:
    """Erase single rows whose hold ended, as their table's declaration says (in the caller's
    transaction)."""
    outcome: dict[str, Any] = {"deleted": {}, "changed": {}, "kept": {}}
    if ids:
        await erase_ids(REGISTER.personal[tablename], ids, outcome)
    return outcome
