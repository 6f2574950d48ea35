"""The retention job removes an ended project's workspace (documents, notes, milestones,
participants) once its period after the end has passed, and not before; the project stays,
archived. A project nobody marked ended counts from its planned end date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kring.declarations import REGISTER
from kring.uploads import check_upload
from privacy import retention
from projects.access import project_access
from projects.retention import CATEGORY, DEFAULT_MONTHS, count_workspaces, remove_workspaces
from projects.tables import Milestone, Project, ProjectDocument, ProjectNote, ProjectParticipant
from projects.workspace import add_document, add_milestone, add_note
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import PDF, team


def _filled(ended_at: datetime | None, ends_on: date = date(2026, 12, 31)) -> int:
    _organiser, p, lead, _ = team()
    access = run(project_access(principal(lead), p))
    run(add_document(access, principal(lead), check_upload("plan.pdf", PDF)))
    run(add_note(access, principal(lead), {"title": "a", "held_on": "2026-01-05", "text": "b"}))
    run(add_milestone(access, {"title": "c", "due_on": "2026-02-01"}))
    state = "ended" if ended_at else "running"
    run(
        Project.update(
            {Project.state: state, Project.ended_at: ended_at, Project.ends_on: ends_on}
        ).where(Project.id == p)
    )
    return p


def _rows(project_id: int) -> int:
    return sum(
        run(table.count().where(table.project == project_id))
        for table in (ProjectDocument, ProjectNote, Milestone, ProjectParticipant)
    )


def test_the_workspace_goes_after_its_time_and_not_before():
    ended = datetime(2020, 6, 1, tzinfo=UTC)
    p = _filled(ended)
    assert _rows(p) == 5  # a document, a note, a milestone, the lead and a participant
    just_before = ended + timedelta(days=30 * DEFAULT_MONTHS - 5)
    cutoff = retention.months_before(just_before, DEFAULT_MONTHS)
    assert run(count_workspaces(cutoff)) == 0
    assert run(remove_workspaces(cutoff)) == 0
    assert _rows(p) == 5

    after = retention.months_before(
        ended + timedelta(days=30 * DEFAULT_MONTHS + 40), DEFAULT_MONTHS
    )
    assert run(count_workspaces(after)) == 1
    assert run(remove_workspaces(after)) == 1
    assert _rows(p) == 0
    project = run(Project.select().where(Project.id == p).first())
    assert project["state"] == "archived" and project["workspace_removed_at"] is not None
    assert run(remove_workspaces(after)) == 0  # idempotent


def test_a_project_never_marked_ended_counts_from_its_planned_end():
    p = _filled(None, ends_on=date(2015, 3, 1))
    running = _filled(None, ends_on=date(2099, 1, 1))
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert run(remove_workspaces(retention.months_before(now, DEFAULT_MONTHS))) == 1
    assert _rows(p) == 0 and _rows(running) == 5


def test_the_privacy_retention_job_applies_the_declared_rule():
    assert REGISTER.retention[CATEGORY].default_months == DEFAULT_MONTHS
    old = _filled(datetime(2001, 1, 1, tzinfo=UTC))
    recent = _filled(datetime.now(UTC) - timedelta(days=30))
    done = run(retention.apply())
    assert done[CATEGORY] == 1
    assert _rows(old) == 0 and _rows(recent) == 5
