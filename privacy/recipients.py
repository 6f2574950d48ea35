"""Recipients (GDPR art. 19): which processor received whose data, and telling them of changes.

Every send of personal data to an outside system goes through `processor_for_sending`, which
refuses when the named register entry is missing or has no signed data-processing agreement,
and `record_disclosure`, which notes per person and processor that data went there. An erasure
or a rectification of personal fields then creates one `RecipientNotice` per processor that
received the person's data: a task for the privacy officer, marked done when they told them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from kring.messages import N_
from privacy.serialise import row
from privacy.tables import Disclosure, Processor, RecipientNotice

log = logging.getLogger("kring.privacy.recipients")


class ProcessorRefused(Exception):
    """Personal data may not go to this processor: no register entry or no signed DPA."""


class NoticeReason(StrEnum):
    erasure = "erasure"
    rectification = "rectification"


async def processor_for_sending(key: str) -> dict[str, Any]:
    """The register entry named `key`, when it has a signed DPA; otherwise refuse (and log)."""
    entry = (
        await Processor.select(Processor.id, Processor.name, Processor.dpa_signed_on)
        .where(Processor.key == key)
        .first()
    )
    if entry is None:
        message = f"processor {key!r} is not in the processor register: nothing is sent"
    elif entry["dpa_signed_on"] is None:
        message = (
            f"processor {key!r} ({entry['name']}) has no signed data-processing agreement "
            "on record: nothing is sent"
        )
    else:
        return entry
    log.error(message)
    raise ProcessorRefused(message)


async def record_disclosure(processor_id: int, member_ids: Iterable[int | None]) -> None:
    """Note that these members' data went to this processor (one row per pair, dated)."""
    wanted = sorted({m for m in member_ids if m is not None})
    if not wanted:
        return
    now = utc_now()
    known = {
        r["member"]
        for r in await Disclosure.select(Disclosure.member).where(
            (Disclosure.processor == processor_id) & Disclosure.member.is_in(wanted)
        )
    }
    if known:
        await Disclosure.update({Disclosure.last_at: now}).where(
            (Disclosure.processor == processor_id) & Disclosure.member.is_in(sorted(known))
        )
    new = [
        Disclosure(member=m, processor=processor_id, first_at=now, last_at=now)
        for m in wanted
        if m not in known
    ]
    if new:
        await Disclosure.insert(*new)


async def recipients_of(member_id: int) -> list[dict[str, Any]]:
    """The processors that received this member's data, with first and last dates."""
    rows = (
        await Disclosure.select(
            Disclosure.processor,
            Disclosure.processor.name.as_alias("name"),
            Disclosure.processor.key.as_alias("key"),
            Disclosure.first_at,
            Disclosure.last_at,
        )
        .where(Disclosure.member == member_id)
        .order_by(Disclosure.processor)
    )
    return [row(r) for r in rows]


async def notify_recipients(
    member_id: int, reason: NoticeReason, fields: Iterable[str] = ()
) -> int:
    """One open notice per processor that received the member's data; returns how many."""
    processors = sorted(
        {
            r["processor"]
            for r in await Disclosure.select(Disclosure.processor).where(
                Disclosure.member == member_id
            )
        }
    )
    if not processors:
        return 0
    now = utc_now()
    names = ",".join(sorted(set(fields)))[:300]
    await RecipientNotice.insert(
        *(
            RecipientNotice(
                member=member_id, processor=p, reason=reason, fields=names, created_at=now
            )
            for p in processors
        )
    )
    return len(processors)


async def notify_rectification(
    member_id: int, before: dict[str, Any], changes: dict[str, Any]
) -> int:
    """After a profile edit: notices when a declared personal column of the member changed."""
    from kring.declarations import REGISTER

    personal = REGISTER.personal["member"].columns

    def old(name: str) -> Any:
        value = before.get(name)
        return value.get("id") if isinstance(value, dict) else value  # a shaped reference

    changed = [k for k, v in changes.items() if k in personal and old(k) != v]
    if not changed:
        return 0
    return await notify_recipients(member_id, NoticeReason.rectification, changed)


NOTICE_COLUMNS = (
    RecipientNotice.id,
    RecipientNotice.member,
    RecipientNotice.processor,
    RecipientNotice.processor.name.as_alias("processor_name"),
    RecipientNotice.reason,
    RecipientNotice.fields,
    RecipientNotice.created_at,
    RecipientNotice.done_at,
    RecipientNotice.done_by,
)


async def notices(open_only: bool = True, member_id: int | None = None) -> list[dict[str, Any]]:
    """Notification tasks, oldest first; by default only those not yet done."""
    query = RecipientNotice.select(*NOTICE_COLUMNS).order_by(RecipientNotice.created_at)
    if open_only:
        query = query.where(RecipientNotice.done_at.is_null())
    if member_id is not None:
        query = query.where(RecipientNotice.member == member_id)
    return [row(r) for r in await query]


async def mark_done(notice_id: int, done_by: int | None) -> dict[str, Any]:
    """The officer told the processor; 404 for an unknown notice, 409 when already done."""
    done = (
        await RecipientNotice.update(
            {RecipientNotice.done_at: utc_now(), RecipientNotice.done_by: done_by}
        )
        .where((RecipientNotice.id == notice_id) & RecipientNotice.done_at.is_null())
        .returning(RecipientNotice.id)
    )
    if not done:
        if not await RecipientNotice.exists().where(RecipientNotice.id == notice_id):
            raise NotFound(
                N_("notice %(notice_id)s not found"), field="notice_id", notice_id=notice_id
            )
        raise Conflict(N_("this notice was already marked done"))
    result = (
        await RecipientNotice.select(*NOTICE_COLUMNS).where(RecipientNotice.id == notice_id).first()
    )
    return row(result)
