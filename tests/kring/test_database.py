"""SQLite's shared reader: reads outside a transaction reuse one connection, and still see
every committed write at once, never write, and wait their turn when the file is locked.
PostgreSQL's pool: hand-written reads through it, connection after connection."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from kring.database import KringSQLiteEngine, fetch, write_transaction
from kring.tables import Organisation
from tests import factories
from tests.conftest import ON_POSTGRES, run

sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="the shared reader is SQLite's")


def names() -> list[str]:
    return [row["name"] for row in run(Organisation.select(Organisation.name))]


@sqlite_only
def test_a_write_is_seen_by_the_next_read_at_once():
    assert names() == []
    factories.organisation("Eerste")
    assert names() == ["Eerste"]

    async def rename() -> None:
        async with write_transaction():
            await Organisation.update({Organisation.name: "Tweede"}, force=True)

    run(rename())
    assert names() == ["Tweede"]
    run(Organisation.delete(force=True))
    assert names() == []


@sqlite_only
def test_reads_inside_a_transaction_see_its_own_uncommitted_writes():
    async def write_then_read() -> tuple[list[dict], list[dict]]:
        async with write_transaction():
            await Organisation.insert(Organisation(name="Binnen"))
            inside = await Organisation.select(Organisation.name)
            raw = await fetch(Organisation, "SELECT o.name FROM organisation o")
        return inside, raw

    inside, raw = run(write_then_read())
    assert inside == raw == [{"name": "Binnen"}]


@sqlite_only
def test_the_file_is_in_wal_mode_and_the_reader_never_writes():
    engine = engine_finder()
    assert isinstance(engine, KringSQLiteEngine)
    assert run(fetch(Organisation, "PRAGMA journal_mode"))[0]["journal_mode"] == "wal"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        engine._reader().execute("DELETE FROM organisation")


@sqlite_only
def test_a_read_waits_for_a_lock_instead_of_failing(tmp_path):
    """A file not in WAL mode (here: a rollback journal) blocks readers while a writer commits;
    the read then falls back to a connection with the busy timeout instead of failing."""
    path = tmp_path / "locked.sqlite"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT)")
    setup.execute("INSERT INTO thing (name) VALUES ('een')")
    setup.close()
    engine = KringSQLiteEngine(path=str(path), timeout=10)
    locked, release = threading.Event(), threading.Event()

    def hold_an_exclusive_lock() -> None:
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("INSERT INTO thing (name) VALUES ('twee')")
        locked.set()
        release.wait(5)
        time.sleep(0.3)
        writer.execute("COMMIT")
        writer.close()

    holder = threading.Thread(target=hold_an_exclusive_lock)
    holder.start()
    locked.wait(5)
    release.set()
    rows = run(engine.run_querystring(QueryString("SELECT name FROM thing ORDER BY id")))
    holder.join()
    assert [row["name"] for row in rows] == ["een", "twee"]


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (KRING_TEST_DATABASE_URL)")
def test_pooled_reads_see_each_write_and_leave_the_connections_usable():
    sql = "SELECT o.name FROM organisation o WHERE o.name LIKE {} ORDER BY o.id"

    async def through_a_pool() -> list[list[str]]:
        engine = Organisation._meta.db
        await engine.start_connection_pool(min_size=1, max_size=2)
        seen = []
        try:
            for n in range(4):
                async with write_transaction():
                    await Organisation.insert(Organisation(name=f"Gedeeld {n}"))
                rows = await fetch(Organisation, sql, "Gedeeld%")
                seen.append([row["name"] for row in rows])
        finally:
            await engine.close_connection_pool()
        return seen

    seen = run(through_a_pool())
    assert seen == [[f"Gedeeld {k}" for k in range(n + 1)] for n in range(4)]


_OTHER_PROCESS_WRITES = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute(
    "INSERT INTO organisation (name, enterprise_number, kind, website, address, created_at)"
    " VALUES (?, NULL, 'company', '', '', '2026-01-01 00:00:00+00:00')",
    (sys.argv[2],),
)
connection.execute("COMMIT")
connection.close()
"""


@sqlite_only
def test_another_process_writes_are_seen_at_once_while_the_file_is_scanned():
    """The readers live as long as the process, and another process commits in between: each
    commit is seen by the next read. The file is scanned the way the privacy tests do it (by a
    child process): scanning it with open() in this process made writes go missing."""
    from kring.settings import get_settings, sqlite_path
    from tests.privacy.scan import database_file_bytes

    path = str(sqlite_path(get_settings().database_url))
    for n in range(12):
        subprocess.run(
            [sys.executable, "-c", _OTHER_PROCESS_WRITES, path, f"Ander {n}"], check=True
        )
        assert f"Ander {n}" in names()
        database_file_bytes()
        factories.organisation(f"Eigen {n}")
    assert len(names()) == 24
