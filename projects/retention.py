"""The end of a project's workspace: some time after the project ended, its documents, meeting
notes, milestones and participants are removed; the project itself stays, archived, as the
network's record of what it ran (a title, a goal and dates, no person).

The period is the privacy officer's to set (privacy's retention rules); by default 60 months
after the end: long enough to reuse a project's results and answer questions of the
participating organisations' audits (ISO 9001 asks to keep records of a quality project for
years), short enough that a workspace does not outlive its use. A project's end is when an
organiser marked it ended, or its planned end date when nobody did, so a forgotten project
leaves too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kring.clock import utc_now
from kring.database import write_transaction
from kring.declarations import RetentionPolicy, declare_retention
from projects.choices import ProjectState
from projects.tables import Milestone, Project, ProjectDocument, ProjectNote, ProjectParticipant

CATEGORY = "project_workspaces"
DEFAULT_MONTHS = 60
BATCH = 200


def _past_its_time(cutoff: datetime) -> Any:
    ended_before = Project.ended_at.is_not_null() & (Project.ended_at < cutoff)
    planned_end_before = Project.ended_at.is_null() & (Project.ends_on < cutoff.date())
    return (Project.state != ProjectState.archived) & (ended_before | planned_end_before)


async def count_workspaces(cutoff: datetime) -> int:
    """How many projects ended before `cutoff` still have their workspace."""
    return await Project.count().where(_past_its_time(cutoff))


async def remove_workspaces(cutoff: datetime) -> int:
    """Removes the workspaces of projects that ended before `cutoff`; returns how many. Each
    project in its own transaction, re-checked inside it, so two workers never count one
    twice."""
    removed = 0
    while True:
        rows = await Project.select(Project.id).where(_past_its_time(cutoff)).limit(BATCH)
        if not rows:
            return removed
        for row in rows:
            removed += await remove_workspace(row["id"], cutoff)


async def remove_workspace(project_id: int, cutoff: datetime) -> int:
    async with write_transaction():
        still = await Project.exists().where((Project.id == project_id) & _past_its_time(cutoff))
        if not still:
            return 0
        for table in (ProjectDocument, ProjectNote, Milestone, ProjectParticipant):
            await table.delete().where(table.project == project_id)
        await Project.update(
            {Project.state: ProjectState.archived, Project.workspace_removed_at: utc_now()}
        ).where(Project.id == project_id)
    return 1


declare_retention(
    RetentionPolicy(
        category=CATEGORY,
        default_months=DEFAULT_MONTHS,
        count=count_workspaces,
        remove=remove_workspaces,
    )
)
