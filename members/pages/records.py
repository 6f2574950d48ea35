"""'My challenges' and 'My expertise': list, add, edit, close and reopen."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from kring.choices import RecordStatus
from kring.errors import Conflict, DomainError, NotFound
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.record_uses import after_closing
from kring.seen import again, sent
from kring.tables import Challenge, Expertise
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import current, member_profile
from kring.web.params import PathId
from kring.web.templating import page
from members.records import (
    RecordTable,
    create_record,
    delete_record,
    get_record,
    list_records,
    seen_record,
    update_record,
)

KINDS: dict[str, RecordTable] = {"challenges": Challenge, "expertise": Expertise}


def _table(kind: FromPath[str]) -> RecordTable:
    if kind not in KINDS:
        raise NotFound(N_("no page %(kind)s"), kind=kind)
    return KINDS[kind]


def _record_data(data: dict) -> dict:
    tags = data.get("tags", "")
    return {
        "title": data.get("title", ""),
        "body": data.get("body", ""),
        "tags": [tag for tag in str(tags).split(",") if tag.strip()],
        "language": data.get("language", "nl"),
    }


async def _render(
    request: Request, kind: FromPath[str], status_code: int = 200, **extra
) -> Template:
    viewer = current(request)
    records = await list_records(_table(kind), viewer, viewer.member_id, limit=100)
    context = {"kind": kind, "records": records, "error": None, "draft": {}} | extra
    return page(request, "records.html", status_code=status_code, **context)


@get("/my/{kind:str}", guards=[member_profile], name="my-records")
async def my_records(request: Request, kind: FromPath[str]) -> Template:
    return await _render(request, kind)


@post("/my/{kind:str}", guards=[member_profile], opt=KEEPS_TYPED)
async def add_record(request: Request, kind: FromPath[str]) -> Template | Redirect:
    try:
        data = _record_data(await form_data(request))
    except RefusedForm as refused:
        draft = _record_data(refused.data)
        return await _render(request, kind, status_code=400, error=refused, draft=draft)
    try:
        await create_record(_table(kind), current(request), data)
    except (FieldError, DomainError) as error:
        return await _render(request, kind, status_code=400, error=error, draft=data)
    added = N_("Challenge added.") if kind == "challenges" else N_("Expertise added.")
    return see_other(f"/my/{kind}", added)


@post("/my/{kind:str}/{record_id:int}/status", guards=[member_profile])
async def set_record_status(request: Request, kind: FromPath[str], record_id: PathId) -> Redirect:
    data = await form_data(request)
    chosen = str(data.get("status", ""))
    if chosen not in (RecordStatus.closed, RecordStatus.open):  # never a guess: say so
        raise FieldError("status", N_("choose open or closed"))
    status = RecordStatus(chosen)
    await update_record(_table(kind), current(request), record_id, {"status": status})
    if status != RecordStatus.closed:
        return see_other(f"/my/{kind}", REOPENED[kind])
    hooks = request.app.state.get("record_closed", ())
    ended = await after_closing(_kind_name(kind), record_id, hooks)
    return see_other(f"/my/{kind}", ended or CLOSED[kind])


CLOSED = {
    "challenges": N_("Challenge closed."),
    "expertise": N_(
        "Your expertise is closed: it is no longer proposed to members. You can reopen it at any "
        "time."
    ),
}
"""What closing did, said after it (a challenge's withdrawn requests are said by its hook)."""
REOPENED = {"challenges": N_("Challenge reopened."), "expertise": N_("Expertise reopened.")}
DELETED = {"challenges": N_("Challenge deleted."), "expertise": N_("Expertise deleted.")}
SAVED = {"challenges": N_("Challenge saved."), "expertise": N_("Expertise saved.")}
"""Each message names the record, as 'Challenge added.' does: a member may have several open."""


def _kind_name(kind: str) -> str:
    return "challenge" if kind == "challenges" else "expertise"


@post("/my/{kind:str}/{record_id:int}/delete", guards=[member_profile])
async def remove_record(
    request: Request, kind: FromPath[str], record_id: PathId
) -> Template | Redirect:
    uses = request.app.state.get("record_uses", ())
    try:
        await delete_record(_table(kind), current(request), record_id, uses)
    except Conflict as refusal:
        return await _render(request, kind, status_code=409, error=refusal)
    return see_other(f"/my/{kind}", DELETED[kind])


@get("/my/{kind:str}/{record_id:int}/edit", guards=[member_profile])
async def edit_record(request: Request, kind: FromPath[str], record_id: PathId) -> Template:
    record = await get_record(_table(kind), current(request), record_id)
    seen = seen_record(record)
    return page(
        request, "record_edit.html", kind=kind, record=record, draft=record, error=None, seen=seen
    )


@post("/my/{kind:str}/{record_id:int}", guards=[member_profile], opt=KEEPS_TYPED)
async def save_record(
    request: Request, kind: FromPath[str], record_id: PathId
) -> Template | Redirect:
    """The form carries the record as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what was changed in it."""
    table = _table(kind)
    try:
        form = await form_data(request)
    except RefusedForm as refused:
        return await _edit_again(
            request, kind, record_id, _record_data(refused.data), refused, sent(refused.data)
        )
    data, seen = _record_data(form), sent(form)
    try:
        await update_record(table, current(request), record_id, data, seen)
    except (FieldError, DomainError) as error:
        return await _edit_again(request, kind, record_id, data, error, seen)
    return see_other(f"/my/{kind}", SAVED[kind])


async def _edit_again(
    request: Request,
    kind: str,
    record_id: int,
    draft: dict,
    error: Exception,
    seen: str | None = None,
) -> Template:
    """The edit form again after a refused save, with what was typed (and what it showed, or
    after a save refused as edited meanwhile the record as it is now, shown beside it)."""
    record = await get_record(_table(kind), current(request), record_id)
    status, seen = again(error, seen)
    return page(
        request,
        "record_edit.html",
        status,
        kind=kind,
        record=record,
        draft=draft,
        error=error,
        seen=seen or seen_record(record),
        theirs=record,
    )


ROUTES = [my_records, add_record, set_record_status, remove_record, edit_record, save_record]
