"""A project's shared workspace: documents, meeting notes and milestones.

Every function takes the viewer's `Access` (`projects.access.project_access`), so nobody
reaches a workspace they may not see. Participants add documents, notes and milestones and
tick milestones off; a document or a note is deleted by whoever added it, the lead or an
organiser. An archived project's workspace is gone and takes nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kring.clock import utc_now
from kring.errors import Forbidden, NotFound
from kring.member_lock import writer_locked
from kring.messages import N_
from kring.principal import Principal
from kring.uploads import CheckedFile, file_values
from kring.validation import Checks, require_line, require_text
from projects.access import Access
from projects.dates import parse_day
from projects.locks import project_locked
from projects.participants import Author, authors
from projects.tables import Milestone, ProjectDocument, ProjectNote

REPEAT_WINDOW = timedelta(seconds=10)
"""The same note, document or milestone within this time is a repeated submit, not a new one."""


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime
    author: Author | None
    deletable: bool


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    title: str
    held_on: date
    text: str
    created_at: datetime
    author: Author | None
    deletable: bool


class Gone(NotFound):
    """No such document, note or milestone in this project (deleted already, or never)."""


TITLED: dict[str, tuple[Any, Any]] = {
    "document": (ProjectDocument, ProjectDocument.filename),
    "note": (ProjectNote, ProjectNote.title),
    "milestone": (Milestone, Milestone.title),
}
"""What names a document, meeting notes or a milestone in the message after an action on it."""


async def item_title(project_id: int, kind: str, item_id: int) -> str:
    """The name of this project's document, note or milestone (`kind`), for the message after
    it was added or changed; empty when it is gone."""
    table, column = TITLED[kind]
    row = await (
        table.select(column.as_alias("title"))
        .where((table.id == item_id) & (table.project == project_id))
        .first()
    )
    return "" if row is None else str(row["title"])


def _may_delete(access: Access, viewer: Principal, author: int | None) -> bool:
    return access.organiser or access.lead or viewer.owns(author)


# --- documents --------------------------------------------------------------------------------


async def add_document(access: Access, viewer: Principal, checked: CheckedFile) -> int:
    """Stores the file; the same file with the same name by the same person again within
    `REPEAT_WINDOW` (a double click, a resent form) stores nothing and answers the first id."""
    access.require_open()
    values = file_values(checked)
    async with project_locked(access.project_id):
        now = utc_now()
        same = (
            await ProjectDocument.select(ProjectDocument.id)
            .where(
                (ProjectDocument.project == access.project_id)
                & (ProjectDocument.uploaded_by == viewer.member_id)
                & (ProjectDocument.filename == values["filename"])
                & (ProjectDocument.sha256 == values["sha256"])
                & (ProjectDocument.uploaded_at >= now - REPEAT_WINDOW)
            )
            .first()
        )
        if same is not None:
            return same["id"]
        row = ProjectDocument(
            **values, project=access.project_id, uploaded_by=viewer.member_id, uploaded_at=now
        )
        await row.save()
    return row.id


async def list_documents(access: Access, viewer: Principal) -> list[Document]:
    rows = (
        await ProjectDocument.select(
            ProjectDocument.id,
            ProjectDocument.filename,
            ProjectDocument.content_type,
            ProjectDocument.size,
            ProjectDocument.uploaded_at,
            ProjectDocument.uploaded_by,
        )
        .where(ProjectDocument.project == access.project_id)
        .order_by(ProjectDocument.uploaded_at, ascending=False)
        .order_by(ProjectDocument.id, ascending=False)
    )
    names = await authors(row["uploaded_by"] for row in rows)
    return [
        Document(
            id=row["id"],
            filename=row["filename"],
            content_type=row["content_type"],
            size=row["size"],
            uploaded_at=row["uploaded_at"],
            author=names.get(row["uploaded_by"]),
            deletable=_may_delete(access, viewer, row["uploaded_by"]),
        )
        for row in rows
    ]


def _no_document(document_id: int) -> NotFound:
    return Gone(
        N_("no document %(document_id)s in this project"),
        field="document_id",
        document_id=document_id,
    )


async def load_document(access: Access, document_id: int) -> dict[str, Any]:
    """The file (with its content) of a document of this project; 404 for any other id."""
    row = (
        await ProjectDocument.select(
            ProjectDocument.filename, ProjectDocument.content_type, ProjectDocument.content
        )
        .where((ProjectDocument.id == document_id) & (ProjectDocument.project == access.project_id))
        .first()
    )
    if row is None:
        raise _no_document(document_id)
    return row


async def delete_document(access: Access, viewer: Principal, document_id: int) -> None:
    row = (
        await ProjectDocument.select(ProjectDocument.uploaded_by)
        .where((ProjectDocument.id == document_id) & (ProjectDocument.project == access.project_id))
        .first()
    )
    if row is None:
        raise _no_document(document_id)
    if not _may_delete(access, viewer, row["uploaded_by"]):
        raise Forbidden(N_("only who added it, the project lead and organisers may delete this"))
    await ProjectDocument.delete().where(ProjectDocument.id == document_id)


# --- meeting notes ----------------------------------------------------------------------------


def clean_note(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every refused field is reported at once (`Checks`)."""
    return _each_checked(
        {
            "title": lambda: require_line(str(data.get("title") or ""), "title", 200),
            "held_on": lambda: parse_day(data.get("held_on"), "held_on"),
            "text": lambda: require_text(str(data.get("text") or ""), "text", 20_000),
        }
    )


def _each_checked(readers: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each field read by its reader; the refusals of all of them together."""
    clean: dict[str, Any] = {}
    checks = Checks()
    for field, read in readers.items():
        with checks:
            clean[field] = read()
    checks.done()
    return clean


async def add_note(access: Access, viewer: Principal, data: Mapping[str, Any]) -> int:
    """Saves the note; the same note by the same author again within `REPEAT_WINDOW` (a
    double click, a resent form) saves nothing and answers the first one's id."""
    access.require_open()
    values = clean_note(data)
    async with writer_locked(viewer):
        now = utc_now()
        same = (
            await ProjectNote.select(ProjectNote.id)
            .where(
                (ProjectNote.project == access.project_id)
                & (ProjectNote.author == viewer.member_id)
                & (ProjectNote.title == values["title"])
                & (ProjectNote.held_on == values["held_on"])
                & (ProjectNote.text == values["text"])
                & (ProjectNote.created_at >= now - REPEAT_WINDOW)
            )
            .first()
        )
        if same is not None:
            return same["id"]
        row = ProjectNote(
            **values, project=access.project_id, author=viewer.member_id, created_at=now
        )
        await row.save()
    return row.id


async def list_notes(access: Access, viewer: Principal) -> list[Note]:
    rows = (
        await ProjectNote.select()
        .where(ProjectNote.project == access.project_id)
        .order_by(ProjectNote.held_on, ascending=False)
        .order_by(ProjectNote.id, ascending=False)
    )
    names = await authors(row["author"] for row in rows)
    return [
        Note(
            id=row["id"],
            title=row["title"],
            held_on=row["held_on"],
            text=row["text"],
            created_at=row["created_at"],
            author=names.get(row["author"]),
            deletable=_may_delete(access, viewer, row["author"]),
        )
        for row in rows
    ]


async def delete_note(access: Access, viewer: Principal, note_id: int) -> None:
    row = (
        await ProjectNote.select(ProjectNote.author)
        .where((ProjectNote.id == note_id) & (ProjectNote.project == access.project_id))
        .first()
    )
    if row is None:
        raise Gone(N_("no note %(note_id)s in this project"), field="note_id", note_id=note_id)
    if not _may_delete(access, viewer, row["author"]):
        raise Forbidden(N_("only who added it, the project lead and organisers may delete this"))
    await ProjectNote.delete().where(ProjectNote.id == note_id)


# --- milestones -------------------------------------------------------------------------------


def clean_milestone(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every refused field is reported at once (`Checks`)."""
    return _each_checked(
        {
            "title": lambda: require_line(str(data.get("title") or ""), "title", 200),
            "due_on": lambda: parse_day(data.get("due_on"), "due_on"),
        }
    )


async def add_milestone(access: Access, data: Mapping[str, Any]) -> int:
    """Adds the milestone; the same one (title and date) again within `REPEAT_WINDOW` adds
    nothing and answers the first one's id."""
    access.require_open()
    values = clean_milestone(data)
    async with project_locked(access.project_id):
        now = utc_now()
        same = (
            await Milestone.select(Milestone.id)
            .where(
                (Milestone.project == access.project_id)
                & (Milestone.title == values["title"])
                & (Milestone.due_on == values["due_on"])
                & (Milestone.updated_at >= now - REPEAT_WINDOW)
            )
            .first()
        )
        if same is not None:
            return same["id"]
        row = Milestone(**values, project=access.project_id, done=False, updated_at=now)
        await row.save()
    return row.id


async def list_milestones(access: Access) -> list[dict[str, Any]]:
    return (
        await Milestone.select(Milestone.id, Milestone.title, Milestone.due_on, Milestone.done)
        .where(Milestone.project == access.project_id)
        .order_by(Milestone.due_on)
        .order_by(Milestone.id)
    )


async def _milestone_where(access: Access, milestone_id: int) -> Any:
    where = (Milestone.id == milestone_id) & (Milestone.project == access.project_id)
    if not await Milestone.exists().where(where):
        raise Gone(
            N_("no milestone %(milestone_id)s in this project"),
            field="milestone_id",
            milestone_id=milestone_id,
        )
    return where


async def set_milestone_done(access: Access, milestone_id: int, done: bool) -> None:
    access.require_open()
    where = await _milestone_where(access, milestone_id)
    await Milestone.update({Milestone.done: done}).where(where)


async def delete_milestone(access: Access, milestone_id: int) -> None:
    access.require_open()
    if not (access.organiser or access.lead):
        raise Forbidden(N_("only the project lead and organisers may delete milestones"))
    where = await _milestone_where(access, milestone_id)
    await Milestone.delete().where(where)
