"""The append-only audit trail. There is deliberately no function to change or delete entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from kring.clock import utc_now
from kring.messages import N_, FieldName, FieldNames
from kring.table_labels import TABLE_LABELS
from kring.typed_dates import read_day
from kring.validation import FieldError, FieldErrors
from privacy.tables import AuditEntry

MAX_ROWS = 500
FILTERS = ("member", "actor", "action", "table", "since", "until")
"""What the trail can be filtered by, on the officer's page and in the API (which adds `limit`)."""


def refuse_unknown_filters(names: Iterable[str], also: tuple[str, ...] = ()) -> None:
    """Each query parameter that is not a filter is refused by name, never ignored: a full log
    that looks filtered (`?memebr=4`) misleads."""
    known = FILTERS + also
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise FieldErrors(
            [
                FieldError(
                    name[:60],
                    N_("is not a filter of the audit trail; its filters are %(filters)s"),
                    filters=FieldNames(known),
                )
                for name in unknown
            ]
        )


def audit_table(raw: str | None) -> str | None:
    """The `table` filter, on the officer's page and in the API alike: a name that is no table of
    the trail is refused by name (the API answered an empty list, which reads as "nothing
    happened to that table")."""
    if raw and raw not in TABLE_LABELS:
        raise FieldError("table", N_("is not a table of the audit trail"))
    return raw or None


def audit_day(raw: str | None, field: str) -> datetime | None:
    """The `since` or `until` filter as the start of its day (UTC), on the officer's page and in
    the API alike: one parser, so a day one takes the other takes, and a spelling one refuses
    the other refuses with the same words (the page took 20261207 where the API refused it)."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        day = read_day(text)
    except ValueError:
        raise FieldError(field, N_("must be a date as dd-mm-yyyy or yyyy-mm-dd")) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


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
    """Newest first, filtered by any combination of member, actor, action, table and period
    (``until`` excluded: a period that ends where it starts, or before, is refused, not
    answered with nothing)."""
    if since is not None and until is not None and until <= since:
        raise FieldError("until", N_("must be after %(other)s"), other=FieldName("since"))
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
