"""Where the projects app shows a person to someone else: the participant list, the authors of
documents and meeting notes (page and API), the invitation search, the organisers' list (see
privacy.surfaces).

The privacy tests' scene has an event, not a project: `_scene_project` makes one (once per
scene, named after the event) with every member of the test network as a participant, each the
author of a document and a note, and the scene's viewer as the lead; the surfaces render what
the pages and the API show, from the same functions they call.
"""

from __future__ import annotations

from typing import Any

from privacy.opt_outs import OptOut
from privacy.surfaces import Hides, Scene, Surface


async def _scene_project(scene: Scene) -> Any:
    from datetime import date

    from kring.clock import utc_now
    from kring.tables import Member
    from projects.access import project_access
    from projects.choices import ParticipantRole, ProjectState
    from projects.tables import Project, ProjectDocument, ProjectNote, ProjectParticipant

    title = f"Scene of event {scene.event_id}"
    found = await Project.select(Project.id).where(Project.title == title).first()
    if found is None:
        now = utc_now()
        project = Project(
            title=title,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            state=ProjectState.running,
            created_at=now,
        )
        await project.save()
        rows = await Member.select(Member.id).limit(500)
        for member_id in sorted(row["id"] for row in rows):
            lead = member_id == scene.viewer.member_id
            role = ParticipantRole.lead if lead else ParticipantRole.member
            await ProjectParticipant(
                project=project.id, member=member_id, role=role, added_at=now
            ).save()
            if not lead:
                await ProjectNote(
                    project=project.id,
                    title="Overleg",
                    held_on=date(2026, 2, 1),
                    text="Afspraken",
                    author=member_id,
                    created_at=now,
                ).save()
                await ProjectDocument(
                    project=project.id,
                    filename="plan.pdf",
                    content_type="application/pdf",
                    size=4,
                    sha256="0" * 64,
                    content=b"%PDF",
                    uploaded_by=member_id,
                    uploaded_at=now,
                ).save()
        found = {"id": project.id}
    return await project_access(scene.viewer, found["id"])


async def _participants(scene: Scene) -> str:
    from projects.participants import shareable_participants

    access = await _scene_project(scene)
    return repr(await shareable_participants(access.project_id))


async def _authors(scene: Scene) -> str:
    from projects.workspace import list_documents, list_notes

    access = await _scene_project(scene)
    documents = await list_documents(access, scene.viewer)
    notes = await list_notes(access, scene.viewer)
    return repr(documents) + repr(notes)


async def _candidates(scene: Scene) -> str:
    from projects.candidates import invitable
    from projects.tables import ProjectParticipant

    access = await _scene_project(scene)
    # Out of the project everyone is a candidate again: what the lead's search may find.
    await ProjectParticipant.delete().where(
        (ProjectParticipant.project == access.project_id)
        & (ProjectParticipant.member != scene.viewer.member_id)
    )
    return repr(await invitable(access, limit=500))


async def _managed(scene: Scene) -> str:
    from projects.participants import managed_participants

    access = await _scene_project(scene)
    return repr(await managed_participants(access.project_id))


SURFACES: tuple[Surface, ...] = (
    Surface(
        "project participant list (page and API)",
        (OptOut.listing,),
        render=_participants,
        templates=("projects/detail.html",),
        api=("/api/projects/{project_id}/participants",),
    ),
    Surface(
        "project documents' and notes' authors (page and API)",
        (OptOut.listing,),
        render=_authors,
        api=("/api/projects/{project_id}/documents", "/api/projects/{project_id}/notes"),
    ),
    Surface(
        "project invitation search (the lead)",
        (OptOut.sharing,),
        render=_candidates,
        templates=("projects/invite.html",),
    ),
    Surface(
        "project participants to manage (organisers)",
        (),
        render=_managed,
        hides=(Hides.erasure,),
        exempt="the organisers' list of everyone taking part, to manage the project: it names "
        "people who asked not to be listed or are restricted, like an event's full list; "
        "erasure removes the participation",
    ),
)


NOT_A_SURFACE = {
    "/api/projects/{project_id}/documents/{document_id}": "a document's file: the answer is "
    "the file itself, no author is named",
}
