"""Challenges and expertise: the records a member keeps to find and help peers.

Both have the same shape, so one set of functions serves both; the table says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from kring.choices import Language, MemberStatus, RecordStatus, Role
from kring.clock import utc_now
from kring.database import write_transaction
from kring.errors import Conflict, Forbidden, NotFound
from kring.member_lock import member_locked
from kring.messages import N_
from kring.principal import Principal
from kring.record_uses import RecordUse, why_kept
from kring.seen import snapshot, without_untouched
from kring.tables import Challenge, Expertise, Member
from kring.validation import FieldError, briefly, normalise_tags, require_line, require_text

RecordTable = type[Challenge] | type[Expertise]
EDITABLE = ("title", "body", "tags", "language", "status")
MAX_BODY = 5000
REPEAT_WINDOW = timedelta(seconds=10)
"""The same record again within this time is a repeated submit, not a new record."""


def clean_record(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise FieldError(sorted(unknown)[0], N_("is not a field of this record"))
    clean: dict[str, Any] = {}
    if "title" in data:
        clean["title"] = require_line(data["title"], "title", 200)
    if "body" in data:
        clean["body"] = require_text(data["body"], "body", MAX_BODY, required=False)
    if "tags" in data:
        clean["tags"] = normalise_tags(list(data["tags"]))
    for name, enum in (("language", Language), ("status", RecordStatus)):
        if name in data:
            try:
                clean[name] = enum(data[name])
            except ValueError:
                raise FieldError(
                    name,
                    N_("%(value)r is not one of %(choices)s"),
                    value=briefly(str(data[name])),
                    choices=", ".join(enum),
                ) from None
    return clean


def _may_manage(viewer: Principal, owner_id: int) -> bool:
    return viewer.owns(owner_id) or viewer.has_role(Role.organiser)


async def create_record(
    table: RecordTable, viewer: Principal, data: Mapping[str, Any], member_id: int | None = None
) -> int:
    """A member records for themself; an organiser may record for any member. The same record
    again within `REPEAT_WINDOW` (a double click, a resent form, identical API calls at once)
    stores nothing and answers the first one's id: each copy would be matched on its own."""
    owner = viewer.member_id if member_id is None else member_id
    if owner is None:
        raise FieldError("member", N_("say which member this record belongs to"))
    if not _may_manage(viewer, owner):
        raise Forbidden(N_("you may only add records to your own profile"))
    status = await Member.select(Member.status).where(Member.id == owner).first()
    if status is None:
        raise FieldError("member", N_("no member with id %(id)s"), id=owner)
    if status["status"] == MemberStatus.erased:
        raise FieldError("member", N_("this member was erased"))
    clean = clean_record(data)
    if "title" not in clean:
        raise FieldError("title", N_("is required"))
    clean.setdefault("tags", [])
    clean.setdefault("body", "")
    clean.setdefault("language", Language.nl)
    async with member_locked(owner):
        now = utc_now()
        same = await _added_just_now(table, owner, clean, now - REPEAT_WINDOW)
        if same is not None:
            return same
        rows = await table.insert(table(member=owner, created_at=now, **clean)).returning(table.id)
    return rows[0]["id"]


async def _added_just_now(
    table: RecordTable, owner: int, clean: Mapping[str, Any], since: datetime
) -> int | None:
    """The owner's record with these very values added since `since`, if any (tags compared
    here: an array column compares differently on SQLite and PostgreSQL)."""
    rows = await table.select(table.id, table.tags).where(
        (table.member == owner)
        & (table.created_at >= since)
        & (table.title == clean["title"])
        & (table.body == clean["body"])
        & (table.language == clean["language"])
        & (table.status == clean.get("status", RecordStatus.open))
    )
    return next((row["id"] for row in rows if list(row["tags"]) == clean["tags"]), None)


async def _owned(table: RecordTable, viewer: Principal, record_id: int) -> dict[str, Any]:
    row = await table.select().where(table.id == record_id).first()
    # Someone else's record answers 404: its existence is not revealed.
    if row is None or not _may_manage(viewer, row["member"]):
        if table is Challenge:  # the kind in words the reader's language has
            raise NotFound(
                N_("challenge %(record_id)s not found"), field="record_id", record_id=record_id
            )
        raise NotFound(
            N_("expertise %(record_id)s not found"), field="record_id", record_id=record_id
        )
    return row


async def get_record(table: RecordTable, viewer: Principal, record_id: int) -> dict[str, Any]:
    return await _owned(table, viewer, record_id)


FORM_FIELDS = ("title", "body", "tags", "language")


def seen_record(record: Mapping[str, Any]) -> str:
    """The record as its edit form shows it, for the form's hidden `_seen` field: a save then
    writes only what was changed in it (`update_record`, `kring.seen`)."""
    return snapshot({name: record.get(name) for name in FORM_FIELDS})


async def update_record(
    table: RecordTable,
    viewer: Principal,
    record_id: int,
    data: Mapping[str, Any],
    seen: str | None = None,
) -> dict[str, Any]:
    """With `seen` (the form's `_seen`), the fields sent back as the form showed them are left
    as they are now: the member in another tab, or an organiser, may have changed them; one
    changed in both is refused (`kring.seen.EditedMeanwhile`)."""
    stored = await _owned(table, viewer, record_id)
    now = {name: stored.get(name) for name in FORM_FIELDS}
    clean = without_untouched(clean_record(data), seen, now)
    if clean:
        await table.update(clean).where(table.id == record_id)
    return await _owned(table, viewer, record_id)


async def delete_record(
    table: RecordTable, viewer: Principal, record_id: int, uses: Iterable[RecordUse]
) -> None:
    """Gone for good, with the proposals computed for it; refused while another member's
    history refers to it (closing it is the way then)."""
    async with write_transaction():
        await _owned(table, viewer, record_id)
        kind = "challenge" if table is Challenge else "expertise"
        reason = await why_kept(kind, record_id, uses)
        if reason is not None:
            raise Conflict(reason)
        await table.delete().where(table.id == record_id)


def _only_your_own(table: RecordTable, viewer: Principal) -> NotFound:
    if viewer.member_id is None:
        if table is Challenge:
            message = N_("your account has no member profile, so it has no challenges to list")
        else:
            message = N_("your account has no member profile, so it has no expertise to list")
        return NotFound(message, field="member")
    if table is Challenge:
        message = N_(
            "you may list only your own challenges: leave out member, or give your own member id, "
            "%(own)s"
        )
    else:
        message = N_(
            "you may list only your own expertise: leave out member, or give your own member id, "
            "%(own)s"
        )
    return NotFound(message, field="member", own=viewer.member_id)


async def list_records(
    table: RecordTable,
    viewer: Principal,
    member_id: int | None = None,
    status: RecordStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Members list their own records; organisers any member's, or everyone's. A member who
    names another member is told the rule, in the same words whether that member exists or
    not; an organiser who names no member is told so, never answered an empty list."""
    query = table.select().order_by(table.id, ascending=False)
    if viewer.has_role(Role.organiser):
        if member_id is not None:
            if not await Member.exists().where(Member.id == member_id):
                raise NotFound(
                    N_("member %(member_id)s not found"), field="member", member_id=member_id
                )
            query = query.where(table.member == member_id)
    else:
        if member_id is not None and not viewer.owns(member_id):
            raise _only_your_own(table, viewer)
        if viewer.member_id is None:
            return []
        query = query.where(table.member == viewer.member_id)
    if status is not None:
        query = query.where(table.status == status)
    return await query.limit(limit).offset(offset)
