"""The log of `kring serve` started with its default flags, read from the process's own output."""

from __future__ import annotations

import time

from tests.served import raw_request


def _wait_for(read, text: str, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    while text not in (seen := read()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return seen


def test_every_request_gets_an_access_line_without_client_query_or_identity(served_app):
    raw_request(served_app.url, "GET", "/health?q=jan.peeters@werk.example.be")
    raw_request(served_app.url, "GET", "/leden/jan.peeters%40werk.example.be")
    raw_request(served_app.url, "POST", "//api/challenges", {"content-type": "text/plain"}, b"{}")

    access = _wait_for(served_app.stdout, '"POST /api/challenges HTTP/1.1" 401')
    assert '- - "GET /health?… HTTP/1.1" 200' in access
    assert '- - "GET /leden/[e-mail] HTTP/1.1" 404' in access
    assert '- - "POST /api/challenges HTTP/1.1" 401' in access
    everything = access + served_app.stderr()
    assert "Logging error" not in everything and "Traceback" not in everything
    assert "jan.peeters" not in everything
    requests = [line for line in access.splitlines() if " HTTP/1.1" in line]
    assert requests and all(line.split(":", 1)[1].lstrip().startswith("- - ") for line in requests)
