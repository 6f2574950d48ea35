"""/api/members and /api/me."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.params import JSONBody, QueryParameter

from kring.api.schemas import (
    Interaction,
    InteractionCreate,
    Me,
    MemberCard,
    MemberCreate,
    MemberUpdate,
    present,
)
from kring.choices import Role
from kring.queries import MAX_PAGE
from kring.web.auth import current, requires, signed_in
from kring.web.head import is_head
from kring.web.params import PathId, QueryId, QueryOffset
from members.interactions import add_interaction, list_interactions
from members.profiles import create_member, get_member, list_members, update_member

Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE)]


class MemberController(Controller):
    path = "/api/members"
    tags = ["members"]
    guards = [signed_in]

    @get("/", summary="List members (peers see public cards of members who share their name)")
    async def index(
        self,
        request: Request,
        q: Annotated[str, QueryParameter(max_length=100)] = "",
        organisation: QueryId = None,
        limit: Limit = 50,
        offset: QueryOffset = 0,
    ) -> list[MemberCard]:
        rows = await list_members(current(request), q, organisation, limit, offset)
        return [msgspec.convert(row, MemberCard) for row in rows]

    @get("/{member_id:int}", summary="One member, with the fields the caller may see")
    async def show(self, request: Request, member_id: PathId) -> MemberCard:
        # A HEAD, or the read that checks an If-Match (`kring.web.preconditions`), shows nothing.
        shown = await get_member(current(request), member_id, audited=not is_head(request.scope))
        return msgspec.convert(shown, MemberCard)

    @post("/", guards=[requires(Role.organiser)], summary="Add a member (organisers)")
    async def create(self, request: Request, data: JSONBody[MemberCreate]) -> MemberCard:
        member_id = await create_member(present(data), actor=current(request).account_id)
        return msgspec.convert(await get_member(current(request), member_id), MemberCard)

    @patch("/{member_id:int}", summary="Change a profile (the member, or an organiser)")
    async def update(
        self, request: Request, member_id: PathId, data: JSONBody[MemberUpdate]
    ) -> MemberCard:
        viewer = current(request)
        await update_member(viewer, member_id, present(data))
        return msgspec.convert(await get_member(viewer, member_id), MemberCard)

    @get(
        "/{member_id:int}/interactions",
        guards=[requires(Role.organiser)],
        summary="Meetings, appointments and calls held with a member (staff)",
    )
    async def interactions(self, member_id: PathId) -> list[Interaction]:
        return [msgspec.convert(row, Interaction) for row in await list_interactions(member_id)]

    @post(
        "/{member_id:int}/interactions",
        guards=[requires(Role.organiser)],
        summary="Record a meeting, appointment or call (staff)",
    )
    async def add_interaction(
        self, request: Request, member_id: PathId, data: JSONBody[InteractionCreate]
    ) -> Interaction:
        new_id = await add_interaction(
            current(request), member_id, data.occurred_on, data.kind, data.note
        )
        rows = await list_interactions(member_id)
        return msgspec.convert(next(row for row in rows if row["id"] == new_id), Interaction)


@get("/api/me", guards=[signed_in], tags=["accounts"], summary="Who the token belongs to")
async def me(request: Request) -> Me:
    viewer = current(request)
    member = None
    if viewer.member_id is not None:
        member = msgspec.convert(await get_member(viewer, viewer.member_id), MemberCard)
    return Me(account_id=viewer.account_id, email=viewer.email, role=viewer.role, member=member)
