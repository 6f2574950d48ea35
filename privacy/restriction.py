"""Restriction of processing (GDPR art. 18): the data stays and can be exported, but a restricted
member is out of matching, participant lists and mailings until the restriction is lifted.

A restriction is a row with `lifted_at` empty; lifting fills it, so the history stays. The
modules that propose, list and mail ask `restricted_ids` (or use `restricted_members`, a
sub-query) — one rule, here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.database import write_transaction
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.tables import Member
from kring.validation import Checks, require_text
from privacy.audit import Action, record_audit
from privacy.serialise import row
from privacy.tables import Restriction

MAX_IN = 500


def restricted_members():
    """A sub-query of the ids of members under a restriction now (for `.not_in(...)`)."""
    return Restriction.select(Restriction.member).where(Restriction.lifted_at.is_null())


async def restricted_ids(member_ids: Iterable[int | None] | None = None) -> set[int]:
    """Which of these members (or, without a list, which members) are restricted now."""
    query = restricted_members()
    if member_ids is None:
        return {r["member"] for r in await query}
    wanted = {m for m in member_ids if m is not None}
    if not wanted:
        return set()
    if len(wanted) <= MAX_IN:
        query = query.where(Restriction.member.is_in(sorted(wanted)))
    # Restrictions are few: for a long list, read them all rather than bind every id.
    return {r["member"] for r in await query} & wanted


async def is_restricted(member_id: int) -> bool:
    return bool(await restricted_ids([member_id]))


def checked_request(requested_by: str, reason: str) -> tuple[str, str]:
    """Who asked and why, both required: refused together, each at its field."""
    checks = Checks()
    texts = ["", ""]
    with checks:
        texts[0] = require_text(requested_by, "requested_by", 200)
    with checks:
        texts[1] = require_text(reason, "reason", 2000)
    checks.done()
    return texts[0], texts[1]


async def restrict(
    member_id: int, requested_by: str, reason: str, recorded_by: int | None
) -> dict[str, Any]:
    """Start a restriction; a member already restricted is a conflict (one at a time)."""
    requested_by, reason = checked_request(requested_by, reason)
    async with write_transaction():
        member = await Member.select(Member.status).where(Member.id == member_id).first()
        if member is None:
            raise NotFound(
                N_("member %(member_id)s not found"), field="member_id", member_id=member_id
            )
        if member["status"] == MemberStatus.erased:
            raise Conflict(N_("this member was erased; there is nothing left to restrict"))
        if await is_restricted(member_id):
            raise Conflict(N_("this member's processing is already restricted"))
        new = Restriction(
            member=member_id,
            requested_by=requested_by,
            reason=reason,
            since=utc_now(),
            recorded_by=recorded_by,
        )
        await new.save()
        await record_audit(recorded_by, member_id, Action.changed, "restriction")
    return await restriction_state(member_id)


async def lift(member_id: int, lifted_by: int | None) -> dict[str, Any]:
    """End the member's restriction; 409 when there is none."""
    async with write_transaction():
        lifted = (
            await Restriction.update(
                {Restriction.lifted_at: utc_now(), Restriction.lifted_by: lifted_by}
            )
            .where((Restriction.member == member_id) & Restriction.lifted_at.is_null())
            .returning(Restriction.id)
        )
        if not lifted:
            if not await Member.exists().where(Member.id == member_id):
                raise NotFound(
                    N_("member %(member_id)s not found"), field="member_id", member_id=member_id
                )
            raise Conflict(N_("this member's processing is not restricted"))
        await record_audit(lifted_by, member_id, Action.changed, "restriction")
    return await restriction_state(member_id)


async def restriction_state(member_id: int) -> dict[str, Any]:
    history = [
        row(r)
        for r in await Restriction.select()
        .where(Restriction.member == member_id)
        .order_by(Restriction.since)
    ]
    return {
        "member_id": member_id,
        "restricted": any(r["lifted_at"] is None for r in history),
        "history": history,
    }


async def current_restrictions() -> list[dict[str, Any]]:
    """Everyone restricted now, with who asked, why and since when (the officer's list)."""
    rows = (
        await Restriction.select(
            Restriction.id,
            Restriction.member,
            Restriction.member.first_name.as_alias("first_name"),
            Restriction.member.last_name.as_alias("last_name"),
            Restriction.requested_by,
            Restriction.reason,
            Restriction.since,
        )
        .where(Restriction.lifted_at.is_null())
        .order_by(Restriction.since)
    )
    return [row(r) for r in rows]
