"""The member directory and organisations: peers see public cards, staff see more."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from kring.member_page import sections_for
from kring.pages.forms import RefusedForm, keeps_typed_search, typed_search
from kring.queries import page as paged
from kring.search import can_find_anyone, search_words, signs_left_out
from kring.web.auth import current, signed_in
from kring.web.params import PathId
from kring.web.templating import page
from members.organisations import get_organisation, list_organisations
from members.profiles import get_member, list_members

PAGE_SIZE = 50


@get("/members", guards=[signed_in], name="members", opt=keeps_typed_search("q"))
async def members(request: Request, offset: FromQuery[int] = 0) -> Template:
    """A refused search shows this page again, its words kept and the message at the field."""
    limit, offset = paged(PAGE_SIZE, offset)
    try:
        q = typed_search(request)
    except RefusedForm as refused:
        return _refused(request, "members.html", refused, members=[], page_size=limit)
    rows = await list_members(current(request), search=q[:100], limit=limit + 1, offset=offset)
    return page(
        request,
        "members.html",
        members=rows[:limit],
        **_searched(q),
        offset=offset,
        more=len(rows) > limit,
        page_size=limit,
    )


def _searched(q: str) -> dict[str, Any]:
    return {
        "q": q,
        "unsearchable": not can_find_anyone(q[:100]),
        "left_out": signs_left_out(q[:100]),
        "searched_words": search_words(q[:100]),
    }


def _refused(request: Request, template: str, refused: RefusedForm, **listed: Any) -> Template:
    """The directory again, empty, with the search as typed and the refusal beside it."""
    return page(
        request,
        template,
        400,
        q=refused.data["q"],
        unsearchable=False,
        left_out="",
        searched_words=[],
        offset=0,
        more=False,
        error=refused,
        **listed,
    )


@get("/members/{member_id:int}", guards=[signed_in])
async def member(request: Request, member_id: PathId) -> Template:
    viewer = current(request)
    found = await get_member(viewer, member_id)
    sections = await sections_for(viewer, member_id, request.app.state.get("member_sections", ()))
    return page(request, "member.html", member=found, sections=sections)


@get("/organisations", guards=[signed_in], name="organisations", opt=keeps_typed_search("q"))
async def organisations(request: Request, offset: FromQuery[int] = 0) -> Template:
    """A refused search shows this page again, its words kept and the message at the field."""
    limit, offset = paged(PAGE_SIZE, offset)
    try:
        q = typed_search(request)
    except RefusedForm as refused:
        return _refused(request, "organisations.html", refused, organisations=[], page_size=limit)
    rows = await list_organisations(search=q[:100], limit=limit + 1, offset=offset)
    return page(
        request,
        "organisations.html",
        organisations=rows[:limit],
        **_searched(q),
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
