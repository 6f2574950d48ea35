"""Who sees a project and what they may do there: decided here, and only here.

A project is seen by its participants and by the network's organisers (and admins); anyone
else gets 404, exactly as for a project that does not exist, so ids reveal nothing. Organisers
create and edit projects, appoint the lead and remove participants; the lead invites members,
as organisers do; every participant works in the workspace (documents, notes, milestones)
until the workspace is archived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.choices import Role
from kring.errors import Forbidden, NotFound
from kring.messages import N_
from kring.principal import Principal
from projects.choices import ParticipantRole, ProjectState
from projects.tables import Project, ProjectParticipant


def is_organiser(viewer: Principal) -> bool:
    return viewer.has_role(Role.organiser)


def not_found(project_id: int) -> NotFound:
    return NotFound(N_("no project %(project_id)s"), field="project_id", project_id=project_id)


@dataclass(frozen=True)
class Access:
    project: dict[str, Any]
    organiser: bool
    role: ParticipantRole | None
    """The viewer's own role in the project, when they take part."""

    @property
    def project_id(self) -> int:
        return self.project["id"]

    @property
    def lead(self) -> bool:
        return self.role == ParticipantRole.lead

    @property
    def may_invite(self) -> bool:
        return self.open and (self.organiser or self.lead)

    @property
    def may_manage(self) -> bool:
        return self.organiser

    @property
    def open(self) -> bool:
        """The workspace can still change: it was not archived (removed) yet."""
        return self.project["state"] != ProjectState.archived

    def require_invite(self) -> None:
        self.require_open()  # the reason that holds for an organiser or the lead
        if not self.may_invite:
            raise Forbidden(N_("only the project lead and organisers may invite members"))

    def require_manage(self) -> None:
        if not self.may_manage:
            raise Forbidden(N_("only organisers may do this"))

    def require_open(self) -> None:
        if not self.open:
            raise Forbidden(N_("this project is archived: its workspace was removed"))


def participation(project_id: int, member_id: int) -> Any:
    """The where-clause of one member's participation in one project."""
    return (ProjectParticipant.project == project_id) & (ProjectParticipant.member == member_id)


async def my_role(member_id: int | None, project_id: int) -> ParticipantRole | None:
    if member_id is None:
        return None
    row = (
        await ProjectParticipant.select(ProjectParticipant.role)
        .where(participation(project_id, member_id))
        .first()
    )
    return ParticipantRole(row["role"]) if row else None


async def project_access(viewer: Principal, project_id: int) -> Access:
    """The project as this viewer may see it; 404 when they may not (or it does not exist)."""
    project = await Project.select().where(Project.id == project_id).first()
    if project is None:
        raise not_found(project_id)
    role = await my_role(viewer.member_id, project_id)
    organiser = is_organiser(viewer)
    if role is None and not organiser:
        raise not_found(project_id)
    return Access(project=project, organiser=organiser, role=role)
