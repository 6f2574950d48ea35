"""The projects' rows of a person (tests/privacy/people.py): a participation, a document they
uploaded and meeting notes they wrote; and, as an organiser's account, a project they created
with its milestone (the schema links `project` to the account that created it; the project is
the network's and names nobody, so it carries no canary).

Erasure removes all three (declared in projects/tables.py), so the person's canaries go into
every text: the document's name and file, the notes' title and text.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from kring.clock import utc_now
from projects.choices import ParticipantRole, ProjectState
from projects.tables import Milestone, Project, ProjectDocument, ProjectNote, ProjectParticipant

if TYPE_CHECKING:
    from tests.privacy.people import Factory, Person


async def _project(account_id: int | None = None) -> int:
    project = Project(
        title="Gedeelde auditchecklist",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        state=ProjectState.running,
        created_by=account_id,
        created_at=utc_now(),
    )
    await project.save()
    return project.id


async def _project_participant(p: Person) -> None:
    await ProjectParticipant(
        project=await _project(),
        member=p.member_id,
        role=ParticipantRole.lead,
        added_at=utc_now(),
    ).save()


async def _project_document(p: Person) -> None:
    content = b"%PDF-1.4\n% " + p.text("projectbestand").encode() + b"\n%%EOF\n"
    await ProjectDocument(
        project=await _project(),
        filename=p.text("checklist").replace(" ", "-") + ".pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=p.member_id,
        uploaded_at=utc_now(),
    ).save()


async def _project_note(p: Person) -> None:
    await ProjectNote(
        project=await _project(),
        title=p.text("startvergadering"),
        held_on=date(2026, 1, 15),
        text=p.text("taken verdeeld"),
        author=p.member_id,
        created_at=utc_now(),
    ).save()


PROJECT_FACTORIES: dict[str, Factory] = {
    "project_participant": _project_participant,
    "project_document": _project_document,
    "project_note": _project_note,
}


async def _created_project(p: Person) -> None:
    project_id = await _project(p.account_id)
    await Milestone(project=project_id, title="Checklist klaar", due_on=date(2026, 6, 30)).save()


PROJECT_SCHEMA_LINKED: dict[str, Factory] = {
    "project": _created_project,
    "milestone": _created_project,
}
"""Not personal data (declared so), but linked in the schema to the account that created them."""
