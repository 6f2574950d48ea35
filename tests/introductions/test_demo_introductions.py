"""The demo gets a realistic mix of introductions, and every demo login something to see."""

from datetime import date, timedelta

from assembly.demo import load_demo
from assembly.demo_data import generate
from assembly.demo_introductions import load_demo_introductions
from introductions.tables import Introduction, IntroductionState
from kring.clock import utc_now
from kring.tables import Account
from tests.conftest import run


def test_demo_introductions_give_every_login_proposals_requests_and_history(mailbox):
    run(load_demo(network=generate(seed=2026, today=date(2026, 11, 25))))
    report = run(load_demo_introductions())
    rare = {IntroductionState.withdrawn.value}  # only after a challenge closed or a restriction
    assert set(report.states) == {state.value for state in IntroductionState} - rare
    assert report.states["declined"] >= 1 and report.states["completed"] > 10
    logins = [
        row["member"]
        for row in run(Account.select(Account.member).where(Account.member.is_not_null()))
    ]
    assert len(logins) == 5
    soon = utc_now() + timedelta(days=3)
    for member in logins:
        mine = run(
            Introduction.select(Introduction.state).where(
                (Introduction.requester == member) & Introduction.alternate.eq(False)
            )
        )
        assert "proposed" in {row["state"] for row in mine}, member
        asked = run(
            Introduction.select(Introduction.state, Introduction.expires_at).where(
                (Introduction.expert == member) & (Introduction.state != "proposed")
            )
        )
        assert {"requested", "completed"} <= {row["state"] for row in asked}, member
    close = run(
        Introduction.count().where(
            (Introduction.state == "requested") & (Introduction.expires_at <= soon)
        )
    )
    assert close >= 2
    assert mailbox.messages == []
