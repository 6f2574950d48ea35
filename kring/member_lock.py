"""One writer per member at a time, for writes that must see each other (a new calendar
address revoking the old ones, a second erasure request finding the first)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from kring.database import is_postgres, row_locked, write_transaction
from kring.principal import Principal
from kring.tables import Member


def member_locked(member_id: int) -> AbstractAsyncContextManager[None]:
    """A write transaction holding the member's lock until it ends (``row_locked``)."""
    return row_locked(Member, member_id)


ACCOUNT_LOCKS = 7301
"""The first key of the advisory locks `account_locked` takes (the second is the account id),
so they never meet another use of PostgreSQL's advisory locks."""


@asynccontextmanager
async def account_locked(account_id: int) -> AsyncIterator[None]:
    """A write transaction holding one account's lock until it ends, for staff accounts that
    have no member row to lock: a transaction-scoped advisory lock on PostgreSQL; on SQLite
    `BEGIN IMMEDIATE`, as for members."""
    engine = Member._meta.db
    async with write_transaction(engine):
        if is_postgres(engine):
            await Member.raw("SELECT pg_advisory_xact_lock({}, {})", ACCOUNT_LOCKS, account_id)
        yield


def writer_locked(viewer: Principal) -> AbstractAsyncContextManager[None]:
    """One person's writes one at a time, so a repeated submit sees the first: their member
    row, or for a staff account without one, the account."""
    if viewer.member_id is not None:
        return member_locked(viewer.member_id)
    return account_locked(viewer.account_id)
