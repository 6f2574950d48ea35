"""Holds per row: erasure keeps back only the rows under hold, and erases them when it ends.

A hold names one row (table and id), a reason with its ground in GDPR art. 17(3), an end date
and who set it (an account id, or None for a rule of the platform). Rules add holds by
themselves when an erasure meets their rows: every invoice is an accounting record kept for
KRING_ACCOUNTING_RETENTION_YEARS (default 7) after its date, and an unpaid one is also a claim.
Staff add others (an open dispute) with `add_hold`.

Erasure leaves a held row exactly as it is (number, amount, dates) and marks its holds
`erasure_deferred`; the worker job `release_expired_holds` erases the row once no hold on it
is in force any more.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from enum import StrEnum
from typing import Any

from piccolo.columns import ForeignKey
from piccolo.engine import engine_finder
from piccolo.table import Table

from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.declarations import REGISTER, PersonalData
from kring.errors import NotFound
from kring.messages import N_
from kring.settings import get_settings
from kring.tables import Invoice, Member
from kring.validation import FieldError, briefly
from privacy.row_erasure import erase_rows
from privacy.subjects import Finder
from privacy.tables import RowHold

BATCH = 200  # expired holds handled per job run


class Reason(StrEnum):
    accounting_record = "accounting_record"
    unpaid_invoice = "unpaid_invoice"
    open_dispute = "open_dispute"


GROUND = {
    Reason.accounting_record: "GDPR art. 17(3)(b)",  # a legal obligation (accounting law)
    Reason.unpaid_invoice: "GDPR art. 17(3)(e)",  # establishing or exercising a legal claim
    Reason.open_dispute: "GDPR art. 17(3)(e)",  # defending or exercising a legal claim
}


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def today() -> date:
    return utc_now().date()


def _in_force(on: date):
    return RowHold.released_at.is_null() & (RowHold.until >= on)


def _of_a_member(declaration: PersonalData) -> bool:
    subject = declaration.table._meta.get_column_by_name(declaration.subject)
    return (
        isinstance(subject, ForeignKey) and subject._foreign_key_meta.resolved_references is Member
    )


async def add_hold(
    table: str, row_id: int, reason: Reason | str, until: date, created_by: int | None
) -> int:
    """Hold one row of a declared table; the same hold twice is one hold (its latest end)."""
    declaration = REGISTER.personal.get(table)
    if declaration is None:
        raise FieldError(
            "table",
            N_("%(value)r is not a declared table with personal data"),
            value=briefly(table),
        )
    if not _of_a_member(declaration):
        # The member row stays anyway; a row below another one (a session below an account)
        # would go with its parent.
        held = sorted(t for t, d in REGISTER.personal.items() if _of_a_member(d))
        raise FieldError(
            "table",
            N_(
                "rows of %(value)r cannot be held: only a row that belongs to a member can be "
                "kept back from their erasure (a row of %(tables)s)"
            ),
            value=table,
            tables=", ".join(held),
        )
    try:
        reason = Reason(reason)
    except ValueError:
        known = ", ".join(Reason)
        raise FieldError(
            "reason",
            N_("unknown reason %(value)r; use one of %(choices)s"),
            value=briefly(str(reason)),
            choices=known,
        ) from None
    if until < today():
        raise FieldError("until", N_("a hold must end today or later"))
    key = declaration.table._meta.primary_key
    if not await declaration.table.exists().where(key == row_id):
        raise NotFound(
            N_("%(table)s row %(row_id)s not found"), field="row_id", table=table, row_id=row_id
        )
    where = (
        (RowHold.table_name == table)
        & (RowHold.row_id == row_id)
        & (RowHold.reason == reason)
        & RowHold.released_at.is_null()
    )
    existing = await RowHold.select(RowHold.id, RowHold.until).where(where).first()
    if existing is not None:
        if until > existing["until"]:
            await RowHold.update({RowHold.until: until}).where(RowHold.id == existing["id"])
        return existing["id"]
    row = RowHold(
        table_name=table,
        row_id=row_id,
        reason=reason,
        until=until,
        created_by=created_by,
        created_at=utc_now(),
    )
    await row.save()
    return row.id


RuleFn = Callable[[list[int]], Awaitable[list[tuple[int, Reason, date]]]]


async def _invoice_rule(ids: list[int]) -> list[tuple[int, Reason, date]]:
    years = get_settings().accounting_retention_years
    now = today()
    holds = []
    rows = await Invoice.select(Invoice.id, Invoice.issued_on, Invoice.paid).where(
        Invoice.id.is_in(ids)
    )
    for row in rows:
        until = years_after(row["issued_on"], years)
        if until >= now:
            holds.append((row["id"], Reason.accounting_record, until))
            if not row["paid"]:
                holds.append((row["id"], Reason.unpaid_invoice, until))
    return holds


RULES: dict[str, RuleFn] = {Invoice._meta.tablename: _invoice_rule}


async def held_rows(table: type[Table], ids: list[int]) -> list[dict[str, Any]]:
    """Inside an erasure: apply the table's rule, then return the holds in force on these rows,
    marked as deferring the erasure."""
    name = table._meta.tablename
    if not ids:
        return []
    rule = RULES.get(name)
    if rule is not None:
        for row_id, reason, until in await rule(ids):
            await add_hold(name, row_id, reason, until, None)
    where = (RowHold.table_name == name) & RowHold.row_id.is_in(ids) & _in_force(today())
    holds = await RowHold.select(
        RowHold.id, RowHold.row_id, RowHold.reason, RowHold.until, RowHold.erasure_deferred
    ).where(where)
    pending = [h["id"] for h in holds if not h["erasure_deferred"]]
    if pending:
        await RowHold.update({RowHold.erasure_deferred: True}).where(RowHold.id.is_in(pending))
    return [
        {
            "table": name,
            "row": h["row_id"],
            "reason": h["reason"],
            "ground": GROUND[Reason(h["reason"])],
            "until": h["until"].isoformat(),
        }
        for h in sorted(holds, key=lambda h: (h["row_id"], h["reason"]))
    ]


async def holds_of_member(member_id: int) -> list[dict[str, Any]]:
    """The holds not yet released on a person's rows, the latest end first: what an erasure
    keeps (or would keep) of them, on what ground and until when (the officer's page of the
    person). A hold names a row, not a person: each held table's rows are found through its
    declaration, as erasure finds them."""
    names = {r["table_name"] for r in await RowHold.select(RowHold.table_name).distinct()}
    finder = Finder(member_id)
    found: list[dict[str, Any]] = []
    for name in sorted(names):
        declaration = REGISTER.personal.get(name)
        ids = await finder.ids(declaration.table) if declaration is not None else []
        if not ids:
            continue
        holds = await RowHold.select(
            RowHold.row_id, RowHold.reason, RowHold.until, RowHold.erasure_deferred
        ).where(
            (RowHold.table_name == name) & RowHold.row_id.is_in(ids) & RowHold.released_at.is_null()
        )
        found += [
            {
                "table": name,
                "row": h["row_id"],
                "reason": h["reason"],
                "ground": GROUND[Reason(h["reason"])],
                "until": h["until"],
                "deferred": h["erasure_deferred"],
            }
            for h in holds
        ]
    return sorted(found, key=lambda h: (h["until"], h["table"], h["row"]), reverse=True)


async def release_expired_holds(on: date | None = None) -> int:
    """Erase the rows whose last hold ended (a worker job). Each expired hold is claimed in its
    own transaction (SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite), so several workers
    never handle one twice."""
    on = on or today()
    done = 0
    for _ in range(BATCH):
        if not await _release_one(on):
            break
        done += 1
    return done


async def _release_one(on: date) -> bool:
    engine = engine_finder()
    async with write_transaction(engine):
        query = (
            RowHold.select(RowHold.id, RowHold.table_name, RowHold.row_id, RowHold.erasure_deferred)
            .where(RowHold.released_at.is_null() & (RowHold.until < on))
            .order_by(RowHold.id)
            .limit(1)
        )
        if is_postgres(engine):
            query = query.lock_rows("UPDATE", skip_locked=True)
        hold = await query.first()
        if hold is None:
            return False
        await RowHold.update({RowHold.released_at: utc_now()}).where(RowHold.id == hold["id"])
        same_row = (RowHold.table_name == hold["table_name"]) & (RowHold.row_id == hold["row_id"])
        still_held = await RowHold.exists().where(same_row & _in_force(on))
        deferred = await RowHold.exists().where(same_row & RowHold.erasure_deferred.eq(True))
        if deferred and not still_held:
            await erase_rows(hold["table_name"], [hold["row_id"]])
    return True


async def release_job() -> int:
    return await release_expired_holds()
