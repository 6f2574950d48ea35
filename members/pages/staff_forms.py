"""Organisers keep the network's records in pages: add and change members and organisations,
and note each meeting, appointment or call. The rules are the domain's (`members.profiles`,
`members.organisations`, `members.interactions`); these handlers only read forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.choices import InteractionKind, Language, MemberStatus, MetVia, OrganisationKind, Role
from kring.errors import DomainError
from kring.member_page import sections_for
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.seen import again, sent
from kring.tables import Organisation
from kring.typed_dates import read_day
from kring.validation import Checks, FieldError, is_id, refuse_beyond_ids
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.params import PathId
from kring.web.templating import page
from members.interactions import add_interaction
from members.organisations import (
    create_organisation,
    get_organisation,
    seen_organisation,
    update_organisation,
)
from members.profiles import (
    PROFILE_FIELDS,
    STAFF_FIELDS,
    create_member,
    get_member,
    seen_profile,
    update_member,
)

Organisers = requires(Role.organiser)
MEMBER_FIELDS = PROFILE_FIELDS + STAFF_FIELDS
"""What an organiser keeps of a member; the private fields are the member's own."""
ORGANISATION_FIELDS = ("name", "enterprise_number", "kind", "website", "address")


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return read_day(value)
    except ValueError:
        raise FieldError(field, N_("must be a date like 2024-03-01")) from None


def _member_data(form: dict[str, Any], checks: Checks) -> dict[str, Any]:
    """The form's strings as `members.profiles` takes them; an empty date or organisation
    means none. A date or an organisation that cannot be read is refused into `checks` (and
    left out), so the domain names it with every other refused field."""
    data = {name: str(form.get(name, "")).strip() for name in MEMBER_FIELDS}
    organisation = data.pop("organisation")
    with checks:
        refuse_beyond_ids(organisation, "organisation")
        if organisation and not is_id(organisation):
            raise FieldError("organisation", N_("choose an organisation from the list"))
        data["organisation"] = int(organisation) if organisation else None
    with checks:
        joined = _date(data.pop("joined_at"), "joined_at")
        if joined is not None:
            data["joined_at"] = joined
    return data


def _organisation_data(form: dict[str, Any]) -> dict[str, Any]:
    data = {name: str(form.get(name, "")).strip() for name in ORGANISATION_FIELDS}
    domains = str(form.get("email_domains", ""))
    data["email_domains"] = [d.strip() for d in domains.replace(",", " ").split() if d.strip()]
    return data


async def _organisation_choices() -> list[dict[str, Any]]:
    return await Organisation.select(Organisation.id, Organisation.name).order_by(Organisation.name)


async def _member_form(
    request: Request,
    member: dict[str, Any] | None,
    draft: dict[str, Any],
    status: int = 200,
    error: Exception | None = None,
    seen: object = None,
) -> Template:
    return page(
        request,
        "member_form.html",
        status_code=status,
        member=member,
        draft=draft,
        error=error,
        seen=str(seen) if seen else (seen_profile(member) if member else ""),
        theirs=_draft_of(member) if member else {},
        organisations=await _organisation_choices(),
        met_via=list(MetVia),
        statuses=[s for s in MemberStatus if s != MemberStatus.erased],
        languages=list(Language),
    )


def _draft_of(member: dict[str, Any]) -> dict[str, Any]:
    draft = {name: member.get(name) or "" for name in MEMBER_FIELDS}
    draft["organisation"] = member["organisation"]["id"] if member.get("organisation") else ""
    draft["joined_at"] = member["joined_at"].isoformat() if member.get("joined_at") else ""
    return draft


@get("/members/new", guards=[Organisers], name="member-new")
async def new_member(request: Request) -> Template:
    draft = {"met_via": MetVia.unknown, "status": MemberStatus.active, "language": Language.nl}
    return await _member_form(request, None, draft)


@post("/members/new", guards=[Organisers], opt=KEEPS_TYPED)
async def add_member(request: Request) -> Template | Redirect:
    try:
        form = await form_data(request)
    except RefusedForm as refused:
        return await _member_form(request, None, refused.data, 400, refused)
    try:
        checks = Checks()
        data = _member_data(form, checks)
        new_id = await create_member(
            {k: v for k, v in data.items() if v not in ("", None)},
            checks,
            actor=current(request).account_id,
        )
    except (FieldError, DomainError) as error:
        return await _member_form(request, None, form, 400, error)
    return see_other(f"/members/{new_id}", N_("Member added."))


@get("/members/{member_id:int}/edit", guards=[Organisers])
async def edit_member(request: Request, member_id: PathId) -> Template:
    member = await get_member(current(request), member_id)
    return await _member_form(request, member, _draft_of(member))


@post("/members/{member_id:int}/edit", guards=[Organisers], opt=KEEPS_TYPED)
async def save_member(request: Request, member_id: PathId) -> Template | Redirect:
    viewer = current(request)
    member = await get_member(viewer, member_id)
    try:
        form = await form_data(request)
    except RefusedForm as refused:
        return await _member_form(request, member, refused.data, 400, refused, sent(refused.data))
    seen = sent(form)
    try:
        checks = Checks()
        data = _member_data(form, checks)
        await update_member(viewer, member_id, data, checks, seen=seen)
    except (FieldError, DomainError) as error:
        status, seen = again(error, seen)
        return await _member_form(request, member, form, status, error, seen)
    return see_other(f"/members/{member_id}", N_("The member's profile was saved."))


@post("/members/{member_id:int}/interactions", guards=[Organisers], opt=KEEPS_TYPED)
async def record_interaction(request: Request, member_id: PathId) -> Template | Redirect:
    viewer = current(request)
    form: dict[str, Any] = {}  # a field sent twice is refused before anything was read
    try:
        form = await form_data(request)
        checks = Checks()  # every refused field at once
        occurred_on = kind = None
        with checks:
            occurred_on = _date(str(form.get("occurred_on", "")), "occurred_on")
            if occurred_on is None:
                raise FieldError("occurred_on", N_("is required"))
        with checks:
            typed = str(form.get("kind", ""))
            if typed not in InteractionKind.__members__:
                raise FieldError("kind", N_("choose a meeting, an appointment or a call"))
            kind = InteractionKind(typed)
        await add_interaction(
            viewer, member_id, occurred_on, kind, str(form.get("note", "")), checks
        )
    except (FieldError, DomainError) as error:
        form = error.data if isinstance(error, RefusedForm) else form
        member = await get_member(viewer, member_id)
        sections = await sections_for(
            viewer, member_id, request.app.state.get("member_sections", ())
        )
        return page(
            request,
            "member.html",
            400,
            member=member,
            sections=sections,
            error=error,
            interaction_draft=form,
        )
    return see_other(f"/members/{member_id}#interactions", N_("Contact recorded."))


async def _organisation_form(
    request: Request,
    organisation: dict[str, Any] | None,
    draft: dict[str, Any],
    status: int = 200,
    error: Exception | None = None,
    seen: str | None = None,
) -> Template:
    """A refused form keeps the organisation it was opened on (`seen`), so its next save still
    writes only what was changed in it."""
    return page(
        request,
        "organisation_form.html",
        status_code=status,
        organisation=organisation,
        draft=draft,
        error=error,
        seen=seen or (seen_organisation(organisation) if organisation else ""),
        theirs=_organisation_draft(organisation) if organisation else {},
        kinds=list(OrganisationKind),
    )


def _organisation_draft(found: dict[str, Any]) -> dict[str, Any]:
    draft = {name: found.get(name) or "" for name in ORGANISATION_FIELDS}
    draft["email_domains"] = " ".join(found.get("email_domains") or [])
    return draft


@get("/organisations/new", guards=[Organisers], name="organisation-new")
async def new_organisation(request: Request) -> Template:
    return await _organisation_form(request, None, {"kind": OrganisationKind.company})


@post("/organisations/new", guards=[Organisers], opt=KEEPS_TYPED)
async def add_organisation(request: Request) -> Template | Redirect:
    try:
        form = await form_data(request)
    except RefusedForm as refused:
        return await _organisation_form(request, None, refused.data, 400, refused)
    try:
        data = _organisation_data(form)
        new_id = await create_organisation({k: v for k, v in data.items() if v})
    except (FieldError, DomainError) as error:
        return await _organisation_form(request, None, form, 400, error)
    return see_other(f"/organisations/{new_id}", N_("Organisation added."))


@get("/organisations/{organisation_id:int}/edit", guards=[Organisers])
async def edit_organisation(request: Request, organisation_id: PathId) -> Template:
    found = await get_organisation(organisation_id)
    return await _organisation_form(request, found, _organisation_draft(found))


@post("/organisations/{organisation_id:int}/edit", guards=[Organisers], opt=KEEPS_TYPED)
async def save_organisation(request: Request, organisation_id: PathId) -> Template | Redirect:
    found = await get_organisation(organisation_id)
    try:
        form = await form_data(request)
    except RefusedForm as refused:
        return await _organisation_form(
            request, found, refused.data, 400, refused, sent(refused.data)
        )
    try:
        await update_organisation(organisation_id, _organisation_data(form), sent(form))
    except (FieldError, DomainError) as error:
        status, seen = again(error, sent(form))
        return await _organisation_form(request, found, form, status, error, seen)
    return see_other(f"/organisations/{organisation_id}", N_("The organisation was saved."))


ROUTES = [
    new_member,
    add_member,
    edit_member,
    save_member,
    record_interaction,
    new_organisation,
    add_organisation,
    edit_organisation,
    save_organisation,
]
