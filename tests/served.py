"""The app as users run it: `kring serve` in its own process, spoken to over real HTTP.

`raw_request` sends the path exactly as written (double slashes, percent-escapes, dot
segments): an HTTP library would tidy it first, and how the server reads such spellings is
what some tests are about.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

KRING = Path(sys.executable).with_name("kring")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    _stdout: IO[bytes]
    _stderr: IO[bytes]

    def stdout(self) -> str:
        """Everything the process wrote to its standard output so far (uvicorn's access log)."""
        return Path(self._stdout.name).read_text(errors="replace")

    def stderr(self) -> str:
        """Everything the process wrote to its standard error so far."""
        return Path(self._stderr.name).read_text(errors="replace")


def wait_for_output(read: Callable[[], str], text: str, seconds: float = 10) -> str:
    """What `read` gives once it holds `text`, or after `seconds`: the app logs through a queue
    that a thread of its own writes out, so a line may land just after the answer was sent."""
    deadline = time.monotonic() + seconds
    while text not in (seen := read()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return seen


@contextmanager
def served(*flags: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`kring serve` with the given flags on a free port, until the block ends.

    Its output goes to files, not pipes: nobody reads them while it runs, and a full pipe would
    block the server."""
    port = free_port()
    command = [str(KRING), "serve", "--host", "127.0.0.1", "--port", str(port), *flags]
    with (
        tempfile.NamedTemporaryFile(prefix="kring-serve-", suffix=".out") as stdout,
        tempfile.NamedTemporaryFile(prefix="kring-serve-", suffix=".err") as stderr,
    ):
        process = subprocess.Popen(
            command, env=env or os.environ.copy(), stdout=stdout, stderr=stderr
        )
        server = Served(f"http://127.0.0.1:{port}", process, stdout, stderr)
        try:
            _wait_until_listening(server, port)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=15)


def _wait_until_listening(server: Served, port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if server.process.poll() is not None:
                raise RuntimeError(server.stderr()) from None
            time.sleep(0.1)
    raise RuntimeError(f"kring serve did not listen within {seconds} s:\n{server.stderr()}")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def raw_request(
    url: str,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    """One request with `path` sent byte for byte as given."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None or method in ("POST", "PUT", "PATCH"):
            connection.putheader("content-length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()
