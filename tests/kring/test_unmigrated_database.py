"""`kring serve` and `kring worker` on a database that `kring migrate` has not brought up to
date: they refuse to start, naming what is missing, and a request that still meets a missing
column is a 503 saying to migrate, never a 500."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kring.commands import NOT_MIGRATED
from tests.served import raw_request, served, wait_for_output

pytestmark = pytest.mark.skipif(
    os.environ.get("KRING_TEST_DATABASE_URL", "").startswith("postgres"),
    reason="copies a migrated SQLite file; the check reads Piccolo's table the same way there",
)


def _kring(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assembly.cli", *args],
        env=os.environ.copy() | {"KRING_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("migrated") / "kring.sqlite"
    done = _kring(f"sqlite:///{path}", "migrate")
    assert done.returncode == 0, done.stderr
    return path


def _missing_one_migration(migrated: Path, tmp_path: Path) -> tuple[str, str]:
    """A copy of the migrated file whose latest privacy migration is not recorded as applied."""
    path = tmp_path / "older.sqlite"
    shutil.copy(migrated, path)
    with sqlite3.connect(path) as connection:
        (name,) = connection.execute(
            "SELECT name FROM migration WHERE app_name = 'privacy' ORDER BY name DESC LIMIT 1"
        ).fetchone()
        connection.execute("DELETE FROM migration WHERE app_name = 'privacy' AND name = ?", [name])
    return f"sqlite:///{path}", f"privacy:{name}"


@pytest.mark.parametrize(
    "command", [("serve", "--port", "8799"), ("worker", "--once"), ("worker",)]
)
def test_serve_and_worker_refuse_a_database_with_a_migration_not_applied(
    migrated, tmp_path, command
):
    url, pending = _missing_one_migration(migrated, tmp_path)
    result = _kring(url, *command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "1 migration(s) not applied yet" in result.stderr
    assert pending in result.stderr and "run `kring migrate` first" in result.stderr
    assert "Kring on http" not in result.stdout and "Traceback" not in result.stderr


def test_serve_refuses_a_database_without_tables(tmp_path):
    result = _kring(f"sqlite:///{tmp_path / 'empty.sqlite'}", "serve", "--port", "8798")
    assert result.returncode == 2
    assert "run `kring migrate` first" in result.stderr and "kring:" in result.stderr


def test_a_request_meeting_a_missing_column_is_a_503_saying_to_migrate(migrated, tmp_path):
    path = tmp_path / "kring.sqlite"
    shutil.copy(migrated, path)
    env = os.environ.copy() | {"KRING_DATABASE_URL": f"sqlite:///{path}"}
    with served(env=env) as server:
        with sqlite3.connect(path) as connection:  # as a half-applied upgrade would leave it
            connection.execute("ALTER TABLE account RENAME COLUMN role TO role_before")
        body = json.dumps({"email": "an@example.be", "password": "a-long-password"}).encode()
        answer = raw_request(
            server.url,
            "POST",
            "/api/tokens",
            {"content-type": "application/json"},
            body,
        )
        assert answer.status == 503, answer.body
        assert json.loads(answer.body)["detail"] == NOT_MIGRATED
        assert "database not migrated" in wait_for_output(server.stderr, "database not migrated")
