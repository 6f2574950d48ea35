import asyncio

from privacy.login_months import record_login_month
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run


def test_many_logins_in_one_month_leave_one_row_without_a_timestamp():
    member_id = factories.member(factories.organisation())

    async def log_in_often():
        await asyncio.gather(*[record_login_month(member_id) for _ in range(10)])

    run(log_in_often())
    rows = run(LoginMonth.select().where(LoginMonth.member == member_id))
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "member", "month"}
