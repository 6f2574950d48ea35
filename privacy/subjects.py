"""Finding a person's rows in any declared table, by following the declaration's subject path.

A declared column that is a foreign key links rows to the person when it points at the Member
(directly) or at rows of another declared table that are themselves linked (Account → Member,
UserSession → Account → Member). Tables with several member columns (a block's blocker and
blocked, an introduction's expert and requester) are linked through each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from piccolo.columns import Column, ForeignKey
from piccolo.table import Table

from kring.declarations import REGISTER, PersonalData
from kring.schema import all_tables
from kring.tables import Member


def link_columns(declaration: PersonalData) -> list[ForeignKey]:
    """The declared foreign keys through which rows of this table belong to a member."""
    if declaration.table is Member:
        return []
    names = [declaration.subject, *(n for n in declaration.columns if n != declaration.subject)]
    links = []
    for name in names:
        column = declaration.table._meta.get_column_by_name(name)
        if isinstance(column, ForeignKey) and _is_linked_table(
            column._foreign_key_meta.resolved_references, set()
        ):
            links.append(column)
    return links


def _is_linked_table(table: type[Table], seen: set[str]) -> bool:
    if table is Member:
        return True
    name = table._meta.tablename
    declaration = REGISTER.personal.get(name)
    if declaration is None or name in seen:
        return False
    seen.add(name)
    return any(
        isinstance(column := table._meta.get_column_by_name(n), ForeignKey)
        and _is_linked_table(column._foreign_key_meta.resolved_references, seen)
        for n in [declaration.subject, *declaration.columns]
        if n in {c._meta.name for c in table._meta.columns}
    )


def is_linked(declaration: PersonalData) -> bool:
    return declaration.table is Member or bool(link_columns(declaration))


def linked_declarations() -> list[PersonalData]:
    """Declarations of member-linked tables, parents before children (as the schema sorts them)."""
    order = {table._meta.tablename: i for i, table in enumerate(all_tables())}
    found = [d for d in REGISTER.personal.values() if is_linked(d)]
    return sorted(found, key=lambda d: order.get(d.tablename, len(order)))


def unlinked_declarations() -> list[PersonalData]:
    """Declared tables about people who are never members (staff mirrors); listed, not erased."""
    return [d for d in REGISTER.personal.values() if not is_linked(d)]


@dataclass
class Finder:
    """Resolves, once per request, the ids of a member's rows in each linked table."""

    member_id: int
    _ids: dict[str, list[int]] = field(default_factory=dict)

    async def ids(self, table: type[Table]) -> list[int]:
        name = table._meta.tablename
        if name not in self._ids:
            if table is Member:
                self._ids[name] = [self.member_id]
            else:
                key = table._meta.primary_key
                where = await self.where(REGISTER.personal[name])
                rows = [] if where is None else await table.select(key).where(where)
                self._ids[name] = [row[key._meta.name] for row in rows]
        return self._ids[name]

    async def where(self, declaration: PersonalData):
        """A where-clause selecting the member's rows, or None when they have none."""
        table = declaration.table
        if table is Member:
            return Member.id == self.member_id
        clause = None
        for column in link_columns(declaration):
            target = column._foreign_key_meta.resolved_references
            ids = await self.ids(target)
            if not ids:
                continue
            part = column == ids[0] if len(ids) == 1 else column.is_in(ids)
            clause = part if clause is None else clause | part
        return clause


def column_named(table: type[Table], name: str) -> Column:
    return table._meta.get_column_by_name(name)
