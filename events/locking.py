"""One writer per event at a time, so seat counting and seat taking happen as one step."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from piccolo.engine.sqlite import TransactionType

from events.tables import Event
from kring.database import is_postgres
from kring.errors import NotFound
from kring.messages import N_


class EventBusy(Exception):
    """Another process holds the event's lock and the caller chose not to wait (workers)."""


@asynccontextmanager
async def event_locked(event_id: int, skip_locked: bool = False) -> AsyncIterator[None]:
    """A transaction holding the event's lock until it ends.

    PostgreSQL locks the event row (`FOR UPDATE`); other events stay free. SQLite has one writer
    at a time anyway, and `BEGIN IMMEDIATE` takes that write lock before counting, so two
    transactions can never both count the same free seat.
    """
    engine = Event._meta.db
    if is_postgres(engine):
        async with engine.transaction():
            query = Event.select(Event.id).where(Event.id == event_id)
            row = await query.lock_rows(skip_locked=skip_locked).first()
            if row is None and skip_locked and await Event.exists().where(Event.id == event_id):
                raise EventBusy(event_id)
            if row is None:
                raise NotFound(N_("no event %(event_id)s"), field="event_id", event_id=event_id)
            yield
    else:
        async with engine.transaction(transaction_type=TransactionType.immediate):
            if not await Event.exists().where(Event.id == event_id):
                raise NotFound(N_("no event %(event_id)s"), field="event_id", event_id=event_id)
            yield
