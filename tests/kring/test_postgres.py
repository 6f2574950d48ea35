"""What only PostgreSQL has: the per-process connection pool used in production."""

from dataclasses import replace

import pytest
from litestar.testing import TestClient
from piccolo.engine import engine_finder

from assembly.app import create_app
from kring.choices import Role
from kring.settings import get_settings
from tests import factories
from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL: set KRING_TEST_DATABASE_URL (CI runs the suite on PostgreSQL too)",
)


def test_app_serves_through_a_connection_pool():
    viewer = factories.account(Role.member)
    settings = replace(get_settings(), database_pool_size=2)
    with TestClient(app=create_app(settings)) as client:
        answers = [client.get("/api/me", headers=viewer.headers) for _ in range(5)]
        assert engine_finder().pool is not None
    assert [a.status_code for a in answers] == [200] * 5
    assert engine_finder().pool is None


SESSION_STATE_SQL = """
    SELECT
        (SELECT string_agg(name, ',') FROM pg_settings
            WHERE source = 'session' AND setting IS DISTINCT FROM reset_val) AS settings,
        (SELECT count(*) FROM pg_listening_channels()) AS channels,
        (SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory_locks,
        (SELECT count(*) FROM pg_cursors WHERE name <> '') AS cursors
"""
"""Session state a connection keeps between queries. asyncpg itself turns `jit` off for its type
introspection and back to what it was, which leaves it 'session' at its usual value: only a
setting that differs counts. The statement's own portal is the unnamed cursor."""


def test_pooled_connections_come_back_without_session_state():
    """The pool hands connections back without asyncpg's reset (kring.database): that is sound
    only while nothing leaves session state behind. One pooled connection serves API calls,
    a re-match, the worker's jobs and an erasure; then it holds no SET, LISTEN, advisory lock,
    open cursor or open transaction."""
    from introductions.service import rematch
    from privacy.erasure import erase_member
    from tests.matching_db.network import asker, expert

    owner, _ = asker(), expert()
    member = factories.account(Role.member)
    settings = replace(get_settings(), database_pool_size=1)
    with TestClient(app=create_app(settings)) as client:
        assert client.get("/api/me", headers=member.headers).status_code == 200
        created = client.post(
            "/api/challenges",
            headers=member.headers,
            json={"title": "ISO 9001 audits", "body": "", "tags": ["audit"], "language": "nl"},
        )
        assert created.status_code == 201, created.text
        shown = client.get(f"/api/challenges/{owner.challenge_id}/proposals")
        assert shown.status_code == 401

        async def work_then_read_the_state() -> dict:
            from assembly.worker import run_once

            await rematch()
            await run_once()
            await erase_member(member.member_id)
            engine = engine_finder()
            assert engine.pool is not None and engine.pool.get_max_size() == 1
            async with engine.pool.acquire() as connection:
                state = dict(await connection.fetchrow(SESSION_STATE_SQL))
                state["in_transaction"] = connection.is_in_transaction()
            return state

        state = client.blocking_portal.call(work_then_read_the_state)
    assert state == {
        "settings": None,
        "channels": 0,
        "advisory_locks": 0,
        "cursors": 0,
        "in_transaction": False,
    }
