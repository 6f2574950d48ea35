"""A transaction that fails at its edges (BEGIN, COMMIT, ROLLBACK) gives its connection back and
leaves no transaction set for its task.

A PostgreSQL connection lost in the middle of a transaction (the server restarted, an
administrator ended the backend) gives its place in the pool back.

Piccolo's transaction handed its connection back after a successful COMMIT or ROLLBACK only:
when the connection was gone, that statement raised and the pool's slot stayed taken for
good. Each such request took one of the ten; the app's shutdown waited for them forever (CI
saw `kring serve` ignore SIGTERM after a restart, tests/security/test_database_restart.py),
and a process that met it ten times answered nothing. The task's current transaction also
stayed set, so a long-running task (the worker) nested every later transaction in the dead one.

On SQLite a writer that waited out the busy timeout at BEGIN IMMEDIATE kept its connection, and
the thread the driver runs it on, for the life of the process: a thread no one stops keeps the
process from exiting.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest
from piccolo.querystring import QueryString

from kring.database import KringPostgresEngine, KringSQLiteEngine, engine_for, write_transaction
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL

needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL: set KRING_TEST_DATABASE_URL (CI runs the suite on PostgreSQL too)",
)

LOST = (
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    # A statement sent as the server's goodbye arrives ("cannot switch to state 12; another
    # operation is in progress"): which of the three depends on timing.
    asyncpg.InternalClientError,
)


async def _end_backend(pid: int) -> None:
    """What a server restart does to one connection, from another one."""
    connection = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        await connection.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await connection.close()


async def _pid(engine: KringPostgresEngine) -> int:
    [row] = await engine.run_querystring(QueryString("SELECT pg_backend_pid() AS pid"))
    return row["pid"]


@asynccontextmanager
async def _pool_of_one() -> AsyncIterator[KringPostgresEngine]:
    engine = engine_for(TEST_DATABASE_URL)
    assert isinstance(engine, KringPostgresEngine)
    await engine.start_connection_pool(min_size=1, max_size=1)
    try:
        yield engine
    finally:
        # Bounded: before the fix the pool waited forever for its lost connection.
        try:
            await asyncio.wait_for(engine.close_connection_pool(), 5)
        except TimeoutError:
            engine.pool.terminate()
            raise


@needs_postgres
@pytest.mark.parametrize("ends", ["with an error", "without one"])
def test_a_transaction_whose_connection_is_lost_gives_its_place_back(ends):
    """The one connection of the pool is ended inside a transaction: the transaction raises,
    the next query gets a connection within seconds, and the pool closes."""

    async def scenario() -> int:
        async with _pool_of_one() as engine:
            with pytest.raises(LOST):
                async with engine.transaction():
                    await _end_backend(await _pid(engine))
                    if ends == "with an error":
                        await _pid(engine)  # the statement meets the lost connection
            assert engine.current_transaction.get() is None
            return await asyncio.wait_for(_pid(engine), 5)

    assert asyncio.run(scenario()) > 0


@needs_postgres
def test_a_transaction_after_a_lost_one_is_a_transaction_of_its_own():
    """A long-running task (the worker's loop) goes on after the failure: its next transaction
    commits on a live connection instead of nesting in the dead one."""

    async def scenario() -> str:
        async with _pool_of_one() as engine:
            with pytest.raises(LOST):
                async with engine.transaction():
                    await _end_backend(await _pid(engine))
                    await _pid(engine)
            async with engine.transaction() as transaction:
                [row] = await transaction.connection.fetch("SELECT 'alive' AS word")
            return row["word"]

    assert asyncio.run(scenario()) == "alive"


def test_a_sqlite_writer_that_waited_out_the_lock_closes_its_connection(tmp_path):
    """Another process holds the write lock longer than the busy timeout: BEGIN IMMEDIATE
    fails, and its connection's thread ends; the next writer commits once the lock is free."""
    path = str(tmp_path / "locked.sqlite")
    engine = KringSQLiteEngine(path=path, timeout=0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE note (text TEXT)")
    holder.execute("BEGIN IMMEDIATE")

    async def scenario() -> None:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            async with write_transaction(engine):
                pass
        assert engine.current_transaction.get() is None
        holder.execute("COMMIT")
        async with write_transaction(engine) as transaction:
            await transaction.connection.execute("INSERT INTO note VALUES ('written')")

    before = threading.active_count()
    asyncio.run(scenario())
    holder.close()
    deadline = time.monotonic() + 5  # a closed connection's thread ends a moment later
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before, [t.name for t in threading.enumerate()]
    with sqlite3.connect(path) as reader:
        assert reader.execute("SELECT text FROM note").fetchall() == [("written",)]
