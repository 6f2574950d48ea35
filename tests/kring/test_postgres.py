"""What only PostgreSQL has: the per-process connection pool used in production."""

from dataclasses import replace

import pytest
from litestar.testing import TestClient
from piccolo.engine import engine_finder

from kring.app import create_app
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
