"""A retention period is written through one guarded function (`retention.change_rule`): every
route refuses what it refuses, with a 4xx naming what is wrong, and leaves the rule as it was."""

import pytest

from kring.choices import Role
from kring.validation import FieldError
from privacy import retention
from privacy.tables import RetentionChange, RetentionRule
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _unchanged() -> None:
    assert run(retention.rules()) == retention.default_months()
    assert run(RetentionRule.count()) == 0 and run(RetentionChange.count()) == 0


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"months": 0}, "at least 12"),
        ({"months": 11}, "at least 12"),
        ({"months": -24}, "at least 12"),
        ({"months": 601}, "600"),
        ({"months": 10**20}, "months"),
        ({"months": 24.5}, "months"),
        ({"months": "24"}, "months"),
        ({"months": True}, "months"),
        ({"months": None}, "months"),
        ({}, "months"),
        ({"months": 24, "category": "login_months"}, "category"),
    ],
)
def test_the_api_refuses_a_period_it_cannot_keep(client, body, said):
    officer = factories.account(Role.privacy_officer)
    answer = client.put("/api/privacy/retention/login_months", json=body, headers=officer.headers)
    assert answer.status_code == 400 and said in answer.text, answer.text
    _unchanged()


def test_an_unknown_category_is_a_404_naming_it(client):
    officer = factories.account(Role.privacy_officer)
    answer = client.put(
        "/api/privacy/retention/login_month", json={"months": 24}, headers=officer.headers
    )
    assert answer.status_code == 404 and "login_month" in answer.text
    _unchanged()


@pytest.mark.parametrize("role", [Role.member, Role.organiser])
def test_only_a_privacy_officer_changes_or_approves_a_period(client, role):
    first = factories.account(Role.privacy_officer)
    pending = client.put(
        "/api/privacy/retention/inactive_contacts", json={"months": 24}, headers=first.headers
    ).json()["change"]
    assert pending["status"] == "pending"
    other = factories.account(role)
    put = client.put(
        "/api/privacy/retention/inactive_contacts", json={"months": 120}, headers=other.headers
    )
    approve = client.post(
        f"/api/privacy/retention/changes/{pending['id']}/approve", headers=other.headers
    )
    assert (put.status_code, approve.status_code) == (403, 403)
    factories.log_in(client, other.email)
    token = factories.csrf_token(client)
    for path in (
        "/privacy/desk/retention/inactive_contacts",
        f"/privacy/desk/retention/changes/{pending['id']}/approve",
    ):
        page = client.post(
            path, data={"months": "120", "_csrf_token": token}, headers=HTML, follow_redirects=False
        )
        assert page.status_code == 403, path
    assert run(retention.rules())["inactive_contacts"] == 60
    assert [c["status"] for c in run(retention.changes())] == ["pending"]


@pytest.mark.parametrize(
    ("months", "said"),
    [("11", "minstens 12"), ("0", "“0”"), ("601", "600"), ("", "verplicht"), ("12.5", "“12.5”")],
)
def test_the_desk_refuses_a_period_it_cannot_keep(client, months, said):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    answer = client.post(
        "/privacy/desk/retention/login_months",
        data={"months": months, "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 400
    summary = answer.text.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert said in summary.replace("&#39;", "'"), summary
    _unchanged()


def test_the_raw_setter_is_not_public_and_approval_checks_the_bounds_again(client):
    """Found from outside: `set_rule` stored any period, 0 or 10**9 months, for anyone who
    imported it; now only the guarded functions write a rule, and an approval that would store
    a period out of bounds (a change row written past them) is refused too."""
    assert not hasattr(retention, "set_rule")
    officer = factories.account(Role.privacy_officer)
    change = RetentionChange(
        category="login_months", old_months=24, new_months=1, requested_by=None, status="pending"
    )
    run(change.save())
    answer = client.post(
        f"/api/privacy/retention/changes/{change.id}/approve", headers=officer.headers
    )
    assert answer.status_code == 400 and "at least 12" in answer.text, answer.text
    assert run(retention.rules())["login_months"] == 24
    assert run(RetentionRule.count()) == 0
    with pytest.raises(FieldError, match="whole number"):
        run(retention.change_rule("login_months", True, officer.account_id))  # type: ignore[arg-type]
