"""`kring serve` reads the stop-word lists while it starts, not in the first request that needs
them. That request imported scikit-learn (for its English list) inside the event loop: the
first library search after a start took 4 to 18 s, a fuzzer's timed out, and every other
request of that process, `GET /api/me` too, waited just as long."""

from __future__ import annotations

from pathlib import Path

from tests.served import served, wait_for_output


def _modules_mapped(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_the_stop_words_are_read_before_the_first_request():
    with served() as server:
        log = wait_for_output(server.stderr, "Application startup complete.", seconds=60)
        assert "Application startup complete." in log
        # No request was sent: what is mapped was loaded while starting.
        assert "/sklearn/" in _modules_mapped(server.process.pid)
