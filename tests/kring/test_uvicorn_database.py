"""The web app run directly under uvicorn (`uvicorn assembly.app:app`, as the README's Settings
say any server may run it) says a database it cannot use in one line and exit code 2, as every
`kring` command does: found by an outside review, a database that does not exist was that line
and then uvicorn's 60-line traceback of it (exit 3), and a server that does not answer held the
start 60 s. A connection now gets `kring.database.CONNECT_SECONDS` to open."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest

from kring.database import CONNECT_SECONDS
from tests.served import free_port

POSTGRES = ("127.0.0.1", 5432)


def _postgres_listens() -> bool:
    try:
        socket.create_connection(POSTGRES, timeout=2).close()
    except OSError:
        return False
    return True


def _uvicorn(database_url: str) -> tuple[subprocess.CompletedProcess[str], float]:
    command = [sys.executable, "-m", "uvicorn", "assembly.app:app", "--port", str(free_port())]
    env = os.environ | {"KRING_DATABASE_URL": database_url, "KRING_DATABASE_POOL_SIZE": "2"}
    started = time.monotonic()
    result = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=CONNECT_SECONDS + 30,
        stdin=subprocess.DEVNULL,
    )
    return result, time.monotonic() - started


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    return line


@pytest.mark.skipif(not _postgres_listens(), reason="needs PostgreSQL on 127.0.0.1:5432")
def test_a_database_that_does_not_exist_is_one_line_and_exit_2():
    name = f"nosuch_{uuid.uuid4().hex[:8]}"
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    result, _ = _uvicorn(url)
    assert _one_line(result) == (
        f"error: KRING_DATABASE_URL is {url!r}: the database {name!r} does not exist on that "
        f"server (create it: createdb {name})"
    )


def test_a_port_where_nothing_listens_is_one_line_naming_host_and_port():
    port = free_port()
    result, _ = _uvicorn(f"postgres://postgres@127.0.0.1:{port}/kring")
    line = _one_line(result)
    assert f"the PostgreSQL server at 127.0.0.1:{port} cannot be reached" in line, line


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that takes connections into its backlog and never answers them: what a server
    behind a firewall that drops packets looks like to the driver, without waiting for one."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_a_server_that_does_not_answer_is_given_up_on_in_seconds(silent_server):
    result, took = _uvicorn(f"postgres://postgres@127.0.0.1:{silent_server}/kring")
    line = _one_line(result)
    assert line.endswith(
        f"the PostgreSQL server at 127.0.0.1:{silent_server} did not answer within "
        f"{CONNECT_SECONDS} seconds"
    ), line
    assert took < CONNECT_SECONDS + 20
