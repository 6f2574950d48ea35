"""SQLite's shared reader: reads outside a transaction reuse one connection, and still see
every committed write at once, never write, and wait their turn when the file is locked.
PostgreSQL's pool: hand-written reads through it, connection after connection."""

from __future__ import annotations

import pytest

from kring.database import fetch, write_transaction
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
def test_the_file_is_in_wal_mode():
    """Readers and the writer of the file (app processes, the worker) do not block each other."""
    assert run(fetch(Organisation, "PRAGMA journal_mode"))[0]["journal_mode"] == "wal"


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
