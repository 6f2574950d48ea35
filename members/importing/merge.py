"""Merging two records of one person: the organiser picks each field, every linked row moves.

Which rows are "linked" comes from the privacy declarations (privacy.subjects), so a table
declared tomorrow moves too without a change here. A row that cannot move because the survivor
already has its twin (one registration per event, one login per member, one login month per
month, one block per pair) is dropped and the survivor's is kept; a row that would link the
survivor to itself (a block, an introduction) is dropped. The loser is then deleted, and the
merge is audited. Everything happens in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from piccolo.columns import ForeignKey
from piccolo.table import Table

from kring.choices import MemberStatus
from kring.database import is_postgres, write_transaction
from kring.declarations import REGISTER
from kring.errors import Conflict, NotFound
from kring.messages import N_, FieldName
from kring.search import with_member_search
from kring.tables import Account, Member
from kring.validation import FieldError, briefly
from privacy.audit import Action, record_audit
from privacy.subjects import link_columns, linked_declarations

MERGEABLE = (
    "first_name",
    "last_name",
    "job_title",
    "email",
    "phone",
    "address",
    "organisation",
    "met_via",
    "joined_at",
    "language",
    "status",
)
PRIVATE = ("private_email", "private_address")
OPT_OUTS = ("opt_out_sharing", "opt_out_listing", "no_mailings")
SIDES = ("survivor", "loser")
INTEGRITY = (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError)


@dataclass
class MergeResult:
    survivor: int
    loser: int
    moved: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def check_choices(choices: Mapping[str, str]) -> dict[str, str]:
    for name, side in choices.items():
        if name not in MERGEABLE:
            raise FieldError(
                "fields",
                N_("%(value)r cannot be chosen; choose among %(choices)s"),
                value=briefly(name),
                choices=MERGEABLE,
            )
        if side not in SIDES:
            raise FieldError(
                "fields",
                N_("%(name)s: %(value)r must be 'survivor' or 'loser'"),
                name=FieldName(name),
                value=briefly(str(side)),
            )
    return dict(choices)


def merged_values(
    survivor: Mapping[str, Any], loser: Mapping[str, Any], choices: Mapping[str, str]
) -> dict[str, Any]:
    """Chosen fields from their side; unchosen ones from the survivor unless it has none.

    Opt-outs combine: an objection either record made still holds.
    """
    values: dict[str, Any] = {}
    for name in (*MERGEABLE, *PRIVATE):
        side = choices.get(name)
        if side is None:
            side = "loser" if not survivor[name] and loser[name] else "survivor"
        if side == "loser" and loser[name] != survivor[name]:
            values[name] = loser[name]
    for name in OPT_OUTS:
        if loser[name] and not survivor[name]:
            values[name] = True
    return values


def _points_at_member(column: ForeignKey) -> bool:
    return column._foreign_key_meta.resolved_references is Member


async def _move_table(table: type[Table], columns: list[ForeignKey], result: MergeResult) -> None:
    """Row by row, each in a savepoint: a unique clash drops the loser's row instead."""
    key = table._meta.primary_key
    name = table._meta.tablename
    transaction = table._meta.db.current_transaction.get()
    for column in columns:
        rows = await table.select(key).where(column == result.loser)
        for row in rows:
            savepoint = await transaction.savepoint()
            try:
                await table.update({column: result.survivor}).where(key == row[key._meta.name])
            except INTEGRITY:
                await savepoint.rollback_to()
                await table.delete().where(key == row[key._meta.name])
                result.dropped[name] += 1
            else:
                await savepoint.release()
                result.moved[name] += 1
    if len(columns) > 1:
        self_links = [column == result.survivor for column in columns]
        clause = self_links[0]
        for part in self_links[1:]:
            clause = clause & part
        pointless = await table.count().where(clause)
        if pointless:
            await table.delete().where(clause)
            result.dropped[name] += pointless
            result.notes.append(f"{name}: {pointless} rows linked the person to themself")


async def mergeable(survivor_id: int, loser_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both members, when they can be merged: two existing, not erased, different records.
    The merge page asks before it offers the form; the merge asks again, holding the locks."""
    if survivor_id == loser_id:
        raise FieldError("loser", N_("a member cannot be merged with itself"))
    return await _load(survivor_id, "survivor"), await _load(loser_id, "loser")


async def _load(member_id: int, field_name: str) -> dict[str, Any]:
    """The member, locked on PostgreSQL until the merge commits: a registration of either
    record waits (it locks the member before the event, as the merge does)."""
    query = Member.select().where(Member.id == member_id)
    if is_postgres(Member._meta.db):
        query = query.lock_rows("UPDATE")
    row = await query.first()
    if row is None:
        raise NotFound(N_("member %(id)s not found"), field=field_name, id=member_id)
    if row["status"] == MemberStatus.erased:
        raise Conflict(
            N_("member %(id)s was erased and cannot be merged"), field=field_name, id=member_id
        )
    return row


async def merge_members(
    actor: int | None, survivor_id: int, loser_id: int, choices: Mapping[str, str]
) -> MergeResult:
    choices = check_choices(choices)
    result = MergeResult(survivor=survivor_id, loser=loser_id)
    async with write_transaction():
        survivor, loser = await mergeable(survivor_id, loser_id)
        declarations = linked_declarations()  # loads every app's tables and departures
        for departure in REGISTER.departures.values():
            if departure.merging is not None:
                await departure.merging(survivor_id, loser_id)
        values = merged_values(survivor, loser, choices)
        login = await Account.select(Account.email).where(Account.member == loser_id).first()
        for declaration in declarations:
            columns = [c for c in link_columns(declaration) if _points_at_member(c)]
            if columns:
                await _move_table(declaration.table, columns, result)
        if login and result.dropped.get(Account._meta.tablename):
            result.notes.append(
                f"the login {login['email']} was removed: the survivor keeps their own login"
            )
        await Member.delete().where(Member.id == loser_id)
        if values:
            await Member.update(with_member_search(values, survivor)).where(
                Member.id == survivor_id
            )
        await record_audit(actor, survivor_id, Action.changed, f"member (merged #{loser_id})")
    return result
