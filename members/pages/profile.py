"""A member's own profile: see everything held, change what is theirs to change."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.errors import DomainError
from kring.pages.forms import form_data, see_other
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import current, member_profile
from kring.web.templating import page
from members.profiles import PROFILE_FIELDS, get_member, update_member


@get("/profile", guards=[member_profile], name="profile")
async def profile(request: Request) -> Template:
    viewer = current(request)
    member = await get_member(viewer, viewer.member_id)
    return page(request, "profile.html", member=member, error=None, saved=False)


@post("/profile", guards=[member_profile])
async def save_profile(request: Request) -> Template | Redirect:
    viewer = current(request)
    data = await form_data(request)
    changes = {name: data[name] for name in PROFILE_FIELDS if name in data}
    try:
        await update_member(viewer, viewer.member_id, changes)
    except (FieldError, DomainError) as error:
        member = await get_member(viewer, viewer.member_id)
        member.update({name: value for name, value in changes.items() if isinstance(value, str)})
        return page(
            request, "profile.html", status_code=400, member=member, error=error, saved=False
        )
    return see_other("/profile", N_("Your profile was saved."))


ROUTES = [profile, save_profile]
