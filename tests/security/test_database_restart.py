"""PostgreSQL restarts while requests run: the app recovers by itself and loses no answered write.

A throwaway cluster of our own is stopped and started under a served app (uvicorn, with its
connection pool). Requests during the outage get 503 with Retry-After, never a 500; every
challenge answered 201 is in the database afterwards; the first success after the restart
comes within 5 seconds.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import httpx
import pytest

from tests.conftest import ON_POSTGRES
from tests.security import throwaway_postgres

pytestmark = [
    pytest.mark.serial,
    pytest.mark.skipif(
        throwaway_postgres.binaries() is None,
        reason="needs PostgreSQL server binaries to run a throwaway cluster",
    ),
    pytest.mark.skipif(
        ON_POSTGRES, reason="uses its own throwaway cluster; runs once, in the SQLite session"
    ),
]

SETUP = """
import asyncio
from kring.accounts import create_api_token
from members.accounts import create_account
from kring.choices import Role
from members.profiles import create_member
from assembly.migrate import migrate

async def main():
    await migrate()
    member = await create_member({"first_name": "Fault", "last_name": "Test"})
    account = await create_account(
        "fault@kring-test.be", "a-long-password", Role.member, member, adult_confirmed=True
    )
    print((await create_api_token(account, "fault")).token)

asyncio.run(main())
"""


@pytest.fixture
def cluster():
    instance = throwaway_postgres.create()
    yield instance
    throwaway_postgres.destroy(instance)


def _serve(url: str, log: Any) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"KRING_DATABASE_URL": url, "KRING_DATABASE_POOL_SIZE": "4"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "assembly.app:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/health", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the app did not start")


def _count_titles(url: str) -> set[str]:
    import asyncpg

    async def fetch() -> set[str]:
        connection = await asyncpg.connect(url)
        rows = await connection.fetch("SELECT title FROM challenge")
        await connection.close()
        return {row["title"] for row in rows}

    return asyncio.run(fetch())


def _errors(server_log: str) -> str:
    """The server's own account of each 500: the line that names it and the exception's type."""
    lines = server_log.splitlines()
    picked = [
        line
        for line in lines
        if "unhandled error" in line
        or "Traceback" in line
        or (line[:1].isalpha() and "Error" in line)
    ]
    return "\n".join(picked[-40:]) or server_log[-3000:]


def test_app_recovers_from_a_postgres_restart_without_losing_answered_writes(cluster, tmp_path):
    env = os.environ | {"KRING_DATABASE_URL": cluster.url}
    token = (
        subprocess.run(
            [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    log = tmp_path / "server.log"
    server, base = _serve(cluster.url, log.open("wb"))
    answers: list[tuple[float, str, int]] = []
    failures: list[str] = []  # the body of every 500, which names what raised
    stop = threading.Event()

    def write_continuously() -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
            n = 0
            while not stop.is_set():
                n += 1
                title = f"challenge {n}"
                try:
                    response = client.post("/api/challenges", json={"title": title}, timeout=10)
                    status = response.status_code
                    if status == 500:
                        failures.append(response.text[:500])
                except httpx.TransportError:
                    status = 0
                answers.append((time.monotonic(), title, status))
                time.sleep(0.02)

    writer = threading.Thread(target=write_continuously)
    try:
        writer.start()
        time.sleep(1.5)
        cluster.stop()
        time.sleep(1.0)
        cluster.start()
        back_at = time.monotonic()
        time.sleep(6)
        stop.set()
        writer.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A pool slot lost with its connection kept the shutdown waiting forever
            # (tests/kring/test_transaction_failures.py).
            server.kill()
            server.wait()
            pytest.fail(f"the app did not stop within 10 s of SIGTERM\n{_errors(log.read_text())}")

    statuses = {status for _, _, status in answers}
    assert 500 not in statuses, "\n".join([*failures, _errors(log.read_text())])
    assert statuses <= {201, 503}, statuses
    assert any(status == 503 for _, _, status in answers), "the outage was not noticed"
    recovered = [at for at, _, status in answers if status == 201 and at > back_at]
    assert recovered and recovered[0] - back_at < 5
    answered = {title for _, title, status in answers if status == 201}
    assert answered <= _count_titles(cluster.url)
