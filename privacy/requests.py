"""Access and erasure requests: received, due one calendar month later, then answered."""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum
from typing import Any

from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from kring.principal import Principal
from kring.tables import Member
from privacy.access import access_export
from privacy.audit import Action, record_audit
from privacy.erasure import erase_member
from privacy.tables import AccessRequest, ErasureRequest


class Kind(StrEnum):
    access = "access"
    erasure = "erasure"


class RequestChannel(StrEnum):
    web = "web"
    api = "api"
    email = "email"
    phone = "phone"
    paper = "paper"


TABLES = {Kind.access: AccessRequest, Kind.erasure: ErasureRequest}


def due_date(received: date) -> date:
    """One calendar month later; when that month is shorter, its last day (31 Jan → 28/29 Feb)."""
    year, month = divmod(received.year * 12 + received.month, 12)
    month += 1
    return date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


async def record_request(
    kind: Kind, member_id: int, channel: RequestChannel, recorded_by: int | None
) -> int:
    if not await Member.exists().where(Member.id == member_id):
        raise NotFound(f"member {member_id} not found", field="member_id")
    table = TABLES[kind]
    now = utc_now()
    row = table(
        member=member_id,
        received_at=now,
        due_on=due_date(now.date()),
        status="open",
        channel=channel,
        recorded_by=recorded_by,
    )
    await row.save()
    return row.id


async def get_request(viewer: Principal, kind: Kind, request_id: int) -> dict[str, Any]:
    """Members see only their own requests; anyone else's id answers 404, as if it did not exist."""
    table = TABLES[kind]
    row = await table.select().where(table.id == request_id).first()
    if row is None or not (viewer.owns(row["member"]) or _officer(viewer)):
        raise NotFound(f"{kind} request {request_id} not found")
    return row


def _officer(viewer: Principal) -> bool:
    from kring.choices import Role

    return viewer.has_role(Role.privacy_officer)


async def list_requests(
    kind: Kind, *, member_id: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    table = TABLES[kind]
    query = table.select(
        *table._meta.columns, table.member.first_name, table.member.last_name
    ).order_by(table.due_on)
    if member_id is not None:
        query = query.where(table.member == member_id)
    if status:
        query = query.where(table.status == status)
    return await query


async def fulfil_access(viewer: Principal, request_id: int) -> dict[str, Any]:
    """Produce the export, mark the request answered and audit the export."""
    row = await get_request(viewer, Kind.access, request_id)
    export = await access_export(row["member"])
    if row["status"] == "open":
        await AccessRequest.update(
            {AccessRequest.status: "fulfilled", AccessRequest.fulfilled_at: utc_now()}
        ).where(AccessRequest.id == request_id)
    await record_audit(viewer.account_id, row["member"], Action.exported, "*")
    export["request"] = {"id": request_id, "due_on": row["due_on"].isoformat()}
    return export


async def run_erasure(viewer: Principal, request_id: int) -> dict[str, Any]:
    row = await get_request(viewer, Kind.erasure, request_id)
    if row["status"] == "refused":
        raise Conflict(f"erasure request {request_id} was refused", field="request_id")
    return await erase_member(
        row["member"],
        actor=viewer.account_id,
        requested_at=row["received_at"],
        request_id=request_id,
    )
