"""The database engine for a URL, and the few things that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from piccolo.engine import engine_finder
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from kring.settings import sqlite_path


def engine_for(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        path = sqlite_path(database_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A generous busy timeout: several processes (app, worker) share one file and writers queue.
        return SQLiteEngine(path=str(path), timeout=30)
    return PostgresEngine(config={"dsn": database_url})


def is_postgres(engine: Engine) -> bool:
    return isinstance(engine, PostgresEngine)


def write_transaction(engine: Engine | None = None) -> Any:
    """A transaction that will write.

    On SQLite it takes the write lock at BEGIN (IMMEDIATE): a transaction that reads first and
    upgrades later can fail at once with "database is locked" when another writer is active,
    whatever the busy timeout; taking the lock first makes writers queue instead.
    """
    engine = engine or engine_finder()
    if is_postgres(engine):
        return engine.transaction()
    return engine.transaction(transaction_type=TransactionType.immediate)
