"""The append-only audit trail. There is deliberately no function to change or delete entries."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from kring.clock import utc_now
from privacy.tables import AuditEntry

MAX_ROWS = 500


class Action(StrEnum):
    viewed = "viewed"
    exported = "exported"
    changed = "changed"
    erased = "erased"


async def record_audit(
    actor: int | None, member: int | None, action: Action, table: str = ""
) -> None:
    """Note who (an account id) did what to whose (a member id) data in which table."""
    await AuditEntry.insert(
        AuditEntry(
            actor=actor, member=member, action=Action(action), table_name=table, at=utc_now()
        )
    )


async def audit_entries(
    *,
    member: int | None = None,
    actor: int | None = None,
    action: Action | None = None,
    table: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
) -> list[dict]:
    """Newest first, filtered by any combination of member, actor, action, table and period."""
    query = (
        AuditEntry.select()
        .order_by(AuditEntry.at, ascending=False)
        .order_by(AuditEntry.id, ascending=False)
    )
    if member is not None:
        query = query.where(AuditEntry.member == member)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if table:
        query = query.where(AuditEntry.table_name == table)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return await query.limit(min(limit, MAX_ROWS))
