"""A member's own profile: see everything held, change what is theirs to change."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.errors import DomainError
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.principal import Principal
from kring.seen import again, sent
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import current, member_profile
from kring.web.templating import page
from members.pages.auth import remember_language
from members.profiles import (
    PRIVATE_FIELDS,
    PROFILE_FIELDS,
    get_member,
    seen_profile,
    update_member,
)
from privacy.consents import Purpose, has_consent


async def _editable(viewer: Principal) -> tuple[str, ...]:
    """The fields the profile form shows: the private e-mail and address only once the member
    consented to their use (the domain refuses them before that)."""
    if await has_consent(viewer.member_id, Purpose.private_contact):
        return PROFILE_FIELDS + PRIVATE_FIELDS
    return PROFILE_FIELDS


async def _form(
    request: Request,
    typed: dict | None = None,
    error: object = None,
    status_code: int = 200,
    seen: object = None,
) -> Template:
    """The profile as held, with what was typed over it when a save was refused; a refused
    form keeps the profile it was opened on (`seen`), so its next save still writes only what
    was changed in it."""
    viewer = current(request)
    member = await get_member(viewer, viewer.member_id)
    seen = str(seen) if seen else seen_profile(member)
    fields = await _editable(viewer)
    theirs = dict(member)  # as stored: what a save refused as edited meanwhile shows beside
    member.update({name: value for name, value in (typed or {}).items() if name in fields})
    return page(
        request,
        "profile.html",
        status_code=status_code,
        member=member,
        private_contact=PRIVATE_FIELDS[0] in fields,
        error=error,
        saved=False,
        seen=seen,
        theirs=theirs,
    )


@get("/profile", guards=[member_profile], name="profile")
async def profile(request: Request) -> Template:
    return await _form(request)


@post("/profile", guards=[member_profile], opt=KEEPS_TYPED)
async def save_profile(request: Request) -> Template | Redirect:
    viewer = current(request)
    try:
        data = await form_data(request)
    except RefusedForm as refused:
        return await _form(request, refused.data, refused, status_code=400, seen=sent(refused.data))
    changes = {name: data[name] for name in await _editable(viewer) if name in data}
    before = await get_member(viewer, viewer.member_id)
    seen = sent(data)
    try:
        await update_member(viewer, viewer.member_id, changes, seen=seen)
    except (FieldError, DomainError) as error:
        status, seen = again(error, seen)
        return await _form(request, changes, error, status_code=status, seen=seen)
    saved = see_other("/profile", N_("Your profile was saved."))
    language = changes.get("language")
    if language is not None and language != before["language"]:
        remember_language(saved, str(language))  # the member chose it: the pages follow
    return saved


ROUTES = [profile, save_profile]
