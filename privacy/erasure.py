"""Erasure (GDPR art. 17): one transaction applies every declaration to one person's rows.

This is the only code that removes personal data about a member. Deleting rows, blanking or
nulling columns and keeping what is under legal hold all follow the declared `Erase` of each
column; nothing here names a table other than the Member itself.

Before the first destructive step the erasure is written to the ledger (privacy/ledger.py) and
committed; the erasure's transaction marks it completed. Rows under a hold (privacy/holds.py)
are left exactly as they are and listed in the outcome's `held`, with the ground and end date;
they are erased when the hold ends.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from piccolo.engine import engine_finder

from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.declarations import REGISTER, PersonalData
from kring.errors import NotFound
from kring.messages import N_
from kring.tables import Member
from privacy import ledger
from privacy.audit import Action, record_audit
from privacy.holds import held_rows
from privacy.recipients import NoticeReason, notify_recipients
from privacy.row_erasure import erase_ids
from privacy.subjects import Finder, linked_declarations
from privacy.suppression import suppress
from privacy.tables import ErasureRequest


async def _apply(declaration: PersonalData, where: Any, outcome: dict[str, Any]) -> None:
    table = declaration.table
    key = table._meta.primary_key
    ids = [r[key._meta.name] for r in await table.select(key).where(where)]
    held = await held_rows(table, ids)
    if held:
        outcome["held"].extend(held)
        kept_ids = {h["row"] for h in held}
        ids = [i for i in ids if i not in kept_ids]
    if not ids:
        return
    await erase_ids(declaration, ids, outcome)


async def erase_member(
    member_id: int,
    *,
    actor: int | None = None,
    requested_at: datetime | None = None,
    request_id: int | None = None,
    replayed: ledger.Entry | None = None,
) -> dict[str, Any]:
    """Erase one member everywhere, atomically and idempotently; returns what was done, what
    was kept and which rows are held (why and until when)."""
    engine = engine_finder()
    postgres = is_postgres(engine)
    entry = await ledger.begin(member_id, request_id, replayed)
    async with write_transaction(engine):
        if not postgres:
            # Overwrite deleted content with zeros instead of leaving it in free pages.
            await Member.raw("PRAGMA secure_delete = ON")
        query = Member.select(
            Member.id, Member.first_name, Member.last_name, Member.email, Member.private_email
        ).where(Member.id == member_id)
        if postgres:
            query = query.lock_rows("UPDATE")
        member = await query.first()
        if member is None:
            raise NotFound(
                N_("member %(member_id)s not found"), field="member_id", member_id=member_id
            )
        finder = Finder(member_id)
        declarations = linked_declarations()  # loads every app's tables and departures
        for departure in REGISTER.departures.values():
            if departure.erasing is not None:
                await departure.erasing(member_id)  # seats go back to the waitlist first
        wheres = [(d, await finder.where(d)) for d in declarations]
        outcome: dict[str, Any] = {
            "member_id": member_id,
            "deleted": {},
            "changed": {},
            "kept": {},
            "held": [],
        }
        created = await suppress(member, requested_at)
        if created:
            await notify_recipients(member_id, NoticeReason.erasure)  # GDPR art. 19
        for declaration, where in reversed(wheres):
            if where is not None:
                await _apply(declaration, where, outcome)
        outcome["suppression"] = "created" if created else "already present"
        if created or outcome["deleted"] or outcome["changed"]:
            await record_audit(actor, member_id, Action.erased, "member")
        outcome["erased_at"] = utc_now().isoformat()
        outcome["ledger"] = entry.entry
        finished = await ledger.complete(entry)
        if request_id is not None:
            await ErasureRequest.update(
                {
                    ErasureRequest.status: "done",
                    ErasureRequest.carried_out_at: utc_now(),
                    ErasureRequest.outcome: json.dumps(outcome),
                }
            ).where(ErasureRequest.id == request_id)
    if finished:
        ledger.record_completed(entry)
    if not postgres and engine.current_transaction.get() is None:
        await _checkpoint()
    return outcome


async def _checkpoint() -> None:
    """Move the committed erasure from the write-ahead log into the file and empty the log."""
    await Member.raw("PRAGMA wal_checkpoint(TRUNCATE)")
