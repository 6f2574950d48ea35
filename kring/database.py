"""The database engine for a URL, and the few things that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Collection
from functools import lru_cache
from typing import Any

from piccolo.engine import engine_finder
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.querystring import QueryString
from piccolo.table import Table

from kring.settings import sqlite_path


async def _keep_session(_: Any) -> None:
    """asyncpg's reset, minus the session clean-up (Kring sets no session state)."""


class KringPostgresEngine(PostgresEngine):
    """PostgreSQL whose pool hands a connection back in one step instead of two.

    asyncpg resets a connection on its way back to the pool with a query of its own
    (`RESET ALL`, `UNLISTEN *`, unlocking advisory locks, closing cursors): a second round
    trip after every query. Kring's code sets no session variable, listens to nothing and
    takes row locks inside transactions only, so there is nothing to reset; asyncpg still
    rolls back a transaction left open.
    """

    async def start_connection_pool(self, **kwargs: Any) -> None:
        await super().start_connection_pool(**{"reset": _keep_session, **kwargs})


def use_wal(path: str) -> None:
    """Put the file in WAL mode (it stays so): readers and the writer no longer block each other."""
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            connection.execute("PRAGMA journal_mode = WAL")
        connection.close()
    except sqlite3.OperationalError:
        pass  # another process holds a lock right now; the next start sets it


def engine_for(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        path = sqlite_path(database_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        use_wal(str(path))
        # A generous busy timeout: several processes (app, worker) share one file and writers queue.
        return SQLiteEngine(path=str(path), timeout=30)
    return KringPostgresEngine(config={"dsn": database_url})


async def fetch(table: type[Table], sql: str, *args: Any) -> list[dict[str, Any]]:
    """The rows of hand-written SQL with `{}` placeholders, on `table`'s engine.

    For the reads every request makes (the caller, a challenge's proposals). Building a Piccolo
    query costs several times more CPU than running it on SQLite (about 70 µs against 15 µs,
    more with joins), so these say their SQL once. Portable SQL only: it runs on both
    databases, and the tests run it on both.
    """
    engine = table._meta.db
    pooled = isinstance(engine, PostgresEngine) and engine.pool is not None
    if pooled and engine.current_transaction.get() is None and not engine.log_queries:
        # Outside a transaction the driver gets the text directly: Piccolo's QueryString
        # compiles it again on every call.
        query = _in_driver_style(sql, len(args), postgres=True)
        return [dict(row) for row in await engine._run_in_pool(query, list(args))]
    rows = await engine.run_querystring(QueryString(sql, *args))
    return [row if isinstance(row, dict) else dict(row) for row in rows]  # asyncpg: Records


async def together(table: type[Table], *reads: Awaitable[Any]) -> list[Any]:
    """Independent reads: at once outside a transaction, where PostgreSQL serves them on
    separate pooled connections (one round trip's wait instead of several); one after
    another inside one, whose single connection runs one query at a time."""
    if table._meta.db.current_transaction.get() is None:
        return list(await asyncio.gather(*reads))
    return [await read for read in reads]


@lru_cache(maxsize=512)
def _in_driver_style(sql: str, count: int, postgres: bool) -> str:
    """`sql` with its `{}` placeholders as the driver wants them: `$1, $2, …` or `?`."""
    marks = [f"${n}" for n in range(1, count + 1)] if postgres else ["?"] * count
    return sql.format(*marks)


def placeholders(values: Collection[Any]) -> str:
    """`{}, {}, …` for an IN list of `values` (never empty: the caller checks)."""
    return ", ".join("{}" for _ in values)


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
