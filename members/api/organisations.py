"""/api/organisations."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.params import JSONBody, QueryParameter

from kring.api.schemas import (
    Organisation,
    OrganisationCreate,
    OrganisationSummary,
    OrganisationUpdate,
    present,
)
from kring.choices import Role
from kring.queries import MAX_PAGE
from kring.web.auth import current, requires, signed_in
from kring.web.params import PathId, QueryOffset
from members.organisations import (
    create_organisation,
    get_organisation,
    list_organisations,
    update_organisation,
)


class OrganisationController(Controller):
    path = "/api/organisations"
    tags = ["organisations"]
    guards = [signed_in]

    @get("/", summary="List member organisations")
    async def index(
        self,
        q: Annotated[str, QueryParameter(max_length=100)] = "",
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE)] = 50,
        offset: QueryOffset = 0,
    ) -> list[OrganisationSummary]:
        rows = await list_organisations(q, limit, offset)
        return [msgspec.convert(row, OrganisationSummary) for row in rows]

    @get("/{organisation_id:int}", summary="One organisation")
    async def show(self, request: Request, organisation_id: PathId) -> Organisation:
        viewer = current(request)
        return msgspec.convert(await get_organisation(organisation_id, viewer), Organisation)

    @post("/", guards=[requires(Role.organiser)], summary="Add an organisation (organisers)")
    async def create(self, data: JSONBody[OrganisationCreate]) -> Organisation:
        new_id = await create_organisation(present(data))
        return msgspec.convert(await get_organisation(new_id), Organisation)

    @patch(
        "/{organisation_id:int}",
        guards=[requires(Role.organiser)],
        summary="Change an organisation (organisers)",
    )
    async def update(
        self, organisation_id: PathId, data: JSONBody[OrganisationUpdate]
    ) -> Organisation:
        await update_organisation(organisation_id, present(data))
        return msgspec.convert(await get_organisation(organisation_id), Organisation)
