"""The member directory and organisations: peers see public cards, staff see more."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from kring.member_page import sections_for
from kring.queries import page as paged
from kring.search import can_find_anyone, search_words, signs_left_out
from kring.web.auth import current, signed_in
from kring.web.params import PathId
from kring.web.templating import page
from members.organisations import get_organisation, list_organisations
from members.profiles import get_member, list_members

PAGE_SIZE = 50


@get("/members", guards=[signed_in], name="members")
async def members(request: Request, q: FromQuery[str] = "", offset: FromQuery[int] = 0) -> Template:
    limit, offset = paged(PAGE_SIZE, offset)
    rows = await list_members(current(request), search=q[:100], limit=limit + 1, offset=offset)
    return page(
        request,
        "members.html",
        members=rows[:limit],
        q=q,
        unsearchable=not can_find_anyone(q[:100]),
        left_out=signs_left_out(q[:100]),
        searched_words=search_words(q[:100]),
        offset=offset,
        more=len(rows) > limit,
        page_size=limit,
    )


@get("/members/{member_id:int}", guards=[signed_in])
async def member(request: Request, member_id: PathId) -> Template:
    viewer = current(request)
    found = await get_member(viewer, member_id)
    sections = await sections_for(viewer, member_id, request.app.state.get("member_sections", ()))
    return page(request, "member.html", member=found, sections=sections)


@get("/organisations", guards=[signed_in], name="organisations")
async def organisations(
    request: Request, q: FromQuery[str] = "", offset: FromQuery[int] = 0
) -> Template:
    limit, offset = paged(PAGE_SIZE, offset)
    rows = await list_organisations(search=q[:100], limit=limit + 1, offset=offset)
    return page(
        request,
        "organisations.html",
        organisations=rows[:limit],
        q=q,
        unsearchable=not can_find_anyone(q[:100]),
        left_out=signs_left_out(q[:100]),
        searched_words=search_words(q[:100]),
        offset=offset,
        more=len(rows) > limit,
        page_size=limit,
    )


@get("/organisations/{organisation_id:int}", guards=[signed_in])
async def organisation(request: Request, organisation_id: PathId) -> Template:
    viewer = current(request)
    found = await get_organisation(organisation_id)
    colleagues = await list_members(viewer, organisation=organisation_id, limit=100)
    return page(request, "organisation.html", organisation=found, members=colleagues)


ROUTES = [members, member, organisations, organisation]
