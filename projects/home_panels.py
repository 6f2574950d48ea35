"""The projects' part of a member's home page: the milestones coming up in their projects."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kring.audience import EVERYONE
from kring.clock import today
from kring.home import HomePanel
from kring.principal import Principal
from projects.choices import ProjectState
from projects.tables import Milestone, ProjectParticipant

COMING = 5
WITHIN_DAYS = 60
GOING = [ProjectState.planned, ProjectState.running]
"""Projects whose milestones are still to come (an ended one's open milestones will not be)."""


async def coming_milestones(viewer: Principal) -> dict[str, Any] | None:
    """None (no panel) for a member in no project that is still going."""
    projects = ProjectParticipant.select(ProjectParticipant.project).where(
        ProjectParticipant.member == viewer.member_id
    )
    going = await ProjectParticipant.exists().where(
        (ProjectParticipant.member == viewer.member_id)
        & ProjectParticipant.project.state.is_in(GOING)
    )
    if not going:
        return None
    rows = (
        await Milestone.select(
            Milestone.id,
            Milestone.title,
            Milestone.due_on,
            Milestone.project,
            Milestone.project.title.as_alias("project_title"),
        )
        .where(
            Milestone.project.is_in(projects)
            & Milestone.done.eq(False)
            & (Milestone.due_on >= today())
            & (Milestone.due_on <= today() + timedelta(days=WITHIN_DAYS))
            & Milestone.project.state.is_in(GOING)
        )
        .order_by(Milestone.due_on)
        .limit(COMING)
    )
    return {"milestones": rows}


PANELS = (
    HomePanel(
        "projects/home_milestones.html", coming_milestones, EVERYONE, needs_profile=True, order=45
    ),
)
