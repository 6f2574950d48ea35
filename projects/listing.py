"""Which projects a viewer sees: a member their own, organisers all. No person is named here."""

from __future__ import annotations

from typing import Any

from kring.principal import Principal
from projects.access import is_organiser
from projects.choices import ProjectState
from projects.tables import Project, ProjectParticipant

PROJECT_COLUMNS = (
    Project.id,
    Project.title,
    Project.goal,
    Project.starts_on,
    Project.ends_on,
    Project.state,
)
ORDER = {ProjectState.running: 0, ProjectState.planned: 1, ProjectState.ended: 2}


def _in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Running first, then planned, ended and archived; within each the latest start first."""
    rows.sort(key=lambda row: row["starts_on"], reverse=True)
    rows.sort(key=lambda row: ORDER.get(row["state"], 3))
    return rows


async def my_projects(member_id: int | None) -> list[dict[str, Any]]:
    if member_id is None:
        return []
    roles = {
        row["project"]: row["role"]
        for row in await ProjectParticipant.select(
            ProjectParticipant.project, ProjectParticipant.role
        ).where(ProjectParticipant.member == member_id)
    }
    if not roles:
        return []
    rows = await Project.select(*PROJECT_COLUMNS).where(Project.id.is_in(sorted(roles)))
    for row in rows:
        row["my_role"] = roles[row["id"]]
    return _in_order(rows)


async def visible_projects(viewer: Principal) -> list[dict[str, Any]]:
    """Organisers see every project (with their own role where they take part too)."""
    mine = await my_projects(viewer.member_id)
    if not is_organiser(viewer):
        return mine
    roles = {row["id"]: row["my_role"] for row in mine}
    rows = await Project.select(*PROJECT_COLUMNS)
    for row in rows:
        row["my_role"] = roles.get(row["id"])
    return _in_order(rows)
