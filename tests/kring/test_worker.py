import asyncio
from datetime import timedelta

from assembly.worker import run_once
from kring.accounts import principal_for_session, start_session
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import LoginThrottle, UserSession
from tests import factories
from tests.conftest import run


def test_worker_removes_expired_sessions_and_old_throttles_only():
    login = factories.account(Role.member)
    live = run(start_session(login.account_id, hours=1))
    expired = run(start_session(login.account_id, hours=1))
    run(
        UserSession.update({UserSession.expires_at: utc_now() - timedelta(minutes=1)}).where(
            UserSession.id
            == run(
                UserSession.select(UserSession.id).order_by(UserSession.id, ascending=False).first()
            )["id"]
        )
    )
    run(
        LoginThrottle.insert(
            LoginThrottle(key_hash="a" * 64, window_start=utc_now() - timedelta(days=1), failures=1)
        )
    )
    run(LoginThrottle.insert(LoginThrottle(key_hash="b" * 64, window_start=utc_now(), failures=1)))
    done = run(run_once())
    assert done["expired sessions"] == 1 and done["expired login throttles"] == 1
    assert run(principal_for_session(live.token)) is not None
    assert run(principal_for_session(expired.token)) is None
    assert run(LoginThrottle.count()) == 1


def test_two_workers_at_once_do_each_job_once():
    login = factories.account(Role.member)
    run(start_session(login.account_id, hours=1))
    run(UserSession.update({UserSession.expires_at: utc_now() - timedelta(minutes=1)}, force=True))

    async def two_workers():
        return await asyncio.gather(run_once(), run_once())

    first, second = run(two_workers())
    assert first["expired sessions"] + second["expired sessions"] == 1
    assert run(UserSession.count()) == 0
