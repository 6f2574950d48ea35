"""/api/challenges and /api/expertise: one's own records; organisers see everyone's."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromQuery, JSONBody, QueryParameter

from kring.api.schemas import Record, RecordCreate, RecordUpdate, present
from kring.choices import RecordStatus
from kring.queries import MAX_PAGE
from kring.record_uses import after_closing
from kring.tables import Challenge, Expertise
from kring.validation import MAX_ID
from kring.web.auth import current, signed_in
from kring.web.params import PathId, QueryOffset
from members.records import (
    RecordTable,
    create_record,
    delete_record,
    get_record,
    list_records,
    update_record,
)

MemberFilter = Annotated[
    int | None,
    QueryParameter(
        ge=1,
        le=MAX_ID,
        description="Only this member's records. Organisers: any member's (a 404 naming "
        "`member` when there is no such member). Members: your own id only; another id is a 404 "
        "naming `member` that says so, whether that member exists or not.",
    ),
]


def record_controller(table: RecordTable, path: str, noun: str) -> type[Controller]:
    """Challenges and expertise share one shape, so they share one controller definition."""

    class RecordController(Controller):
        tags = [path.rsplit("/", 1)[-1]]
        guards = [signed_in]

        @get("/", summary=f"List {noun} records (your own; organisers: anyone's)")
        async def index(
            self,
            request: Request,
            member: MemberFilter = None,
            status: FromQuery[RecordStatus | None] = None,
            limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE)] = 50,
            offset: QueryOffset = 0,
        ) -> list[Record]:
            rows = await list_records(table, current(request), member, status, limit, offset)
            return [msgspec.convert(row, Record) for row in rows]

        @get("/{record_id:int}", summary=f"One {noun} record")
        async def show(self, request: Request, record_id: PathId) -> Record:
            return msgspec.convert(await get_record(table, current(request), record_id), Record)

        @post("/", summary=f"Add a {noun} record")
        async def create(self, request: Request, data: JSONBody[RecordCreate]) -> Record:
            fields = present(data)
            member = fields.pop("member", None)
            viewer = current(request)
            new_id = await create_record(table, viewer, fields, member)
            return msgspec.convert(await get_record(table, viewer, new_id), Record)

        @patch("/{record_id:int}", summary=f"Change or close a {noun} record")
        async def update(
            self, request: Request, record_id: PathId, data: JSONBody[RecordUpdate]
        ) -> Record:
            row = await update_record(table, current(request), record_id, present(data))
            if "status" in present(data) and row["status"] == RecordStatus.closed:
                hooks = request.app.state.get("record_closed", ())
                await after_closing(noun, record_id, hooks)
            return msgspec.convert(row, Record)

        @delete(
            "/{record_id:int}",
            summary=f"Delete a {noun} record (409 while an introduction refers to it)",
        )
        async def remove(self, request: Request, record_id: PathId) -> None:
            uses = request.app.state.get("record_uses", ())
            await delete_record(table, current(request), record_id, uses)

    RecordController.path = path
    RecordController.__name__ = f"{table.__name__}Controller"
    return RecordController


ChallengeController = record_controller(Challenge, "/api/challenges", "challenge")
ExpertiseController = record_controller(Expertise, "/api/expertise", "expertise")
