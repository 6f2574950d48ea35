"""`kring migrate` on a database made before the introductions left the `matching` package.

The fixtures are that code's own databases (tests/fixtures/kring-2026-12-02.*.sql.gz: `kring
migrate` and a thinned `kring demo`, dumped with sqlite3's iterdump and pg_dump --inserts): the
migrations of the introductions' tables are recorded under the app name `matching` there.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
BASE_POSTGRES_URL = os.environ.get("KRING_TEST_DATABASE_URL", "")
ON_POSTGRES = BASE_POSTGRES_URL.startswith(("postgres://", "postgresql://"))

INTRODUCTION_MIGRATIONS = (
    Path(__file__).resolve().parents[2] / "introductions" / "piccolo_migrations"
)


def _kring(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assembly.cli", *args],
        env={**os.environ, "KRING_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _dump(kind: str) -> str:
    return gzip.decompress((FIXTURES / f"kring-2026-12-02.{kind}.sql.gz").read_bytes()).decode()


def _sqlite(tmp_path: Path) -> tuple[str, object]:
    path = tmp_path / "older.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(_dump("sqlite"))
    connection.close()

    async def query(sql: str) -> list[tuple]:
        with sqlite3.connect(path) as reader:
            return reader.execute(sql).fetchall()

    return f"sqlite:///{path}", query


def _postgres() -> tuple[str, object]:
    import asyncpg

    base, _, name = BASE_POSTGRES_URL.rpartition("/")
    url = f"{base}/{name}_older"

    async def load() -> None:
        admin = await asyncpg.connect(BASE_POSTGRES_URL)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}_older" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}_older"')
        finally:
            await admin.close()
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(_dump("postgres"))
        finally:
            await connection.close()

    asyncio.run(load())

    async def query(sql: str) -> list[tuple]:
        connection = await asyncpg.connect(url)
        try:
            return [tuple(row) for row in await connection.fetch(sql)]
        finally:
            await connection.close()

    return url, query


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            "sqlite",
            marks=pytest.mark.skipif(
                ON_POSTGRES, reason="the SQLite database's upgrade runs in the SQLite session"
            ),
        ),
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(
                not ON_POSTGRES, reason="needs PostgreSQL (KRING_TEST_DATABASE_URL)"
            ),
        ),
    ],
)
def test_migrate_brings_an_older_database_up_to_date_and_keeps_its_rows(
    kind, tmp_path, monkeypatch
):
    url, query = _sqlite(tmp_path) if kind == "sqlite" else _postgres()
    introductions = asyncio.run(query("SELECT count(*) FROM introduction"))[0][0]
    assert introductions > 0
    assert asyncio.run(query("SELECT count(*) FROM migration WHERE app_name = 'matching'")) == [
        (8,)
    ]

    first = _kring(url, "migrate")
    assert first.returncode == 0, first.stderr + first.stdout
    assert "Database is up to date." in first.stdout
    apps = dict(asyncio.run(query("SELECT app_name, count(*) FROM migration GROUP BY app_name")))
    # The 8 migrations made under `matching`, renamed, and any the introductions gained since.
    current = len(list(INTRODUCTION_MIGRATIONS.glob("introductions_*.py")))
    assert "matching" not in apps and apps["introductions"] == current >= 9
    assert asyncio.run(query("SELECT count(*) FROM introduction"))[0][0] == introductions
    # The search columns are filled for the rows already there (kring.search).
    assert asyncio.run(query("SELECT count(*) FROM member WHERE search_name <> ''"))[0][0] > 0
    for unfolded in (
        "SELECT count(*) FROM member WHERE search_name = '' AND status <> 'erased'",
        "SELECT count(*) FROM organisation WHERE search_name = ''",
    ):
        assert asyncio.run(query(unfolded)) == [(0,)], unfolded

    again = _kring(url, "migrate")
    assert again.returncode == 0, again.stderr + again.stdout
    assert "migrations not yet run" not in again.stdout
    # The workflow reads the kept rows: the worker's introduction jobs run on them.
    monkeypatch.setenv("KRING_BASE_URL", "http://127.0.0.1:8000")  # the worker sends mail
    worker = _kring(url, "worker", "--once")
    assert worker.returncode == 0, worker.stderr + worker.stdout
    assert "'expired introductions': -1" not in worker.stdout
    assert "-1" not in worker.stdout, worker.stdout
