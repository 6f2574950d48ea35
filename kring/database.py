"""The database engine for a URL, and the few things that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Collection
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from piccolo.engine import engine_finder
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory
from piccolo.querystring import QueryString
from piccolo.table import Table

from kring.settings import database_refused, sqlite_path

CONNECT_SECONDS = 10
"""How long a connection to PostgreSQL may take to open. asyncpg waits 60 s: a server that
does not answer (a firewall dropping the packets) held every command and the app's start a
minute before saying so."""

CONNECTION_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)
"""What a first connection to PostgreSQL may meet: no server, no such database, a refused
login, an address the driver cannot use."""

LOST_CONNECTION = (
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,  # a statement sent as the server's goodbye arrives
)
"""What a statement meets on a connection the server has ended (which one depends on timing)."""


class _GivesItsConnectionBack:
    """Piccolo's transaction, which gives its connection back however it ends.

    Piccolo hands the connection back after a BEGIN, COMMIT or ROLLBACK that succeeded. When
    PostgreSQL lost the connection meanwhile (a server restart, an ended backend) the pool's
    slot stayed taken for good: ten such requests left the app answering nothing, and its
    shutdown waited for them forever. When SQLite's BEGIN IMMEDIATE waited out the busy
    timeout, the connection and the thread that drives it lived on, and a thread no one stops
    keeps the process from exiting. Either way the task's current transaction stayed set, and
    a long-running task nested its later transactions in the dead one.

    A server rolls back what a lost connection had begun, so a ROLLBACK that fails for that
    reason is not the news: the error that ended the block is."""

    _parent: Any
    _committed: bool
    _rolled_back: bool
    engine: Any
    connection: Any
    context: Any

    async def __aenter__(self) -> Any:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()  # type: ignore[attr-defined]
        try:
            await self._begin()
        except BaseException:
            await self._give_back()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(self, exception_type: Any, exception: Any, traceback: Any) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception:
                if not self._rolled_back:
                    try:
                        await self.rollback()  # type: ignore[attr-defined]
                    except LOST_CONNECTION:
                        if not self.connection.is_closed():
                            raise
            elif not self._committed and not self._rolled_back:
                await self.commit()  # type: ignore[attr-defined]
        finally:
            self.engine.current_transaction.reset(self.context)
            await self._give_back()
        return exception is None

    async def _begin(self) -> None:
        await self.begin()  # type: ignore[attr-defined]

    async def _give_back(self) -> None:
        await self.connection.close()


class _KringSQLiteTransaction(_GivesItsConnectionBack, SQLiteTransaction):
    pass


class _KringPostgresTransaction(_GivesItsConnectionBack, PostgresTransaction):
    async def _begin(self) -> None:
        self.transaction = self.connection.transaction()
        await self.begin()

    async def _give_back(self) -> None:
        if self.engine.pool:
            await self.engine.pool.release(self.connection)
        else:
            await self.connection.close()


class KringSQLiteEngine(SQLiteEngine):
    """SQLite where a read outside a transaction reuses one connection per process and thread.

    Piccolo opens a new connection, and a thread to drive it, for every query: about a
    millisecond each, most of a small request's cost. A read on its own needs neither. The
    file is in WAL mode, so a read never waits for a writer and sees every committed write;
    each reader is `query_only` and in autocommit, and each statement is read to its end, so
    it holds no snapshot between queries and never blocks a checkpoint. A Piccolo read
    without a LIMIT runs on a reader in a worker thread, as before, so a large one (a whole
    network for a re-match) never stalls the event loop; a read with a LIMIT (`.first()`,
    pages) and `fetch`, for the small indexed reads of every request, run on the event
    loop's own reader: the hand-over to a thread costs about 0.3 ms of CPU, more than they
    do. Writes and transactions are untouched: their own connection, BEGIN IMMEDIATE for
    writers (see `write_transaction`). When a reader meets a lock (the file is not in WAL
    mode, or being recovered) the read falls back to Piccolo's own path with its busy timeout.

    A process with readers must never open the database file (or its `-wal`) with plain
    open(): closing that descriptor drops every POSIX lock the process holds on the file,
    SQLite's included, and other processes may then reset the log under the readers
    (https://sqlite.org/howtocorrupt.html, 2.2). Tests once did, to look for traces in the
    file, and writes went missing; they read it through a child process now
    (`tests/privacy/scan.py`), and `tests/kring/test_database.py` shows the hazard.
    """

    def __init__(self, path: str, **connection_kwargs: Any) -> None:
        super().__init__(path=path, **connection_kwargs)
        self._readers = threading.local()
        self._generation = 0

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.deferred,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        return _KringSQLiteTransaction(
            engine=self, transaction_type=transaction_type, allow_nested=allow_nested
        )

    def forget_readers(self) -> None:
        """Every thread opens a fresh reader on its next read. For a file restored from a backup
        under this process (tests do that; a real restore happens with the app stopped): a reader
        opened before it may keep reading the old pages."""
        self._generation += 1

    def _reader(self) -> sqlite3.Connection:
        readers = self._readers
        owner = (os.getpid(), self._generation)
        if getattr(readers, "owner", None) != owner:
            # A forked child never uses its parent's connection.
            if getattr(readers, "pid", None) == os.getpid():
                readers.connection.close()
            connection = sqlite3.connect(**{**self.connection_kwargs, "timeout": 0})
            connection.row_factory = dict_factory
            connection.execute("PRAGMA query_only = 1")
            readers.connection, readers.pid, readers.owner = connection, os.getpid(), owner
        return readers.connection

    def _read(self, sql: str, args: list[Any]) -> list[dict[str, Any]] | None:
        """The rows of one SELECT on the reader; None when the file is locked."""
        try:
            cursor = self._reader().execute(sql, args)
            try:
                return cursor.fetchall()
            finally:
                cursor.close()
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return None
            raise

    async def run_querystring(self, querystring: QueryString, in_pool: bool = False) -> Any:
        if self.current_transaction.get() is None and not self.log_queries:
            sql, args = querystring.compile_string(engine_type=self.engine_type)
            if sql.lstrip()[:6].upper() == "SELECT":
                bounded = " LIMIT " in sql  # `.first()` and paged reads
                rows = (
                    self._read(sql, args)
                    if bounded
                    else await asyncio.to_thread(self._read, sql, args)
                )
                if rows is not None:
                    return rows
        return await super().run_querystring(querystring, in_pool=in_pool)


async def _keep_session(_: Any) -> None:
    """asyncpg's reset, minus the session clean-up (Kring sets no session state)."""


IDLE_PER_LOOP = 4
"""Connections kept open per event loop when there is no pool: as many as a request runs at
once (`together`), so concurrent reads do not open new ones."""


class _LoopConnections:
    """The connections one event loop keeps for reuse, until that loop's work ends."""

    __slots__ = ("ending", "idle", "open")

    def __init__(self) -> None:
        self.idle: list[_ReusableConnection] = []
        self.open = True
        self.ending: AsyncGenerator[None] | None = None

    def take_back(self, connection: _ReusableConnection) -> bool:
        """Keep `connection` for the next query; False once the loop's work has ended (a query
        still running then closes its connection itself) or enough are kept."""
        if self.open and len(self.idle) < IDLE_PER_LOOP:
            self.idle.append(connection)
            return True
        return False

    async def close(self) -> None:
        self.open = False
        idle, self.idle = self.idle, []
        # A connection that cannot say goodbye (the server went away) is aborted by asyncpg.
        await asyncio.gather(*(connection.close() for connection in idle), return_exceptions=True)


class _ReusableConnection(asyncpg.Connection):
    """A connection that `close()` hands back to its event loop's idle list when it is clean."""

    __slots__ = ("_kring_kept",)

    async def close(self, *, timeout: float | None = None) -> None:  # noqa: ASYNC109 (asyncpg's)
        kept: _LoopConnections | None = getattr(self, "_kring_kept", None)
        if (
            kept is not None
            and not self.is_closed()
            and not self.is_in_transaction()
            and not self._protocol._is_cancelling()  # a query cut short: not reusable
            and kept.take_back(self)
        ):
            return
        await super().close(timeout=timeout)


class KringPostgresEngine(PostgresEngine):
    """PostgreSQL whose pool hands a connection back in one step instead of two, and which
    reuses connections without a pool.

    Without a pool (`KRING_DATABASE_POOL_SIZE=0`: the CLI, and the tests, whose code runs on
    several event loops, where a pool belongs to one) Piccolo opens a connection for every
    query and every transaction: PostgreSQL starts a process for each, about 5 ms, forty times
    the cost of a small query. Here a closed connection goes back to an idle list of its own
    event loop (an asyncpg connection works on the loop that opened it only) and the next
    query or transaction on that loop takes it.

    They are closed when the loop ends: every loop Kring's code runs on is ended by asyncio's
    runner (`asyncio.run`: the CLI, the worker, Piccolo's check of the server as the engine is
    made; uvicorn; anyio's portals, which run the test client's app), which closes the loop's
    async generators before the loop, and a generator suspended for the loop's life closes
    its connections then. The app's shutdown closes them a little earlier
    (`close_idle_connections`). Loops that ended without closing them once kept them open on
    the server for the rest of the process: a `kring serve` or `kring worker` held two it
    could not use, and the test processes ran the server out of its 100 connections.

    asyncpg resets a connection on its way back to the pool with a query of its own
    (`RESET ALL`, `UNLISTEN *`, unlocking advisory locks, closing cursors): a second round
    trip after every query. Kring's code sets no session variable, listens to nothing and
    takes row locks inside transactions only, so there is nothing to reset; asyncpg still
    rolls back a transaction left open. `tests/kring/test_postgres.py` checks a pooled
    connection after API calls, a re-match, the worker's jobs and an erasure: no changed
    setting, LISTEN, advisory lock, cursor or open transaction.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._kept: dict[asyncio.AbstractEventLoop, _LoopConnections] = {}
        super().__init__(*args, **kwargs)  # asks for the server's version: needs `_kept`

    async def check_version(self) -> None:
        """Piccolo connects as the engine is made, to read the server's version: a database
        that does not exist ended every command in 70 lines of traceback, a server that
        cannot be reached in a coloured warning and a second error. Either is one line
        naming KRING_DATABASE_URL (a SettingsError, `assembly.piccolo_conf`)."""
        try:
            await self._run_in_new_connection("SELECT 1")
        except CONNECTION_ERRORS as error:
            dsn = self.config["dsn"]
            raise database_refused(dsn, _unusable(dsn, error)) from None
        await super().check_version()

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return _KringPostgresTransaction(engine=self, allow_nested=allow_nested)

    async def start_connection_pool(self, **kwargs: Any) -> None:
        await super().start_connection_pool(**{"reset": _keep_session, **kwargs})

    async def get_new_connection(self) -> Any:
        kept = await self._kept_for_running_loop()
        while kept.idle:
            connection = kept.idle.pop()
            if not connection.is_closed():
                return connection
        connection = await asyncpg.connect(**self.config, connection_class=_ReusableConnection)
        connection._kring_kept = kept
        return connection

    async def _kept_for_running_loop(self) -> _LoopConnections:
        loop = asyncio.get_running_loop()
        kept = self._kept.get(loop)
        if kept is None:
            kept = self._kept[loop] = _LoopConnections()
            kept.ending = self._close_when_loop_ends(loop, kept)
            await anext(kept.ending)  # the loop now holds it, and closes it as it ends
        return kept

    async def _close_when_loop_ends(
        self, loop: asyncio.AbstractEventLoop, kept: _LoopConnections
    ) -> AsyncGenerator[None]:
        """Waits, suspended, for the end of the loop's work: asyncio's runner closes a loop's
        async generators (`loop.shutdown_asyncgens`) after cancelling its tasks, before it
        closes the loop; or `close_idle_connections` closes it."""
        try:
            yield
        finally:
            if self._kept.get(loop) is kept:
                del self._kept[loop]
            await kept.close()

    async def _run_in_new_connection(self, query: str, args: Any = None) -> Any:
        """Piccolo's, once more on a fresh connection when a reused one turns out to have been
        closed by the server (a restart, an idle timeout): the query never reached it."""
        connection = await self.get_new_connection()
        try:
            return await connection.fetch(query, *(args or []))
        except LOST_CONNECTION:
            if not connection.is_closed():
                raise
        finally:
            await connection.close()
        connection = await self.get_new_connection()
        try:
            return await connection.fetch(query, *(args or []))
        finally:
            await connection.close()

    async def close_idle_connections(self) -> None:
        """Close the connections kept for the running event loop, as its work ends; one still
        in use closes when it is done."""
        kept = self._kept.get(asyncio.get_running_loop())
        if kept is not None and kept.ending is not None:
            await kept.ending.aclose()

    def kept_for_closed_loops(self) -> int:
        """How many connections stay open for event loops that have closed: none, unless a loop
        was closed by hand (`loop.close()` without `shutdown_asyncgens`). No loop can use them
        again; the tests check after each file that there are none."""
        return sum(
            not connection.is_closed()
            for loop, kept in list(self._kept.items())
            if loop.is_closed()
            for connection in kept.idle
        )


def _server(dsn: str) -> str:
    """The server a PostgreSQL address names, as `host:port`."""
    try:
        parts = urlsplit(dsn)
        return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    except ValueError:
        return "?"


def _unusable(dsn: str, error: BaseException) -> str:
    """What a failed first connection to PostgreSQL means, for one line."""
    if isinstance(error, asyncpg.InvalidCatalogNameError):
        name = urlsplit(dsn).path.lstrip("/") or "?"
        return f"the database {name!r} does not exist on that server (create it: createdb {name})"
    if isinstance(error, TimeoutError):
        return (
            f"the PostgreSQL server at {_server(dsn)} did not answer "
            f"within {CONNECT_SECONDS} seconds"
        )
    if isinstance(error, OSError):
        return f"the PostgreSQL server at {_server(dsn)} cannot be reached ({error})"
    if isinstance(error, asyncpg.PostgresError):
        return f"the PostgreSQL server refused the connection ({error})"
    return f"the PostgreSQL driver cannot use it ({error})"


def use_wal(path: str) -> None:
    """Put the file in WAL mode (it stays so): readers and the writer no longer block each
    other. A file that is no SQLite database, or cannot be opened, is named in one line."""
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            connection.execute("PRAGMA journal_mode = WAL")
        connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return  # another process holds a lock right now; the next start sets it
        raise database_refused(f"sqlite:///{path}", f"{path} cannot be opened ({error})") from None
    except sqlite3.DatabaseError as error:  # "file is not a database"
        problem = f"{path} is no SQLite database ({error})"
        raise database_refused(f"sqlite:///{path}", problem) from None


def engine_for(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        path = sqlite_path(database_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        use_wal(str(path))
        # A generous busy timeout: several processes (app, worker) share one file and writers queue.
        return KringSQLiteEngine(path=str(path), timeout=30)
    return KringPostgresEngine(config={"dsn": database_url, "timeout": CONNECT_SECONDS})


async def fetch(table: type[Table], sql: str, *args: Any) -> list[dict[str, Any]]:
    """The rows of hand-written SQL with `{}` placeholders, on `table`'s engine.

    For the reads every request makes (the caller, a challenge's proposals). Building a Piccolo
    query costs several times more CPU than running it on SQLite (about 70 µs against 15 µs,
    more with joins), so these say their SQL once. Portable SQL only: it runs on both
    databases, and the tests run it on both.
    """
    engine = table._meta.db
    if engine.current_transaction.get() is None and not engine.log_queries:
        # Outside a transaction the driver gets the text directly: Piccolo's QueryString
        # compiles it again on every call, at a cost larger than the query's on SQLite.
        if isinstance(engine, KringSQLiteEngine):
            rows = engine._read(_in_driver_style(sql, len(args), postgres=False), list(args))
            if rows is not None:
                return rows
        elif isinstance(engine, PostgresEngine) and engine.pool is not None:
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


@asynccontextmanager
async def row_locked(table: type[Table], row_id: int) -> AsyncIterator[None]:
    """A write transaction in which one row's changes come one at a time: the row `FOR
    UPDATE` on PostgreSQL (other rows stay free); on SQLite `BEGIN IMMEDIATE` takes the one
    write lock before anything is read."""
    engine = table._meta.db
    async with write_transaction(engine):
        if is_postgres(engine):
            await table.select(table.id).where(table.id == row_id).lock_rows("UPDATE")
        yield
