"""Changes of one project that must see each other, one at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from kring.database import is_postgres, write_transaction
from projects.tables import Project


@asynccontextmanager
async def project_locked(project_id: int) -> AsyncIterator[None]:
    """A write transaction in which the project's changes come one at a time, so a repeated
    submit sees the first and two appointments of a lead leave one: the project row `FOR
    UPDATE` on PostgreSQL (other projects stay free); on SQLite `BEGIN IMMEDIATE` takes the
    one write lock before anything is read."""
    engine = Project._meta.db
    async with write_transaction(engine):
        if is_postgres(engine):
            await Project.select(Project.id).where(Project.id == project_id).lock_rows("UPDATE")
        yield
