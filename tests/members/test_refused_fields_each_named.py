"""A member changing fields only staff may change hears of each of them in `errors`: the
answer said "you may not change email, status" but listed only `email`, so a client that
reads `errors` by field kept `status` in its form as if it had been taken."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories


def test_each_field_a_member_may_not_change_is_in_the_errors(live_server):
    member = factories.account(Role.member)
    answer = httpx.patch(
        f"{live_server}/api/members/{member.member_id}",
        json={"status": "paused", "email": "elders@kring-test.be", "job_title": "tester"},
        headers=member.headers,
    )
    assert answer.status_code == 403
    message = "you may not change email, status"
    assert answer.json()["detail"] == message
    assert answer.json()["errors"] == [
        {"field": "email", "message": message},
        {"field": "status", "message": message},
    ]
