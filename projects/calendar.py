"""A member's project milestones as entries of their calendar feed (`kring.calendar_entries`):
the milestones of the projects they take part in that are not archived."""

from __future__ import annotations

from kring.calendar_entries import CalendarEntry
from projects.choices import ProjectState
from projects.tables import Milestone, ProjectParticipant


async def milestone_entries(member_id: int) -> list[CalendarEntry]:
    projects = ProjectParticipant.select(ProjectParticipant.project).where(
        ProjectParticipant.member == member_id
    )
    rows = await Milestone.select(
        Milestone.uid,
        Milestone.title,
        Milestone.due_on,
        Milestone.done,
        Milestone.project,
        Milestone.project.title.as_alias("project_title"),
    ).where(Milestone.project.is_in(projects) & (Milestone.project.state != ProjectState.archived))
    return [
        CalendarEntry(
            uid=row["uid"],
            title=f"{row['title']} ({row['project_title']})",
            day=row["due_on"],
            url=f"/projects/{row['project']}",
            done=row["done"],
        )
        for row in rows
    ]
