"""Real databases for every test: a fresh SQLite file by default, PostgreSQL when
KRING_TEST_DATABASE_URL points at one. The schema is built by the real migrations once per run,
and every test starts from empty tables."""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Awaitable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest


def _scratch_folder() -> Path:
    """The run's SQLite files go to memory (/dev/shm) when it has room and TMPDIR chooses no
    other place: a test commits a score of times, and on disk each commit waits for the disk
    (2 to 8 ms here). A test database need not survive a crash (on PostgreSQL its commits skip
    that wait too: synchronous_commit, below). The folder goes with the process."""
    memory = Path("/dev/shm")
    try:
        roomy = shutil.disk_usage(memory).free >= 1024**3 and os.access(memory, os.W_OK)
    except OSError:
        roomy = False
    folder = tempfile.mkdtemp(
        prefix="kring-tests-", dir=memory if roomy and not os.environ.get("TMPDIR") else None
    )
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder)


_TMP = _scratch_folder()
# Under pytest-xdist every worker gets a database of its own: a fresh SQLite file per process
# anyway, and on PostgreSQL a sibling database named after the worker (created when missing).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_database(url: str) -> str:
    """The worker's own PostgreSQL database beside the one named in `url`."""
    import asyncpg

    base, _, name = url.rpartition("/")
    own = f"{name}_{_WORKER}"

    async def create() -> None:
        connection = await asyncpg.connect(url)
        try:
            exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", own)
            if not exists:
                await connection.execute(f'CREATE DATABASE "{own}"')
            # A test database need not survive a crash: commits skip the wait for the disk.
            await connection.execute(f'ALTER DATABASE "{own}" SET synchronous_commit = off')
        finally:
            await connection.close()

    asyncio.run(create())
    return f"{base}/{own}"


TEST_DATABASE_URL = os.environ.get("KRING_TEST_DATABASE_URL") or f"sqlite:///{_TMP}/kring.sqlite"
if _WORKER and TEST_DATABASE_URL.startswith(("postgres://", "postgresql://")):
    TEST_DATABASE_URL = _worker_database(TEST_DATABASE_URL)
os.environ["KRING_DATABASE_URL"] = TEST_DATABASE_URL
os.environ["KRING_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["KRING_ERASURE_LEDGER"] = str(_TMP / "erasure-ledger.jsonl")
# Without a pool every query opens its own connection, so tests may call domain functions from
# their own event loop while the app runs in the test client's loop.
os.environ["KRING_DATABASE_POOL_SIZE"] = "0"
os.environ.setdefault("KRING_LANGUAGE", "nl")
# The sentence-embedding scorer is off unless a test turns it on (tests/matching_semantic/):
# encoding every test's texts would cost minutes of CI.
os.environ.setdefault("KRING_SEMANTIC", "off")
# Hundreds of accounts are made and signed in: argon2 at its production cost (64 MiB, 3 passes,
# about 0.3 s a hash here) would cost minutes of CI. Hashes stay argon2id.
os.environ.setdefault("KRING_ARGON2_MEMORY_KIB", "256")
os.environ.setdefault("KRING_ARGON2_TIME_COST", "1")
# `kring serve` on SQLite matches stale challenges itself while no worker runs: the served app
# the browser tests share would match every test's challenges behind its back. A test that is
# about it turns it on for its own server (tests/introductions/test_rounds_without_worker.py).
os.environ.setdefault("KRING_SERVE_MATCHING", "off")
# Nor does it take over import runs left by a stopped process, at its start and every minute:
# a test of the worker's job lost the run to it about once in 5,000 runs. A test that is about
# it turns it on for its own server (tests/importing/test_background_runs.py).
os.environ.setdefault("KRING_SERVE_RESUMES_IMPORTS", "off")

ON_POSTGRES = TEST_DATABASE_URL.startswith(("postgres://", "postgresql://"))


def run(awaitable: Awaitable[Any]) -> Any:
    """Run a coroutine or a Piccolo query to completion from a synchronous test."""

    async def wait() -> Any:
        try:
            return await awaitable
        finally:
            await _close_idle_connections()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop_running = False
    else:
        loop_running = True
    if not loop_running:
        # Outside the `except`: a failure inside would be reported twice ("during handling").
        return asyncio.run(wait())
    # Playwright's sync API keeps a loop running in this thread; use another one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, wait()).result()


async def _close_idle_connections() -> None:
    """The PostgreSQL connections this loop kept for reuse end with it (kring.database)."""
    from piccolo.engine import engine_finder

    from kring.database import KringPostgresEngine

    engine = engine_finder()
    if isinstance(engine, KringPostgresEngine):
        await engine.close_idle_connections()


def pytest_report_header() -> str:
    return f"kring database: {'PostgreSQL' if ON_POSTGRES else 'SQLite'} ({TEST_DATABASE_URL})"


async def _fresh_schema() -> None:
    from piccolo.engine import engine_finder

    from assembly.migrate import migrate

    if ON_POSTGRES:
        engine = engine_finder()
        await engine.run_ddl("DROP SCHEMA public CASCADE")
        await engine.run_ddl("CREATE SCHEMA public")
    await migrate()


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[str]:
    run(_fresh_schema())
    yield TEST_DATABASE_URL


PURE_PACKAGES = {"matching"}  # engines without a database: their tests need no clean tables
KEEPS_ROWS = {"test_api_fuzz.py"}  # shares one login per role across its many generated cases


LOOKS_ARE_CHECKED_HERE = not ON_POSTGRES
"""How a page looks, reads and is used by keyboard (axe-core, widths, languages) does not depend
on the database: the SQLite run checks it, the PostgreSQL run only that every page works."""
same_on_every_database = pytest.mark.skipif(
    not LOOKS_ARE_CHECKED_HERE,
    reason="how pages look does not depend on the database: checked in the SQLite run",
)


WALKS_EVERY_PAGE = {"test_navigation.py", "test_navigation_of_other_roles.py"}
"""The browser tests the PostgreSQL run keeps: every page of every role, loaded and clicked to."""


def _longest_first(items: list[pytest.Item]) -> None:
    """The order in which pytest-xdist hands whole files to the test processes (`make test`
    passes --no-loadscope-reorder, so it keeps this one): the page walks first, then the other
    browser files, then the rest, most tests first within each. xdist's own order (most tests
    first) left the walks (two tests of about a minute each a file) and the browser files
    (seconds a test, tenths elsewhere) to the end, where a process went on walking alone while
    the others had finished. Runs without pytest-xdist keep the files in their order."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    tests_in = Counter(item.path for item in items)
    items.sort(
        key=lambda item: (
            item.path.name not in WALKS_EVERY_PAGE,
            item.get_closest_marker("browser") is None,
            -tests_in[item.path],
        )
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """What the PostgreSQL run skips, as the SQLite run of the same CI job covers it and CI must
    stay inside its time limit: the pure engines' tests (no database at all), and the browser
    tests other than the page walks. A page's scripts, layout and keyboard use do not depend on
    the database; what does (every page's queries, every form's handler) the PostgreSQL run
    still reaches, through the walks of every page and the HTTP tests of every route."""
    _longest_first(items)
    if not ON_POSTGRES:
        return
    pure = pytest.mark.skip(reason="pure engine, no database: covered by the SQLite run")
    browser = pytest.mark.skip(
        reason="the browser's part does not depend on the database: driven in the SQLite run; "
        "here every page is walked (test_navigation) and every route tested over HTTP"
    )
    for item in items:
        if not PURE_PACKAGES.isdisjoint(item.path.parts):
            item.add_marker(pure)
        elif item.get_closest_marker("browser") and item.path.name not in WALKS_EVERY_PAGE:
            item.add_marker(browser)


@pytest.fixture(autouse=True, scope="module")
def no_connection_left_behind() -> Iterator[None]:
    """On PostgreSQL, after each test file: no connection stays open for an event loop that has
    closed. Without a pool (KRING_DATABASE_POOL_SIZE=0) each loop keeps a few for reuse, closed
    as the loop ends (kring.database); only a loop closed by hand, without asyncio's runner,
    leaves them open on the server. When loops did, a run used up the server's 100 connections
    ("too many clients already" in .ci/run; tests/kring/test_postgres_connections.py)."""
    yield
    if not ON_POSTGRES:
        return
    from piccolo.engine import engine_finder

    from kring.database import KringPostgresEngine

    engine = engine_finder()
    if isinstance(engine, KringPostgresEngine):
        left = engine.kept_for_closed_loops()
        assert left == 0, f"{left} connection(s) left open by event loops closed by hand"


@pytest.fixture(autouse=True)
def empty_tables(request: pytest.FixtureRequest, database: str) -> Iterator[None]:
    if (
        PURE_PACKAGES.isdisjoint(request.node.path.parts)
        and request.node.path.name not in KEEPS_ROWS
    ):
        from kring.schema import delete_all_rows

        run(delete_all_rows())
    yield


@pytest.fixture(scope="session")
def served_app() -> Iterator[Any]:
    """`kring serve`, as users start it, on this run's database (tests/served.py)."""
    from tests.served import served

    with served() as server:
        yield server


@pytest.fixture(scope="session")
def live_server(served_app: Any) -> str:
    return served_app.url


@functools.cache
def _app() -> Any:
    """One app per test process: building it (240 handlers) takes most of a second, and it holds
    no state of its own between requests (sessions, throttles and the rest live in the
    database, which every test empties)."""
    from assembly.app import create_app

    return create_app()


@pytest.fixture
def client() -> Iterator[Any]:
    from litestar.testing import TestClient

    with TestClient(app=_app(), base_url="http://testserver.local") as test_client:
        yield test_client


class _Collector:
    """An aiosmtpd handler that keeps every envelope it receives."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[Any]:
    """A real SMTP server on loopback; `.port` to send to, `.messages` to read back.

    The "smtp" processor is on the register with a signed DPA, as privacy.mail requires."""
    import socket
    from datetime import date

    from aiosmtpd.controller import Controller

    from privacy.processors import add_processor

    run(add_processor("Test relay", "outgoing mail", "e-mail", date(2025, 1, 1), key="smtp"))

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        controller.stop()
