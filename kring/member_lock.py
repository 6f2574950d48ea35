"""One writer per member at a time, for writes that must see each other (a new calendar
address revoking the old ones, a second erasure request finding the first)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from kring.database import is_postgres, write_transaction
from kring.tables import Member


@asynccontextmanager
async def member_locked(member_id: int) -> AsyncIterator[None]:
    """A write transaction holding the member's lock until it ends: the member row `FOR
    UPDATE` on PostgreSQL (other members stay free); on SQLite `BEGIN IMMEDIATE` takes the
    one write lock before anything is read."""
    engine = Member._meta.db
    async with write_transaction(engine):
        if is_postgres(engine):
            await Member.select(Member.id).where(Member.id == member_id).lock_rows("UPDATE")
        yield
