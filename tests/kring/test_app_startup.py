"""What a worker does once when it starts."""

from __future__ import annotations

import gc

from litestar.testing import TestClient

from assembly.app import create_app


def test_start_up_freezes_what_it_loaded_so_collections_skip_it():
    """A full garbage collection over everything loaded at start-up stalled a worker for about
    100 ms (the load benchmark's p99); frozen objects are not walked again."""
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with TestClient(app=create_app()) as client:
        assert client.get("/health").status_code == 200
        assert gc.get_freeze_count() > 10_000
