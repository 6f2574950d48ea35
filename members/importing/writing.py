"""Writing what an import decided, in one transaction and in batches.

Row by row, each member and organisation was its own commit with its own checks: 50,000 rows
took minutes on SQLite. The importer decides every row first against its indexes (which
already refuse a taken e-mail, enterprise number or domain), then this writes it all at once:
either the whole file is in, or nothing is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from piccolo.table import Table

from kring.database import write_transaction
from kring.search import with_member_search, with_organisation_search
from kring.tables import Member, Organisation, OrganisationDomain
from privacy.audit import Action, record_audit

BATCH = 500
"""Rows per INSERT: within SQLite's and asyncpg's limits on parameters (Member has 20 columns)."""

T = TypeVar("T")


@dataclass
class Plan:
    """What one import writes; new rows carry provisional (negative) ids until written."""

    organisations: dict[int, tuple[dict[str, Any], tuple[str, ...]]] = field(default_factory=dict)
    """Provisional id → the organisation's fields and its e-mail domains."""
    members: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Provisional id → the member's fields (`organisation` may be a provisional id)."""
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """Member id → the fields to write (their search text included)."""

    def __bool__(self) -> bool:
        return bool(self.organisations or self.members or self.updates)


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _sql_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


async def _insert(table: type[Table], provisional: Sequence[int], values: list[dict]) -> dict:
    """One INSERT … RETURNING per batch, its text built here: Piccolo's `insert(*rows)` spent
    most of an import's writing building a row object and a nested query per row. The
    defaults (`created_at`, `joined_at`…) are the ones a new row object holds."""
    columns = [c._meta.name for c in table._meta.columns if c is not table._meta.primary_key]
    defaults = table().to_dict()
    head = f"INSERT INTO {table._meta.get_formatted_tablename()} "
    head += f"({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)}) VALUES "
    row = f"({', '.join('{}' for _ in columns)})"
    ids: dict[int, int] = {}
    for keys, chunk in zip(_chunks(provisional), _chunks(values), strict=True):
        args = [_sql_value(data.get(c, defaults[c])) for data in chunk for c in columns]
        sql = head + ", ".join(row for _ in chunk) + " RETURNING id"
        written = await table.raw(sql, *args)
        # Ids are drawn in the VALUES' order; RETURNING's order is not promised (SQLite).
        ids.update(zip(keys, sorted(r["id"] for r in written), strict=True))
    return ids


def _resolved(values: dict[str, Any], ids: dict[int, int]) -> dict[str, Any]:
    """`values` with a provisional organisation replaced by the one just written."""
    organisation = values.get("organisation")
    if organisation is None:
        return values
    return values | {"organisation": ids.get(organisation, organisation)}


async def write_plan(
    plan: Plan,
    actor: int | None,
    audited: str,
    then: Callable[[dict[int, int]], Awaitable[None]] | None = None,
) -> dict[int, int]:
    """Writes `plan` in one transaction and audits it; returns provisional id → real id.
    `then` runs last inside the transaction (a background run records its end there, and
    raising in it undoes the whole write)."""
    async with write_transaction():
        organisations = list(plan.organisations.items())
        ids = await _insert(
            Organisation,
            [key for key, _ in organisations],
            [with_organisation_search(data) for _, (data, _) in organisations],
        )
        domains = [
            {"organisation": ids[key], "domain": domain}
            for key, (_, owned) in organisations
            for domain in owned
        ]
        await _insert(OrganisationDomain, range(len(domains)), domains)
        members = [with_member_search(_resolved(data, ids)) for data in plan.members.values()]
        ids |= await _insert(Member, list(plan.members), members)
        for member_id, changes in plan.updates:
            await Member.update(_resolved(changes, ids)).where(Member.id == member_id)
        await record_audit(actor, None, Action.changed, audited)
        if then is not None:
            await then(ids)
    return ids
