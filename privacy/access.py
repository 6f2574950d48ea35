"""Everything held about a person (GDPR art. 15 and 20), found through the declarations.

The export's schema, `kring-access/1`:

    {"schema": "kring-access/1",
     "generated_at": "<ISO 8601, UTC>",
     "subject": {"member_id": int, "first_name": str, "last_name": str, "status": str},
     "tables": {"<table name>": {"category": str, "purpose": str, "legal_basis": str,
                                  "retention": str, "recipients": [str], "rows": [{...}]}},
     "not_searched": {"<table name>": "<why: staff-only table not linked to members>"}}

Every column of every row is included; credentials (password and token hashes) are withheld.
Tables where the person has no rows are listed with an empty `rows`.
"""

from __future__ import annotations

from typing import Any

from kring.clock import utc_now
from kring.errors import NotFound
from kring.tables import Member
from privacy.serialise import row
from privacy.subjects import Finder, linked_declarations, unlinked_declarations

SCHEMA = "kring-access/1"


async def access_export(member_id: int) -> dict[str, Any]:
    """Read in one transaction: a consistent snapshot, on one connection."""
    async with Member._meta.db.transaction():
        return await _export(member_id)


async def _export(member_id: int) -> dict[str, Any]:
    member = (
        await Member.select(Member.id, Member.first_name, Member.last_name, Member.status)
        .where(Member.id == member_id)
        .first()
    )
    if member is None:
        raise NotFound(f"member {member_id} not found", field="member_id")
    finder = Finder(member_id)
    tables: dict[str, Any] = {}
    for declaration in linked_declarations():
        where = await finder.where(declaration)
        table = declaration.table
        rows = (
            []
            if where is None
            else await table.select().where(where).order_by(table._meta.primary_key)
        )
        tables[declaration.tablename] = {
            "category": declaration.category,
            "purpose": declaration.purpose,
            "legal_basis": str(declaration.legal_basis),
            "retention": declaration.retention,
            "recipients": list(declaration.recipients),
            "rows": [row(values) for values in rows],
        }
    return {
        "schema": SCHEMA,
        "generated_at": utc_now().isoformat(),
        "subject": {
            "member_id": member["id"],
            "first_name": member["first_name"],
            "last_name": member["last_name"],
            "status": member["status"],
        },
        "tables": tables,
        "not_searched": {
            d.tablename: "staff-only table, not linked to members" for d in unlinked_declarations()
        },
    }
