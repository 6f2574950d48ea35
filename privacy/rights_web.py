"""The privacy officer's API and page for restrictions (GDPR art. 18) and recipient notices
(art. 19). Handlers are thin: each calls one function of `privacy.restriction` or
`privacy.recipients`."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import JSONBody, QueryParameter
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import Conflict, DomainError
from kring.i18n import gettext_for
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.table_labels import column_label
from kring.validation import Checks, FieldError
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.params import PathId
from kring.web.templating import language_of, page
from privacy import recipients, restriction
from privacy.living import require_living_member
from privacy.person_search import people_to_pick, pick_person

Officer = requires(Role.privacy_officer)


class RestrictionCreate(msgspec.Struct, forbid_unknown_fields=True):
    requested_by: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


async def _member_exists(member_id: int) -> None:
    await require_living_member(member_id)


class RightsController(Controller):
    path = "/api/privacy"
    tags = ["privacy"]
    guards = [Officer]

    @get("/restrictions", summary="Members whose processing is restricted now (art. 18)")
    async def restrictions(self) -> list[dict[str, Any]]:
        return await restriction.current_restrictions()

    @get("/members/{member_id:int}/restriction", summary="A member's restriction and history")
    async def restriction_state(self, member_id: PathId) -> dict[str, Any]:
        await _member_exists(member_id)
        return await restriction.restriction_state(member_id)

    @post("/members/{member_id:int}/restriction", summary="Restrict a member's processing")
    async def restrict(
        self, request: Request, member_id: PathId, data: JSONBody[RestrictionCreate]
    ) -> dict[str, Any]:
        return await restriction.restrict(
            member_id, data.requested_by, data.reason, current(request).account_id
        )

    @post("/members/{member_id:int}/restriction/lift", summary="Lift a member's restriction")
    async def lift(self, request: Request, member_id: PathId) -> dict[str, Any]:
        return await restriction.lift(member_id, current(request).account_id)

    @get("/members/{member_id:int}/recipients", summary="Processors that received their data")
    async def recipients(self, member_id: PathId) -> list[dict[str, Any]]:
        await _member_exists(member_id)
        return await recipients.recipients_of(member_id)

    @get("/notices", summary="Tasks: tell a recipient of an erasure or rectification (art. 19)")
    async def notices(
        self, done: Annotated[bool, QueryParameter()] = False
    ) -> list[dict[str, Any]]:
        return await recipients.notices(open_only=not done)

    @post("/notices/{notice_id:int}/done", summary="Mark a notification task done")
    async def notice_done(self, request: Request, notice_id: PathId) -> dict[str, Any]:
        return await recipients.mark_done(notice_id, current(request).account_id)


async def _rights(request: Request, status_code: int = 200, **extra: Any) -> Template:
    gettext = gettext_for(language_of(request))
    return page(
        request,
        "privacy/rights.html",
        status_code,
        restrictions=await restriction.current_restrictions(),
        notices=await recipients.notices(),
        # A notice's fields by their labels ("Functie, Telefoon"); the API keeps the keys.
        field_label=lambda field: column_label("member", field, gettext),
        **extra,
    )


@get("/privacy/desk/rights", guards=[Officer], name="privacy-rights")
async def rights_page(request: Request) -> Template:
    return await _rights(request)


RESTRICT_FIELDS = ("member_id", "requested_by", "reason")


@post("/privacy/desk/rights/restrict", guards=[Officer], opt=KEEPS_TYPED)
async def restrict_page(request: Request) -> Template | Redirect:
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        requested_by, reason = str(data.get("requested_by", "")), str(data.get("reason", ""))
        checks = Checks()  # the person, who asked and why: every refused field at once
        member_id = 0
        with checks:
            member_id = await pick_person(str(data.get("member_id", "")), "member_id")
        with checks:
            restriction.checked_request(requested_by, reason)
        checks.done()
        await restriction.restrict(member_id, requested_by, reason, current(request).account_id)
    except (FieldError, DomainError) as error:
        typed = error.data if isinstance(error, RefusedForm) else data
        draft = {field: str(typed.get(field, "")) for field in RESTRICT_FIELDS}
        draft["people"] = people_to_pick(error)
        status = error.status_code if isinstance(error, DomainError) else 400
        return await _rights(request, status, error=error, draft=draft)
    return see_other("/privacy/desk/rights", N_("Processing is restricted."))


@post("/privacy/desk/rights/{member_id:int}/lift", guards=[Officer])
async def lift_page(request: Request, member_id: PathId) -> Template | Redirect:
    try:
        await restriction.lift(member_id, current(request).account_id)
    except DomainError as error:  # a second click: it was lifted already
        return await _rights(request, error.status_code, error=error)
    return see_other("/privacy/desk/rights", N_("The restriction was lifted."))


@post("/privacy/desk/notices/{notice_id:int}/done", guards=[Officer])
async def notice_done_page(request: Request, notice_id: PathId) -> Redirect:
    """Says which notice and which processor: the list holds one per processor and person, and
    the row leaves it once done (a bare "Marked as done." named neither)."""
    try:
        done = await recipients.mark_done(notice_id, current(request).account_id)
    except Conflict:  # a second click, or a colleague marked it first
        return see_other(
            "/privacy/desk/rights",
            N_("Notice #%(number)s was already marked as done; nothing changed."),
            values={"number": str(notice_id)},
        )
    return see_other(
        "/privacy/desk/rights",
        N_("Notice #%(number)s is marked as done: %(processor)s was told."),
        values={"number": str(notice_id), "processor": str(done["processor_name"] or "")},
    )


ROUTES = [RightsController, rights_page, restrict_page, lift_page, notice_done_page]
