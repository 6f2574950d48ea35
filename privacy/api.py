"""/api/privacy/…: self-service for members and the privacy officer's desk. Handlers are
thin: each calls one domain function of the privacy module."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter

from kring.accounts import confirm_password
from kring.choices import Role
from kring.errors import Conflict, Forbidden, NotFound
from kring.i18n import gettext_for
from kring.messages import N_
from kring.settings import get_settings
from kring.validation import FieldError
from kring.web.auth import current, member_profile, public, requires, signed_in
from kring.web.params import MAX_ID, PathId
from kring.web.problems import ALSO_ANSWERS
from kring.web.templating import language_of
from privacy import (
    consents,
    download_links,
    processors,
    register,
    requests,
    retention,
    verification,
)
from privacy.account_data import account_export
from privacy.audit import (
    Action,
    audit_day,
    audit_entries,
    audit_table,
    record_audit,
    refuse_unknown_filters,
)
from privacy.living import require_living_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.person_search import audit_filter_ids
from privacy.requests import Kind, RequestChannel
from privacy.status import member_privacy

Text200 = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Officer = requires(Role.privacy_officer)
WHO = "A %s number (`12`, `#12`), a name or an e-mail address, as on the audit page"
DAY = "A day as dd-mm-yyyy or yyyy-mm-dd (`07-12-2026`, `2026-12-07`), as on the audit page"


class OptOutChange(msgspec.Struct, forbid_unknown_fields=True):
    kind: OptOut
    active: bool


class OptOutOnBehalf(msgspec.Struct, forbid_unknown_fields=True):
    kind: OptOut
    active: bool
    channel: Literal["phone", "email", "paper"]


class ConsentChange(msgspec.Struct, forbid_unknown_fields=True):
    purpose: Literal["private_contact"]
    given: bool


class Refusal(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]


class AdultConfirmation(msgspec.Struct, forbid_unknown_fields=True):
    confirmed: bool


Password = Annotated[str, msgspec.Meta(max_length=1024)]


MEMBER_ID_OF_REQUEST = (
    "Whom the request is about. A member leaves it out (or gives their own): the request is "
    "theirs. Required for staff (a 400 naming `member_id` without it), unless `email` is given: "
    "a privacy officer names any member; others may name only themselves."
)
"""The schema cannot say `required` for one role only, so it says it in words (an outside
tester found `member_id` optional in the schema while staff got a 400 without it)."""


class RequestCreate(msgspec.Struct, forbid_unknown_fields=True):
    member_id: (
        Annotated[int, msgspec.Meta(ge=1, le=MAX_ID, description=MEMBER_ID_OF_REQUEST)] | None
    ) = None
    channel: RequestChannel = RequestChannel.api
    identity_checked: bool = False
    # Members asking for their own erasure confirm with their password.
    password: Password | None = None
    # The privacy officer records a request that came by e-mail: a code goes to this address.
    email: Annotated[str, msgspec.Meta(min_length=3, max_length=254)] | None = None


class PasswordConfirmation(msgspec.Struct, forbid_unknown_fields=True):
    """Members confirm export and erasure with their password; privacy officers send none."""

    password: Password | None = None


class ExtensionCreate(msgspec.Struct, forbid_unknown_fields=True):
    months: Annotated[int, msgspec.Meta(ge=1, le=2)]
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]


class CodeEntry(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=20)]


class ProcessorCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Text200
    service: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    data_categories: Annotated[str, msgspec.Meta(max_length=300)] = ""
    dpa_signed_on: date | None = None
    key: Annotated[str, msgspec.Meta(max_length=40)] | None = None


class RuleChange(msgspec.Struct, forbid_unknown_fields=True):
    """The floor is the category's (`retention.checked_months` names it); 600 bounds the
    number before it reaches the domain."""

    months: Annotated[int, msgspec.Meta(le=600)]


async def _request_subject(request: Request, data: RequestCreate) -> tuple[int, str]:
    """Members ask for themselves; the officer records a request after checking identity."""
    viewer = current(request)
    if data.member_id is None or viewer.owns(data.member_id):
        if viewer.member_id is None:
            raise FieldError("member_id", N_("is required"))
        return viewer.member_id, data.channel
    if not viewer.has_role(Role.privacy_officer):
        raise NotFound(
            N_("member %(member_id)s not found"), field="member_id", member_id=data.member_id
        )
    if not data.identity_checked:
        raise FieldError("identity_checked", N_("check the requester's identity first"))
    return data.member_id, data.channel


Status = Annotated[
    Literal["unverified", "locked", "open", "approval", "fulfilled", "done", "refused", "withdrawn"]
    | None,
    QueryParameter(),
]
Overdue = Annotated[bool | None, QueryParameter(description="only (not) overdue requests")]


async def _requests(
    request: Request, kind: Kind, status: str | None, overdue: bool | None
) -> list[dict[str, Any]]:
    viewer = current(request)
    if viewer.has_role(Role.privacy_officer):
        return await requests.list_requests(kind, status=status, overdue=overdue)
    if viewer.member_id is None:
        return []
    return await requests.list_requests(
        kind, member_id=viewer.member_id, status=status, overdue=overdue
    )


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _confirm(request: Request, password: str | None) -> None:
    """Export and erasure of one's own data ask for the password again (the API's re-auth)."""
    if password is None:
        raise FieldError("password", N_("confirm with your password"))
    client = request.client.host if request.client else "unknown"
    await confirm_password(get_settings().secret_key, current(request).account_id, password, client)


async def _confirm_unless_officer(request: Request, password: str | None) -> None:
    if not current(request).has_role(Role.privacy_officer):
        await _confirm(request, password)


class MyPrivacyController(Controller):
    path = "/api/privacy/me"
    tags = ["privacy"]
    guards = [member_profile]

    @get("/", summary="My opt-outs, consents and their history")
    async def show(self, request: Request) -> dict[str, Any]:
        return await member_privacy(current(request).member_id)

    @post(
        "/export",
        summary="Everything held about me (kring-access/1 JSON), confirmed with my password",
        status_code=200,
    )
    async def export(
        self, request: Request, data: JSONBody[PasswordConfirmation]
    ) -> dict[str, Any]:
        viewer = current(request)
        await _confirm(request, data.password)
        request_id = await requests.record_request(
            Kind.access, viewer.member_id, RequestChannel.api, viewer.account_id
        )
        return await requests.fulfil_access(viewer, request_id)

    @put("/opt-outs", summary="Set one opt-out; it takes effect at once")
    async def opt_out(self, request: Request, data: JSONBody[OptOutChange]) -> dict[str, Any]:
        viewer = current(request)
        await set_opt_out(viewer.member_id, data.kind, data.active, Channel.api, viewer.account_id)
        return await member_privacy(viewer.member_id)

    @put("/consents", summary="Give or withdraw consent to use private contact details")
    async def consent(self, request: Request, data: JSONBody[ConsentChange]) -> dict[str, Any]:
        viewer = current(request)
        purpose = consents.Purpose(data.purpose)
        if data.given:
            await consents.give_consent(viewer.member_id, purpose, Channel.api)
        else:
            await consents.withdraw_consent(viewer.member_id, purpose)
        return await member_privacy(viewer.member_id)

    @post("/adult", summary="Confirm that I am an adult (no birth date is asked)")
    async def adult(self, request: Request, data: JSONBody[AdultConfirmation]) -> dict[str, Any]:
        if not data.confirmed:
            raise FieldError("confirmed", N_("must be true: members are adult professionals"))
        viewer = current(request)
        await consents.confirm_adult(viewer.member_id, Channel.api)
        return await member_privacy(viewer.member_id)


class RequestController(Controller):
    path = "/api/privacy"
    tags = ["privacy"]
    guards = [signed_in]

    @post(
        "/access-requests",
        summary="Ask for access (members: themselves; officer: anyone)",
        description="An officer names the person by `member_id` (or `email`, for a request "
        "received by e-mail). An erased person's request is not recorded, as nothing more is "
        "about them: 409 naming `member_id`, which says when they were erased and where the "
        "desk lists what Kring keeps of them (the erasure's page, `/privacy/desk/erasure/{id}`), "
        "to answer them from.",
    )
    async def ask_access(self, request: Request, data: JSONBody[RequestCreate]) -> dict[str, Any]:
        if data.email is not None:
            return await _emailed(request, Kind.access, data.email)
        member_id, channel = await _request_subject(request, data)
        new_id = await requests.record_request(
            Kind.access, member_id, RequestChannel(channel), current(request).account_id
        )
        return await requests.get_request(current(request), Kind.access, new_id)

    @post("/erasure-requests", summary="Ask for erasure (members: themselves; officer: anyone)")
    async def ask_erasure(self, request: Request, data: JSONBody[RequestCreate]) -> dict[str, Any]:
        if data.email is not None:
            return await _emailed(request, Kind.erasure, data.email)
        member_id, channel = await _request_subject(request, data)
        if current(request).owns(member_id):
            await _confirm(request, data.password)
        new_id = await requests.record_request(
            Kind.erasure, member_id, RequestChannel(channel), current(request).account_id
        )
        return await requests.get_request(current(request), Kind.erasure, new_id)

    @get("/access-requests", summary="Access requests: members see theirs, the officer all")
    async def access_index(
        self, request: Request, status: Status = None, overdue: Overdue = None
    ) -> list[dict[str, Any]]:
        return await _requests(request, Kind.access, status, overdue)

    @get("/erasure-requests", summary="Erasure requests: members see theirs, the officer all")
    async def erasure_index(
        self, request: Request, status: Status = None, overdue: Overdue = None
    ) -> list[dict[str, Any]]:
        return await _requests(request, Kind.erasure, status, overdue)

    @get("/access-requests/{request_id:int}", summary="One access request")
    async def access_show(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.get_request(current(request), Kind.access, request_id)

    @get("/erasure-requests/{request_id:int}", summary="One erasure request")
    async def erasure_show(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.get_request(current(request), Kind.erasure, request_id)

    @get(
        "/access-requests/{request_id:int}/export",
        summary=(
            "The answer: kring-access/1 JSON, read only (privacy officer; POST marks it answered)"
        ),
        opt={ALSO_ANSWERS: {409}},  # a request not verified, locked, refused, withdrawn or done
    )
    async def export(self, request: Request, request_id: PathId) -> dict[str, Any]:
        """A GET reads: the request stays open until the answer is POSTed (delivered)."""
        viewer = current(request)
        await requests.get_request(viewer, Kind.access, request_id)
        if not viewer.has_role(Role.privacy_officer):
            raise Forbidden(
                N_('confirm with your password: POST this path with {"password": ...}'), "password"
            )
        return await requests.access_answer(viewer, request_id)

    @post(
        "/access-requests/{request_id:int}/export",
        summary="The answer, marked answered (kring-access/1 JSON); members confirm by password",
        status_code=200,
    )
    async def confirmed_export(
        self, request: Request, request_id: PathId, data: JSONBody[PasswordConfirmation]
    ) -> dict[str, Any]:
        viewer = current(request)
        await requests.get_request(viewer, Kind.access, request_id)
        await _confirm_unless_officer(request, data.password)
        return await requests.fulfil_access(viewer, request_id)

    @post(
        "/access-requests/{request_id:int}/download-link",
        summary="A single-use, expiring link to the answer; members confirm with their password",
        status_code=201,
    )
    async def download_link(
        self, request: Request, request_id: PathId, data: JSONBody[PasswordConfirmation]
    ) -> dict[str, Any]:
        viewer = current(request)
        await requests.get_request(viewer, Kind.access, request_id)
        await _confirm_unless_officer(request, data.password)
        return await download_links.issue_link(viewer, request_id)

    @post(
        "/access-requests/{request_id:int}/extension",
        guards=[Officer],
        summary="Extend the deadline by 1 or 2 months, within the first month; mails the person",
        status_code=200,
    )
    async def extend_access(
        self, request: Request, request_id: PathId, data: JSONBody[ExtensionCreate]
    ) -> dict[str, Any]:
        return await requests.extend_request(
            current(request), Kind.access, request_id, data.months, data.reason
        )

    @post(
        "/erasure-requests/{request_id:int}/extension",
        guards=[Officer],
        summary="Extend the deadline by 1 or 2 months, within the first month; mails the person",
        status_code=200,
    )
    async def extend_erasure(
        self, request: Request, request_id: PathId, data: JSONBody[ExtensionCreate]
    ) -> dict[str, Any]:
        return await requests.extend_request(
            current(request), Kind.erasure, request_id, data.months, data.reason
        )

    @post(
        "/erasure-requests/{request_id:int}/approve",
        guards=[Officer],
        summary="Approve and carry out an erasure started by another privacy officer",
        status_code=200,
    )
    async def approve(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.approve_erasure(current(request), request_id)

    @post(
        "/erasure-requests/{request_id:int}/run",
        guards=[Officer],
        summary="Carry out an erasure request, or with two-officer approval start it",
        status_code=200,
    )
    async def run(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.run_erasure(current(request), request_id)

    @post(
        "/access-requests/{request_id:int}/refusal",
        guards=[Officer],
        summary="Refuse an access request with a reason; the person is mailed it",
        status_code=200,
    )
    async def refuse_access(
        self, request: Request, request_id: PathId, data: JSONBody[Refusal]
    ) -> dict[str, Any]:
        return await requests.refuse_request(current(request), Kind.access, request_id, data.reason)

    @post(
        "/erasure-requests/{request_id:int}/refusal",
        guards=[Officer],
        summary="Refuse an erasure request (also one waiting for approval); the person is mailed",
        status_code=200,
    )
    async def refuse_erasure(
        self, request: Request, request_id: PathId, data: JSONBody[Refusal]
    ) -> dict[str, Any]:
        return await requests.refuse_request(
            current(request), Kind.erasure, request_id, data.reason
        )

    @post(
        "/access-requests/{request_id:int}/withdrawal",
        summary="Withdraw an access request not yet answered (the person, or the officer for them)",
        status_code=200,
    )
    async def withdraw_access(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.withdraw_request(current(request), Kind.access, request_id)

    @post(
        "/erasure-requests/{request_id:int}/withdrawal",
        summary="Withdraw an erasure request not yet carried out (the person, or the officer)",
        status_code=200,
    )
    async def withdraw_erasure(self, request: Request, request_id: PathId) -> dict[str, Any]:
        return await requests.withdraw_request(current(request), Kind.erasure, request_id)


async def _emailed(request: Request, kind: Kind, email: str) -> dict[str, Any]:
    viewer = current(request)
    if not viewer.has_role(Role.privacy_officer):
        raise Forbidden(N_("only the privacy officer records requests received by e-mail"), "email")
    return await verification.record_emailed_request(kind, email, viewer.account_id)


class VerificationController(Controller):
    """The person behind an e-mailed request enters the mailed code; no login needed."""

    path = "/api/privacy"
    tags = ["privacy"]
    guards = [public]

    @post(
        "/access-requests/{request_id:int}/verify",
        summary="Confirm an e-mailed access request with the mailed code",
        status_code=200,
    )
    async def verify_access(
        self, request: Request, request_id: PathId, data: JSONBody[CodeEntry]
    ) -> dict[str, Any]:
        return await verification.verify(Kind.access, request_id, data.code, _client(request))

    @post(
        "/erasure-requests/{request_id:int}/verify",
        summary="Confirm an e-mailed erasure request with the mailed code",
        status_code=200,
    )
    async def verify_erasure(
        self, request: Request, request_id: PathId, data: JSONBody[CodeEntry]
    ) -> dict[str, Any]:
        return await verification.verify(Kind.erasure, request_id, data.code, _client(request))


class DeskController(Controller):
    path = "/api/privacy"
    tags = ["privacy"]
    guards = [Officer]

    @put("/members/{member_id:int}/opt-outs", summary="Record an opt-out on someone's behalf")
    async def opt_out(
        self, request: Request, member_id: PathId, data: JSONBody[OptOutOnBehalf]
    ) -> dict[str, Any]:
        viewer = current(request)
        await require_living_member(member_id)
        changed = await set_opt_out(
            member_id, data.kind, data.active, Channel(data.channel), viewer.account_id
        )
        if changed:
            await record_audit(viewer.account_id, member_id, Action.changed, "opt_out_event")
        return await member_privacy(member_id)

    @get(
        "/audit",
        summary="The audit trail, filtered; an unknown query parameter is refused",
        description="`member` and `actor` take what the audit page's filters take: a number, "
        "a name or an e-mail address (or part of one). One that names no one or several is a "
        "400 naming the filter.",
    )
    async def audit(
        self,
        request: Request,
        member: Annotated[str | None, QueryParameter(description=WHO % "member")] = None,
        actor: Annotated[str | None, QueryParameter(description=WHO % "account")] = None,
        action: Annotated[Action | None, QueryParameter()] = None,
        table: Annotated[str | None, QueryParameter(max_length=60)] = None,
        since: Annotated[str | None, QueryParameter(description=DAY, max_length=40)] = None,
        until: Annotated[str | None, QueryParameter(description=DAY, max_length=40)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[dict[str, Any]]:
        refuse_unknown_filters(request.query_params, also=("limit",))
        gettext = gettext_for(language_of(request))
        member_id, actor_id = await audit_filter_ids(member, actor, gettext)
        return await audit_entries(
            member=member_id,
            actor=actor_id,
            action=action,
            table=audit_table(table),
            since=audit_day(since, "since"),
            until=audit_day(until, "until"),
            limit=limit,
        )

    @get("/register", summary="Register of processing activities (GDPR art. 30)")
    async def register(self) -> dict[str, Any]:
        return register.processing_register()

    @get("/processors", summary="Processors; ?without_agreement=true lists those without a DPA")
    async def processors(
        self, without_agreement: Annotated[bool, QueryParameter()] = False
    ) -> list[dict[str, Any]]:
        return await processors.list_processors(without_agreement)

    @post("/processors", summary="Add a processor")
    async def add_processor(self, data: JSONBody[ProcessorCreate]) -> dict[str, Any]:
        new_id = await processors.add_processor(
            data.name, data.service, data.data_categories, data.dpa_signed_on, key=data.key
        )
        return next(p for p in await processors.list_processors() if p["id"] == new_id)

    @get("/retention", summary="Retention rules and what a run would remove now (dry run)")
    async def retention(self) -> dict[str, Any]:
        return await retention.plan()

    @put(
        "/retention/{category:str}",
        summary="Change a retention period (months); a shortening may wait for a second officer",
    )
    async def set_retention(
        self, request: Request, category: FromPath[str], data: JSONBody[RuleChange]
    ) -> dict[str, Any]:
        change = await retention.change_rule(category, data.months, current(request).account_id)
        return {"change": change, "retention": await retention.plan()}

    @get("/retention/changes", summary="Changes of retention periods, newest first")
    async def retention_changes(self) -> list[dict[str, Any]]:
        return await retention.changes()

    @post(
        "/retention/changes/{change_id:int}/approve",
        summary="Approve another officer's shortening of a retention period",
        status_code=200,
    )
    async def approve_retention_change(self, request: Request, change_id: PathId) -> dict[str, Any]:
        change = await retention.approve_change(change_id, current(request).account_id)
        return {"change": change, "retention": await retention.plan()}


@post(
    "/api/privacy/account-data",
    guards=[signed_in],
    tags=["privacy"],
    summary="Everything held about my staff account (kring-access/1), confirmed with my password",
    status_code=200,
    opt={ALSO_ANSWERS: {409}},  # an account with a member profile: its own export holds it
)
async def account_data(request: Request, data: JSONBody[PasswordConfirmation]) -> dict[str, Any]:
    """For an account without a member profile (staff): a member's answer holds its account."""
    viewer = current(request)
    if viewer.member_id is not None:
        raise Conflict(
            N_("this account has a member profile: POST /api/privacy/me/export gives all of it")
        )
    await _confirm(request, data.password)
    export = await account_export(viewer.account_id, language_of(request))
    await record_audit(viewer.account_id, None, Action.exported, "account")
    return export


ROUTES = [
    account_data,
    MyPrivacyController,
    RequestController,
    VerificationController,
    DeskController,
]
