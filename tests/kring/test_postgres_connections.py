"""PostgreSQL connections kept for reuse without a pool (KRING_DATABASE_POOL_SIZE=0,
`kring.database.KringPostgresEngine`) close when their event loop ends, however it ends: the
loop of Piccolo's check as the engine is made, a command's `asyncio.run`, a portal (what the
test client runs an app on), a run cancelled as its loop ends. They stayed open on the server
for the rest of the process: a `kring serve` or `kring worker` held two it could not use, and
the PostgreSQL test run used up the server's 100 connections ("too many clients already").

Each test has an engine of its own whose connections carry a name of their own
(`application_name`), so the server's count of them is not disturbed by other processes."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

import anyio.from_thread
import asyncpg
import pytest
from piccolo.querystring import QueryString

from kring.database import KringPostgresEngine, engine_for
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL: set KRING_TEST_DATABASE_URL (CI runs the suite on PostgreSQL too)",
)


async def _named(name: str, sql: str) -> Any:
    connection = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        return await connection.fetchval(sql, name)
    finally:
        await connection.close()


def _open_on_server(name: str, expected: int) -> int:
    """The server's connections named `name`, once they are `expected` or 3 s have passed: a
    backend leaves pg_stat_activity a moment after its client said goodbye."""
    sql = "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"
    deadline = time.monotonic() + 3
    while True:
        found = asyncio.run(_named(name, sql))
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


class Named:
    def __init__(self) -> None:
        self.name = f"kring-test-{uuid.uuid4().hex[:12]}"
        joint = "&" if "?" in TEST_DATABASE_URL else "?"
        engine = engine_for(f"{TEST_DATABASE_URL}{joint}application_name={self.name}")
        assert isinstance(engine, KringPostgresEngine)
        self.engine = engine

    async def backend(self) -> int:
        """The server process of the connection a query runs on."""
        [row] = await self.engine.run_querystring(QueryString("SELECT pg_backend_pid() AS pid"))
        return row["pid"]


@pytest.fixture
def named() -> Iterator[Named]:
    named = Named()
    yield named
    # Whatever a failing test left open ends here, not in the tests after it.
    terminate = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
    asyncio.run(_named(named.name, f"{terminate} WHERE application_name = $1"))


def test_making_the_engine_leaves_no_connection_open(named):
    """Piccolo reads the server's version as the engine is made, on a loop of its own; every
    process (`kring serve` and each of its workers, `kring worker`, every command) made one."""
    assert _open_on_server(named.name, 0) == 0


def test_a_loop_reuses_its_connections_and_closes_them_as_it_ends(named):
    """As a command runs (`kring.commands.run`: asyncio.run): reads one after another share a
    connection, reads at once get one each, and none stays open after the command."""

    async def command() -> tuple[set[int], list[int]]:
        one_after_another = {await named.backend() for _ in range(3)}
        at_once = await asyncio.gather(*(named.backend() for _ in range(3)))
        return one_after_another, at_once

    one_after_another, at_once = asyncio.run(command())
    assert len(one_after_another) == 1
    assert len(set(at_once)) == 3
    assert _open_on_server(named.name, 0) == 0


def test_a_portal_closes_its_connections_as_it_ends(named):
    """The test client runs the app on an anyio portal: a loop in a thread of its own, one per
    request when the client is used without `with` (no lifespan closes them then)."""
    with anyio.from_thread.start_blocking_portal() as portal:
        portal.call(named.backend)
        assert _open_on_server(named.name, 1) == 1  # kept for the portal's next query
    assert _open_on_server(named.name, 0) == 0


def test_a_run_cancelled_as_its_loop_ends_closes_its_connection(named):
    """A background run in a transaction when its loop ends: asyncio cancels it, its
    transaction rolls back, and the connection it gave back is closed with the loop."""

    async def command() -> None:
        started = asyncio.Event()

        async def run_in_a_transaction() -> None:
            async with named.engine.transaction():
                await named.backend()
                started.set()
                await asyncio.sleep(3600)

        running = asyncio.create_task(run_in_a_transaction())
        await started.wait()
        assert not running.done()

    asyncio.run(command())
    assert _open_on_server(named.name, 0) == 0


def test_a_connection_in_use_as_the_app_shuts_down_closes_when_done(named):
    """The app's shutdown closes its loop's connections (`close_idle_connections`) while a
    query may still hold one: that one is closed when done, not kept for work that has ended."""

    async def serve() -> int:
        async with named.engine.transaction():
            await named.backend()
            await named.engine.close_idle_connections()
        return await asyncio.to_thread(_open_on_server, named.name, 0)

    assert asyncio.run(serve()) == 0


def test_a_loop_closed_by_hand_is_what_the_tests_check_for(named):
    """A loop closed without asyncio's runner (`loop.close()` alone) never closes its
    connections: after each test file the tests check that no loop left one open
    (`no_connection_left_behind`, tests/conftest.py)."""
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(named.backend())
    finally:
        loop.close()
    assert named.engine.kept_for_closed_loops() == 1
