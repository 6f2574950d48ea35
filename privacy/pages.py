"""The privacy pages: a member's own data and choices, and the privacy officer's desk."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import NotFound
from kring.pages.forms import form_data, see_other
from kring.tables import Member
from kring.validation import FieldError
from kring.web.auth import current, member_profile, requires
from kring.web.params import PathId
from kring.web.templating import page
from privacy import consents, processors, register, requests, retention
from privacy.access import access_export
from privacy.audit import Action, audit_entries, record_audit
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.requests import Kind, RequestChannel
from privacy.status import member_privacy

Officer = requires(Role.privacy_officer)


def _integer(data: dict[str, Any], field: str, required: bool = True) -> int | None:
    raw = str(data.get(field, "")).strip()
    if not raw:
        if required:
            raise FieldError(field, "is required")
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise FieldError(field, f"{raw!r} is not a positive whole number")
    return int(raw)


def _choice(enum: type, data: dict[str, Any], field: str) -> Any:
    try:
        return enum(data.get(field, ""))
    except ValueError:
        raise FieldError(field, f"must be one of {', '.join(enum)}") from None


def _flag(data: dict[str, Any], field: str) -> bool:
    value = data.get(field, "")
    if value not in ("", "on", "1", "true", "0", "false"):
        raise FieldError(field, "must be on or off")
    return value in ("on", "1", "true")


# A member's own page


@get("/privacy", guards=[member_profile], name="my-privacy")
async def mine(request: Request) -> Template:
    viewer = current(request)
    state = await member_privacy(viewer.member_id)
    mine = {kind: await requests.list_requests(kind, member_id=viewer.member_id) for kind in Kind}
    return page(request, "privacy/mine.html", state=state, requests=mine)


@post("/privacy/opt-outs", guards=[member_profile])
async def save_opt_outs(request: Request) -> Redirect:
    viewer = current(request)
    data = await form_data(request)
    for kind in OptOut:
        await set_opt_out(
            viewer.member_id, kind, _flag(data, kind.value), Channel.web, viewer.account_id
        )
    return see_other("/privacy?saved=1")


@post("/privacy/consents", guards=[member_profile])
async def save_consent(request: Request) -> Redirect:
    viewer = current(request)
    data = await form_data(request)
    if _flag(data, "private_contact"):
        await consents.give_consent(viewer.member_id, consents.Purpose.private_contact, "web")
    else:
        await consents.withdraw_consent(viewer.member_id, consents.Purpose.private_contact)
    return see_other("/privacy?saved=1")


@post("/privacy/adult", guards=[member_profile])
async def confirm_adult(request: Request) -> Redirect:
    data = await form_data(request)
    if not _flag(data, "confirmed"):
        raise FieldError("confirmed", "tick the box to confirm you are an adult")
    await consents.confirm_adult(current(request).member_id, "web")
    return see_other("/privacy?saved=1")


@post("/privacy/erasure", guards=[member_profile])
async def ask_erasure(request: Request) -> Redirect:
    viewer = current(request)
    await requests.record_request(
        Kind.erasure, viewer.member_id, RequestChannel.web, viewer.account_id
    )
    return see_other("/privacy?asked=1")


async def _own_export(request: Request) -> dict[str, Any]:
    viewer = current(request)
    request_id = await requests.record_request(
        Kind.access, viewer.member_id, RequestChannel.web, viewer.account_id
    )
    return await requests.fulfil_access(viewer, request_id)


@get("/privacy/my-data.json", guards=[member_profile])
async def my_data_json(request: Request) -> Response:
    export = await _own_export(request)
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="kring-my-data.json"'},
    )


@get("/privacy/my-data", guards=[member_profile])
async def my_data(request: Request) -> Template:
    return page(request, "privacy/export.html", export=await _own_export(request))


# The privacy officer's desk


@get("/privacy/desk", guards=[Officer], name="privacy-desk")
async def desk(request: Request) -> Template:
    open_requests = {kind: await requests.list_requests(kind, status="open") for kind in Kind}
    return page(
        request, "privacy/desk.html", open_requests=open_requests, today=date.today(), error=None
    )


@post("/privacy/desk/requests", guards=[Officer])
async def record_request(request: Request) -> Redirect:
    data = await form_data(request)
    kind = _choice(Kind, data, "kind")
    member_id = _integer(data, "member_id")
    channel = _choice(RequestChannel, data, "channel")
    if not _flag(data, "identity_checked"):
        raise FieldError("identity_checked", "check the requester's identity first")
    await requests.record_request(kind, member_id, channel, current(request).account_id)
    return see_other("/privacy/desk?recorded=1")


@post("/privacy/desk/erasure/{request_id:int}", guards=[Officer])
async def run_erasure(request: Request, request_id: PathId) -> Template:
    outcome = await requests.run_erasure(current(request), request_id)
    return page(request, "privacy/erased.html", outcome=outcome)


@get("/privacy/desk/access/{request_id:int}", guards=[Officer])
async def answer_access(request: Request, request_id: PathId) -> Template:
    export = await requests.fulfil_access(current(request), request_id)
    return page(request, "privacy/export.html", export=export)


@get("/privacy/desk/members/{member_id:int}", guards=[Officer])
async def member_desk(request: Request, member_id: PathId) -> Template:
    viewer = current(request)
    if not await Member.exists().where(Member.id == member_id):
        raise NotFound(f"member {member_id} not found", field="member_id")
    await record_audit(viewer.account_id, member_id, Action.viewed, "*")
    return page(
        request,
        "privacy/member.html",
        state=await member_privacy(member_id),
        export=await access_export(member_id),
    )


@post("/privacy/desk/members/{member_id:int}/opt-outs", guards=[Officer])
async def opt_out_on_behalf(request: Request, member_id: PathId) -> Redirect:
    viewer = current(request)
    data = await form_data(request)
    kind = _choice(OptOut, data, "kind")
    channel = _choice(Channel, data, "channel")
    if channel not in (Channel.phone, Channel.email, Channel.paper):
        raise FieldError("channel", "must be phone, email or paper")
    if not await Member.exists().where(Member.id == member_id):
        raise NotFound(f"member {member_id} not found", field="member_id")
    if await set_opt_out(member_id, kind, _flag(data, "active"), channel, viewer.account_id):
        await record_audit(viewer.account_id, member_id, Action.changed, "opt_out_event")
    return see_other(f"/privacy/desk/members/{member_id}")


@get("/privacy/desk/register", guards=[Officer])
async def register_page(request: Request) -> Template:
    return page(request, "privacy/register.html", register=register.processing_register())


@get("/privacy/desk/processors", guards=[Officer])
async def processors_page(request: Request) -> Template:
    return page(
        request,
        "privacy/processors.html",
        processors=await processors.list_processors(),
        retention=await retention.plan(),
    )


@post("/privacy/desk/processors", guards=[Officer])
async def add_processor(request: Request) -> Redirect:
    data = await form_data(request)
    signed = str(data.get("dpa_signed_on", "")).strip()
    try:
        signed_on = date.fromisoformat(signed) if signed else None
    except ValueError:
        raise FieldError("dpa_signed_on", "must be a date like 2025-03-01") from None
    await processors.add_processor(
        str(data.get("name", "")),
        str(data.get("service", "")),
        str(data.get("data_categories", "")),
        signed_on,
        key=str(data.get("key", "")),
    )
    return see_other("/privacy/desk/processors")


@get("/privacy/desk/audit", guards=[Officer])
async def audit_page(request: Request) -> Template:
    query = dict(request.query_params)
    action = query.get("action") or None
    if action is not None:
        action = _choice(Action, query, "action")
    entries = await audit_entries(
        member=_integer(query, "member", required=False),
        actor=_integer(query, "actor", required=False),
        action=action,
        table=(query.get("table") or "")[:60] or None,
    )
    return page(request, "privacy/audit.html", entries=entries, query=query)


ROUTES = [
    mine,
    save_opt_outs,
    save_consent,
    confirm_adult,
    ask_erasure,
    my_data_json,
    my_data,
    desk,
    record_request,
    run_erasure,
    answer_access,
    member_desk,
    opt_out_on_behalf,
    register_page,
    processors_page,
    add_processor,
    audit_page,
]
