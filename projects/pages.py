"""Project pages: the list, a project's workspace, the organisers' forms, inviting members."""

from __future__ import annotations

from contextlib import suppress
from functools import partial
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import Forbidden, NotFound, TooLarge
from kring.pages.forms import (
    KEEPS_TYPED,
    RefusedForm,
    form_data,
    keeps_typed_search,
    query_data,
    see_other,
)
from kring.search import search_words, signs_left_out
from kring.seen import again, sent
from kring.validation import FieldError, is_id, refuse_beyond_ids
from kring.vocabulary import N_
from kring.web.auth import current, requires, signed_in
from kring.web.flash_names import LookUp, named_flash
from kring.web.params import PathId
from kring.web.templating import page
from kring.web.uploads import UPLOAD_BODY_BYTES, download, read_upload
from projects import management, workspace
from projects.access import Access, my_role, project_access
from projects.candidates import find_candidates
from projects.choices import ROLE_LABELS, SET_BY_ORGANISERS, STATE_LABELS, ParticipantRole
from projects.listing import visible_projects
from projects.participants import managed_participants, member_name, shareable_participants

organiser_only = requires(Role.organiser)
LABELS = {"states": STATE_LABELS, "roles": ROLE_LABELS}
INVITE_SEARCH = "q"


def _project_path(project_id: int, anchor: str = "") -> str:
    return f"/projects/{project_id}" + (f"#{anchor}" if anchor else "")


@get("/projects", guards=[signed_in], name="projects")
async def projects_page(request: Request) -> Template:
    rows = await visible_projects(current(request))
    return page(request, "projects/list.html", projects=rows, **LABELS)


async def _workspace(
    request: Request, access: Access, status_code: int = 200, **extra: Any
) -> Template:
    viewer = current(request)
    people = await shareable_participants(access.project_id)
    return page(
        request,
        "projects/detail.html",
        status_code,
        project=access.project,
        access=access,
        people=people,
        managed=await managed_participants(access.project_id) if access.may_manage else [],
        successors=[
            (str(p.member_id), f"{p.first_name} {p.last_name}")
            for p in people
            if access.lead and p.member_id != viewer.member_id
        ],
        documents=await workspace.list_documents(access, viewer),
        notes=await workspace.list_notes(access, viewer),
        milestones=await workspace.list_milestones(access),
        milestone_draft=extra.pop("milestone_draft", {}),
        **LABELS,
        **(await named_flash(request, _names(access.project_id)) | extra),
    )


MEMBER = "member"
"""The message cookie's key holding the number of the member an action concerned: the project's
page looks the name up (`kring.web.flash_names`); the project's own title travels as it is."""


def _about(member_id: int) -> dict[str, str]:
    return {MEMBER: str(member_id)}


def _item(kind: str, item_id: int) -> dict[str, str]:
    """The message's number of a document, note or milestone (`workspace.TITLED`): the page
    looks its name up, as a person's."""
    return {f"{kind}_number": str(item_id)}


def _names(project_id: int) -> dict[str, tuple[str, LookUp]]:
    items = {
        f"{kind}_number": (kind, partial(workspace.item_title, project_id, kind))
        for kind in workspace.TITLED
    }
    return {MEMBER: ("name", member_name)} | items


def _titled(project: dict[str, Any]) -> dict[str, str]:
    return {"project": str(project["title"])}


@get("/projects/{project_id:int}", guards=[signed_in])
async def project_page(request: Request, project_id: PathId) -> Template:
    return await _workspace(request, await project_access(current(request), project_id))


# --- organisers' forms ------------------------------------------------------------------------


def _draft(data: dict[str, Any]) -> dict[str, Any]:
    return {field: str(data.get(field, "")) for field in management.FIELDS}


def _shown(project: dict[str, Any]) -> dict[str, Any]:
    """The project as its form shows it."""
    return {field: str(project[field] or "") for field in management.FIELDS}


def _form(request: Request, project: dict | None, draft: dict, **extra: Any) -> Template:
    choices = [(state.value, STATE_LABELS[state]) for state in SET_BY_ORGANISERS]
    return page(
        request, "projects/form.html", project=project, draft=draft, states=choices, **extra
    )


@get("/projects/new", guards=[organiser_only])
async def new_project_page(request: Request) -> Template:
    return _form(request, None, {"state": "planned"}, error=None)


@post("/projects/new", guards=[organiser_only], opt=KEEPS_TYPED)
async def create_project_page(request: Request) -> Template | Redirect:
    try:
        draft = _draft(await form_data(request))
    except RefusedForm as refused:
        return _form(request, None, _draft(refused.data), status_code=400, error=refused)
    try:
        project_id = await management.create_project(current(request), draft)
    except FieldError as error:
        return _form(request, None, draft, status_code=400, error=error)
    created = await project_access(current(request), project_id)
    return see_other(
        _project_path(project_id),
        N_("The project “%(project)s” was created. Now invite its participants."),
        values=_titled(created.project),
    )


@get("/projects/{project_id:int}/edit", guards=[organiser_only])
async def edit_project_page(request: Request, project_id: PathId) -> Template:
    access = await project_access(current(request), project_id)
    access.require_manage()
    access.require_open()
    draft = _shown(access.project)
    seen = management.seen_project(access.project)
    return _form(request, access.project, draft, error=None, seen=seen)


@post("/projects/{project_id:int}/edit", guards=[organiser_only], opt=KEEPS_TYPED)
async def update_project_page(request: Request, project_id: PathId) -> Template | Redirect:
    """The form carries the project as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what its organiser changed."""
    draft: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request)
        seen = sent(data)
        draft = _draft(data)
        await management.update_project(current(request), project_id, draft, seen)
    except FieldError as error:
        if isinstance(error, RefusedForm):
            draft, seen = _draft(error.data), sent(error.data)
        access = await project_access(current(request), project_id)
        status, seen = again(error, seen)
        seen = seen or management.seen_project(access.project)
        return _form(
            request,
            access.project,
            draft,
            status_code=status,
            error=error,
            seen=seen,
            theirs=_shown(access.project),
        )
    saved = await project_access(current(request), project_id)
    return see_other(
        _project_path(project_id),
        N_("The project “%(project)s” was saved."),
        values=_titled(saved.project),
    )


# --- participants -----------------------------------------------------------------------------


@get("/projects/{project_id:int}/invite", guards=[signed_in], opt=keeps_typed_search(INVITE_SEARCH))
async def invite_page(request: Request, project_id: PathId) -> Template:
    """Search members to invite (organisers and the lead); a refused search (a control
    character) shows this page again with the words kept and why beside the field."""
    access = await project_access(current(request), project_id)
    access.require_invite()
    try:
        query = query_data(request, [INVITE_SEARCH])[INVITE_SEARCH][:200]
    except RefusedForm as refused:
        return _invite(request, access, refused.data[INVITE_SEARCH][:200], 400, error=refused)
    found, more = await find_candidates(access, query) if query.strip() else ([], False)
    return _invite(
        request, access, query, candidates=found, more=more, searched=bool(query.strip())
    )


def _invite(
    request: Request, access: Access, query: str, status_code: int = 200, **extra: Any
) -> Template:
    found = extra.pop("candidates", [])
    read = extra.get("error") is None  # what a search made of the words, once they are taken
    return page(
        request,
        "projects/invite.html",
        status_code,
        project=access.project,
        query=query,
        candidates=found,
        limit=len(found),
        unsearchable=read and bool(query.strip()) and not search_words(query),
        left_out=signs_left_out(query) if read else "",
        searched_words=search_words(query),
        **{"more": False, "searched": False, "error": None} | extra,
    )


def _member_id(raw: Any, unchosen: str = N_("choose a member to invite")) -> int:
    text = str(raw or "").strip()
    refuse_beyond_ids(text, "member")
    if not is_id(text):
        raise FieldError("member", unchosen)
    return int(text)


@post("/projects/{project_id:int}/participants", guards=[signed_in])
async def add_participant_page(request: Request, project_id: PathId) -> Redirect:
    """Sent again (a double click), the member takes part already: the second answer says so
    on the project, not on a bare 409 page (the browser shows only the second answer)."""
    data = await form_data(request)
    member_id = _member_id(data.get("member"))
    try:
        await management.invite(current(request), project_id, member_id)
    except management.AlreadyTakingPart:
        message = N_("%(name)s already takes part in the project.")
    else:
        message = N_("%(name)s was added to the project.")
    return see_other(_project_path(project_id, "participants"), message, values=_about(member_id))


@post("/projects/{project_id:int}/participants/{member_id:int}/remove", guards=[organiser_only])
async def remove_participant_page(
    request: Request, project_id: PathId, member_id: PathId
) -> Redirect:
    try:
        await management.remove_participant(current(request), project_id, member_id)
    except management.NotTakingPart:  # removed already (a double click)
        pass
    except management.LeadMustHandOver as refusal:  # an organiser who leads, removing themself
        sentence = _LEAD_STAYS[refusal.template]
        return see_other(_project_path(project_id, "manage"), sentence, refused=True)
    return see_other(
        _project_path(project_id, "manage"),
        N_("%(name)s was removed from the project."),
        values=_about(member_id),
    )


@post("/projects/{project_id:int}/participants/{member_id:int}/lead", guards=[organiser_only])
async def appoint_lead_page(request: Request, project_id: PathId, member_id: PathId) -> Redirect:
    await management.appoint_lead(current(request), project_id, member_id)
    return see_other(
        _project_path(project_id, "manage"),
        N_("%(name)s is now the project lead."),
        values=_about(member_id),
    )


@post("/projects/{project_id:int}/lead", guards=[signed_in])
async def hand_over_page(request: Request, project_id: PathId) -> Template | Redirect:
    """The lead hands the lead over to another participant, before leaving (the page offers
    it where 'leave' is; sent without a choice, the page again with the question open and the
    refusal at it). Sent again (a double click), the member leads already: the second answer
    says so, not a 403 for a lead who just handed over."""
    viewer = current(request)
    try:
        data = await form_data(request)
        member_id = _member_id(data.get("member"), N_("choose whom to hand the lead over to"))
    except FieldError as error:
        access = await project_access(viewer, project_id)
        return await _workspace(request, access, status_code=400, error=error, handing_over=True)
    try:
        await management.appoint_lead(viewer, project_id, member_id)
    except Forbidden:  # sent again: the lead handed it to this participant a moment ago
        listed = {person.member_id for person in await shareable_participants(project_id)}
        if member_id not in listed or await my_role(member_id, project_id) != ParticipantRole.lead:
            raise
    return see_other(
        _project_path(project_id, "leave"),
        N_("%(name)s is now the project lead."),
        values=_about(member_id),
    )


_LEAD_STAYS = {
    management.HAND_OVER_FIRST: N_(
        "You lead this project: hand the lead over to another participant before you leave it."
    ),
    management.INVITE_FIRST: N_(
        "You lead this project: invite another member and hand the lead over to them before "
        "you leave it."
    ),
}
"""The page's sentences for the API's refusals of a lead's leaving."""


@post("/projects/{project_id:int}/leave", guards=[signed_in])
async def leave_page(request: Request, project_id: PathId) -> Redirect:
    """Sent again (a double click), the member no longer takes part: the second answer says
    so, not a 404 (the browser shows only the second answer). Someone who never took part, or
    an id of no project, gets that same answer: it tells nothing about which projects exist."""
    viewer = current(request)
    if viewer.member_id is None:
        raise FieldError("member", N_("this account has no member profile"))
    try:
        left = await project_access(viewer, project_id)
        await management.remove_participant(viewer, project_id, viewer.member_id)
    except NotFound:  # no such project for them, or they do not take part (any more)
        return see_other("/projects", N_("You no longer take part in this project."))
    except management.LeadMustHandOver as refusal:  # a page from before, or a second tab
        sentence = _LEAD_STAYS[refusal.template]
        return see_other(_project_path(project_id, "leave"), sentence, refused=True)
    return see_other(
        "/projects", N_("You left the project “%(project)s”."), values=_titled(left.project)
    )


# --- documents --------------------------------------------------------------------------------


@post(
    "/projects/{project_id:int}/documents",
    guards=[signed_in],
    request_max_body_size=UPLOAD_BODY_BYTES,
)
async def upload_page(request: Request, project_id: PathId) -> Template | Redirect:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    try:
        checked, _ = await read_upload(request)
        document_id = await workspace.add_document(access, viewer, checked)
    except (FieldError, TooLarge) as error:
        status = 413 if isinstance(error, TooLarge) else 400
        return await _workspace(request, access, status_code=status, error=error)
    return see_other(
        _project_path(project_id, "documents"),
        N_("The document “%(document)s” was added."),
        values=_item("document", document_id),
    )


@get("/projects/{project_id:int}/documents/{document_id:int}", guards=[signed_in])
async def download_page(request: Request, project_id: PathId, document_id: PathId) -> Response:
    access = await project_access(current(request), project_id)
    row = await workspace.load_document(access, document_id)
    return download(row["filename"], row["content_type"], row["content"])


@post("/projects/{project_id:int}/documents/{document_id:int}/delete", guards=[signed_in])
async def delete_document_page(
    request: Request, project_id: PathId, document_id: PathId
) -> Redirect:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    with suppress(workspace.Gone):  # deleted already (a double click)
        await workspace.delete_document(access, viewer, document_id)
    return see_other(_project_path(project_id, "documents"), N_("The document was deleted."))


# --- meeting notes ----------------------------------------------------------------------------


@get("/projects/{project_id:int}/notes/new", guards=[signed_in])
async def new_note_page(request: Request, project_id: PathId) -> Template:
    access = await project_access(current(request), project_id)
    access.require_open()
    return page(request, "projects/note_form.html", project=access.project, draft={}, error=None)


def _note_draft(data: dict[str, Any]) -> dict[str, str]:
    return {field: str(data.get(field, "")) for field in ("title", "held_on", "text")}


@post("/projects/{project_id:int}/notes/new", guards=[signed_in], opt=KEEPS_TYPED)
async def add_note_page(request: Request, project_id: PathId) -> Template | Redirect:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    draft: dict[str, str] = {}
    try:
        draft = _note_draft(await form_data(request))
        note_id = await workspace.add_note(access, viewer, draft)
    except FieldError as error:
        draft = _note_draft(error.data) if isinstance(error, RefusedForm) else draft
        return page(
            request,
            "projects/note_form.html",
            status_code=400,
            project=access.project,
            draft=draft,
            error=error,
        )
    return see_other(
        _project_path(project_id, "notes"),
        N_("The meeting notes “%(note)s” were saved."),
        values=_item("note", note_id),
    )


@post("/projects/{project_id:int}/notes/{note_id:int}/delete", guards=[signed_in])
async def delete_note_page(request: Request, project_id: PathId, note_id: PathId) -> Redirect:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    with suppress(workspace.Gone):  # deleted already (a double click)
        await workspace.delete_note(access, viewer, note_id)
    return see_other(_project_path(project_id, "notes"), N_("The meeting notes were deleted."))


# --- milestones -------------------------------------------------------------------------------


def _milestone_draft(data: dict[str, Any]) -> dict[str, str]:
    return {field: str(data.get(field, "")) for field in ("title", "due_on")}


@post("/projects/{project_id:int}/milestones", guards=[signed_in], opt=KEEPS_TYPED)
async def add_milestone_page(request: Request, project_id: PathId) -> Template | Redirect:
    access = await project_access(current(request), project_id)
    draft: dict[str, str] = {}
    try:
        draft = _milestone_draft(await form_data(request))
        milestone_id = await workspace.add_milestone(access, draft)
    except FieldError as error:
        draft = _milestone_draft(error.data) if isinstance(error, RefusedForm) else draft
        return await _workspace(
            request, access, status_code=400, error=error, milestone_draft=draft
        )
    return see_other(
        _project_path(project_id, "milestones"),
        N_("The milestone “%(milestone)s” was added."),
        values=_item("milestone", milestone_id),
    )


@post("/projects/{project_id:int}/milestones/{milestone_id:int}/done", guards=[signed_in])
async def milestone_done_page(
    request: Request, project_id: PathId, milestone_id: PathId
) -> Redirect:
    access = await project_access(current(request), project_id)
    choice = str((await form_data(request)).get("done", ""))
    if choice not in ("0", "1"):
        raise FieldError("done", N_("choose 1 (reached) or 0 (open again)"))
    done = choice == "1"
    await workspace.set_milestone_done(access, milestone_id, done)
    message = (
        N_("The milestone “%(milestone)s” was marked as reached.")
        if done
        else N_("The milestone “%(milestone)s” is open again.")
    )
    return see_other(
        _project_path(project_id, "milestones"), message, values=_item("milestone", milestone_id)
    )


@post("/projects/{project_id:int}/milestones/{milestone_id:int}/delete", guards=[signed_in])
async def delete_milestone_page(
    request: Request, project_id: PathId, milestone_id: PathId
) -> Redirect:
    access = await project_access(current(request), project_id)
    with suppress(workspace.Gone):  # deleted already (a double click)
        await workspace.delete_milestone(access, milestone_id)
    return see_other(_project_path(project_id, "milestones"), N_("The milestone was deleted."))


ROUTES = [
    projects_page,
    new_project_page,
    create_project_page,
    project_page,
    edit_project_page,
    update_project_page,
    invite_page,
    add_participant_page,
    remove_participant_page,
    appoint_lead_page,
    hand_over_page,
    leave_page,
    upload_page,
    download_page,
    delete_document_page,
    new_note_page,
    add_note_page,
    delete_note_page,
    add_milestone_page,
    milestone_done_page,
    delete_milestone_page,
]
