"""Changes of one project that must see each other, one at a time."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from kring.database import row_locked
from projects.tables import Project


def project_locked(project_id: int) -> AbstractAsyncContextManager[None]:
    """A write transaction in which the project's changes come one at a time, so a repeated
    submit sees the first and two appointments of a lead leave one (``row_locked``)."""
    return row_locked(Project, project_id)
