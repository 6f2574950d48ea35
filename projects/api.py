"""/api/projects: my projects, a project's participants and its workspace (documents, meeting
notes, milestones), with the same rules as the pages (`projects.access`): a project someone
may not see answers 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec
from litestar import Request, Response, delete, get, patch, post
from litestar.params import JSONBody
from msgspec import UNSET, Meta, Struct, UnsetType

from kring.api.schemas import present
from kring.choices import Role
from kring.web.auth import current, requires, signed_in
from kring.web.params import PathId
from kring.web.uploads import STORED_FILE, UPLOAD_BODY_BYTES, download, read_upload
from projects import management, workspace
from projects.access import Access, project_access
from projects.choices import ParticipantRole, ProjectState
from projects.listing import visible_projects
from projects.participants import Author, shareable_participants

TAGS = ["projects"]
Title = Annotated[str, Meta(min_length=1, max_length=200)]
Goal = Annotated[str, Meta(max_length=5000)]
MemberId = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class ProjectOut(Struct):
    id: int
    title: str
    goal: str
    starts_on: date
    ends_on: date
    state: ProjectState
    my_role: ParticipantRole | None = None


class ProjectCreate(Struct, forbid_unknown_fields=True):
    title: Title
    starts_on: date
    ends_on: date
    goal: Goal = ""
    state: ProjectState = ProjectState.planned


class ProjectUpdate(Struct, forbid_unknown_fields=True):
    title: Title | UnsetType = UNSET
    goal: Goal | UnsetType = UNSET
    starts_on: date | UnsetType = UNSET
    ends_on: date | UnsetType = UNSET
    state: ProjectState | UnsetType = UNSET


class ProjectParticipantOut(Struct):
    last_name: str
    first_name: str
    job_title: str
    company: str
    role: ParticipantRole


class Invitation(Struct, forbid_unknown_fields=True):
    member: MemberId


class AuthorOut(Struct):
    first_name: str
    last_name: str


class DocumentOut(Struct):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime
    uploaded_by: AuthorOut | None
    """None when the listing rule does not name the person (they asked not to be listed, or
    their processing is restricted) or a staff account without a member profile added it; one
    who left the project is still named as its author (what they added stays)."""


class NoteIn(Struct, forbid_unknown_fields=True):
    title: Title
    held_on: date
    text: Annotated[str, Meta(min_length=1, max_length=20_000)]


class NoteOut(Struct):
    id: int
    title: str
    held_on: date
    text: str
    created_at: datetime
    author: AuthorOut | None


class MilestoneIn(Struct, forbid_unknown_fields=True):
    title: Title
    due_on: date


class MilestoneChange(Struct, forbid_unknown_fields=True):
    done: bool


class MilestoneOut(Struct):
    id: int
    title: str
    due_on: date
    done: bool


def _author(author: Author | None) -> AuthorOut | None:
    return AuthorOut(author.first_name, author.last_name) if author else None


async def _project(request: Request, project_id: int) -> ProjectOut:
    access = await project_access(current(request), project_id)
    return msgspec.convert({**access.project, "my_role": access.role}, ProjectOut, strict=False)


@get("/api/projects", guards=[signed_in], tags=TAGS, summary="My projects (organisers: all)")
async def list_projects_api(request: Request) -> list[ProjectOut]:
    rows = await visible_projects(current(request))
    return [msgspec.convert(row, ProjectOut, strict=False) for row in rows]


@post(
    "/api/projects",
    guards=[requires(Role.organiser)],
    tags=TAGS,
    summary="Create a project (organisers)",
)
async def create_project_api(request: Request, data: JSONBody[ProjectCreate]) -> ProjectOut:
    project_id = await management.create_project(current(request), present(data))
    return await _project(request, project_id)


@get("/api/projects/{project_id:int}", guards=[signed_in], tags=TAGS, summary="One project")
async def get_project_api(request: Request, project_id: PathId) -> ProjectOut:
    return await _project(request, project_id)


@patch(
    "/api/projects/{project_id:int}",
    guards=[requires(Role.organiser)],
    tags=TAGS,
    summary="Change a project (organisers); state ended starts the workspace's retention",
)
async def update_project_api(
    request: Request, project_id: PathId, data: JSONBody[ProjectUpdate]
) -> ProjectOut:
    await management.update_project(current(request), project_id, present(data))
    return await _project(request, project_id)


@get(
    "/api/projects/{project_id:int}/participants",
    guards=[signed_in],
    tags=TAGS,
    summary="The participant list (people who asked not to be listed are left out)",
)
async def participants_api(request: Request, project_id: PathId) -> list[ProjectParticipantOut]:
    await project_access(current(request), project_id)
    return [
        ProjectParticipantOut(
            p.last_name, p.first_name, p.job_title, p.company, ParticipantRole(p.role)
        )
        for p in await shareable_participants(project_id)
    ]


@post(
    "/api/projects/{project_id:int}/participants",
    guards=[signed_in],
    tags=TAGS,
    summary="Add a member to the project (organisers and the project lead)",
    status_code=204,
)
async def invite_api(request: Request, project_id: PathId, data: JSONBody[Invitation]) -> None:
    await management.invite(current(request), project_id, data.member)


@delete(
    "/api/projects/{project_id:int}/participants/{member_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Remove a participant (organisers), or leave the project (one's own member id; the "
    "lead hands the lead over first: 409 until then)",
)
async def remove_participant_api(request: Request, project_id: PathId, member_id: PathId) -> None:
    await management.remove_participant(current(request), project_id, member_id)


@patch(
    "/api/projects/{project_id:int}/participants/{member_id:int}/lead",
    guards=[signed_in],
    tags=TAGS,
    summary="Appoint the project lead (organisers), or hand the lead over to another participant "
    "(the lead, who may leave only then)",
    status_code=204,
)
async def appoint_lead_api(request: Request, project_id: PathId, member_id: PathId) -> None:
    await management.appoint_lead(current(request), project_id, member_id)


@get(
    "/api/projects/{project_id:int}/documents",
    guards=[signed_in],
    tags=TAGS,
    summary="The project's documents (without their content)",
)
async def documents_api(request: Request, project_id: PathId) -> list[DocumentOut]:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    return [
        DocumentOut(d.id, d.filename, d.content_type, d.size, d.uploaded_at, _author(d.author))
        for d in await workspace.list_documents(access, viewer)
    ]


@post(
    "/api/projects/{project_id:int}/documents",
    guards=[signed_in],
    tags=TAGS,
    summary="Upload a document: multipart/form-data with one file in the field `file` "
    "(PDF, DOCX, XLSX, PNG or JPEG; the type is read from the content)",
    request_max_body_size=UPLOAD_BODY_BYTES,
)
async def upload_api(request: Request, project_id: PathId) -> DocumentOut:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    checked, _ = await read_upload(request)
    document_id = await workspace.add_document(access, viewer, checked)
    found = [d for d in await workspace.list_documents(access, viewer) if d.id == document_id]
    d = found[0]
    return DocumentOut(d.id, d.filename, d.content_type, d.size, d.uploaded_at, _author(d.author))


@get(
    "/api/projects/{project_id:int}/documents/{document_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Download a document (always as an attachment)",
    operation_class=STORED_FILE,
)
async def download_api(request: Request, project_id: PathId, document_id: PathId) -> Response:
    access = await project_access(current(request), project_id)
    row = await workspace.load_document(access, document_id)
    return download(row["filename"], row["content_type"], row["content"])


@delete(
    "/api/projects/{project_id:int}/documents/{document_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Delete a document (who added it, the project lead, organisers)",
)
async def delete_document_api(request: Request, project_id: PathId, document_id: PathId) -> None:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    await workspace.delete_document(access, viewer, document_id)


@get("/api/projects/{project_id:int}/notes", guards=[signed_in], tags=TAGS, summary="Meeting notes")
async def notes_api(request: Request, project_id: PathId) -> list[NoteOut]:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    return [
        NoteOut(n.id, n.title, n.held_on, n.text, n.created_at, _author(n.author))
        for n in await workspace.list_notes(access, viewer)
    ]


@post(
    "/api/projects/{project_id:int}/notes",
    guards=[signed_in],
    tags=TAGS,
    summary="Add meeting notes",
)
async def add_note_api(request: Request, project_id: PathId, data: JSONBody[NoteIn]) -> NoteOut:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    note_id = await workspace.add_note(access, viewer, msgspec.structs.asdict(data))
    n = next(n for n in await workspace.list_notes(access, viewer) if n.id == note_id)
    return NoteOut(n.id, n.title, n.held_on, n.text, n.created_at, _author(n.author))


@delete(
    "/api/projects/{project_id:int}/notes/{note_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Delete meeting notes (who wrote them, the project lead, organisers)",
)
async def delete_note_api(request: Request, project_id: PathId, note_id: PathId) -> None:
    viewer = current(request)
    access = await project_access(viewer, project_id)
    await workspace.delete_note(access, viewer, note_id)


@get(
    "/api/projects/{project_id:int}/milestones",
    guards=[signed_in],
    tags=TAGS,
    summary="Milestones (they are in the participants' calendar feeds too)",
)
async def milestones_api(request: Request, project_id: PathId) -> list[MilestoneOut]:
    access = await project_access(current(request), project_id)
    return [msgspec.convert(m, MilestoneOut) for m in await workspace.list_milestones(access)]


async def _milestone(access: Access, milestone_id: int) -> MilestoneOut:
    rows = await workspace.list_milestones(access)
    return msgspec.convert(next(m for m in rows if m["id"] == milestone_id), MilestoneOut)


@post(
    "/api/projects/{project_id:int}/milestones",
    guards=[signed_in],
    tags=TAGS,
    summary="Add a milestone",
)
async def add_milestone_api(
    request: Request, project_id: PathId, data: JSONBody[MilestoneIn]
) -> MilestoneOut:
    access = await project_access(current(request), project_id)
    milestone_id = await workspace.add_milestone(access, msgspec.structs.asdict(data))
    return await _milestone(access, milestone_id)


@patch(
    "/api/projects/{project_id:int}/milestones/{milestone_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Mark a milestone as reached or open",
)
async def change_milestone_api(
    request: Request, project_id: PathId, milestone_id: PathId, data: JSONBody[MilestoneChange]
) -> MilestoneOut:
    access = await project_access(current(request), project_id)
    await workspace.set_milestone_done(access, milestone_id, data.done)
    return await _milestone(access, milestone_id)


@delete(
    "/api/projects/{project_id:int}/milestones/{milestone_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Delete a milestone (the project lead, organisers); it leaves the calendars too",
)
async def delete_milestone_api(request: Request, project_id: PathId, milestone_id: PathId) -> None:
    access = await project_access(current(request), project_id)
    await workspace.delete_milestone(access, milestone_id)


ROUTES = [
    list_projects_api,
    create_project_api,
    get_project_api,
    update_project_api,
    participants_api,
    invite_api,
    remove_participant_api,
    appoint_lead_api,
    documents_api,
    upload_api,
    download_api,
    delete_document_api,
    notes_api,
    add_note_api,
    delete_note_api,
    milestones_api,
    add_milestone_api,
    change_milestone_api,
    delete_milestone_api,
]
