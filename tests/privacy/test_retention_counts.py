"""Each person is counted once on the retention page, under the rule that removes their data."""

from datetime import UTC, date, datetime, timedelta

from click.testing import CliRunner

from kring.choices import Role
from kring.tables import Member
from privacy import retention
from privacy.cli import privacy as privacy_cli
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _month(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m")


def _people() -> tuple[int, int]:
    """One member inactive for six years with two login months back then, and one who signs in
    now and has an old login month left from 2019."""
    organisation = factories.organisation()
    inactive = factories.member(organisation)
    active = factories.member(organisation)
    run(
        Member.update({Member.joined_at: date(2015, 1, 1)}).where(
            Member.id.is_in([inactive, active])
        )
    )
    run(
        LoginMonth.insert(
            LoginMonth(member=inactive, month=_month(7 * 366)),
            LoginMonth(member=inactive, month=_month(6 * 366)),
            LoginMonth(member=active, month="2019-01"),
            LoginMonth(member=active, month=_month(0)),
        )
    )
    return inactive, active


def test_a_member_due_as_inactive_contact_is_counted_once(client):
    inactive, active = _people()
    officer = factories.account(Role.privacy_officer)
    plan = client.get("/api/privacy/retention", headers=officer.headers).json()
    assert plan["inactive_contacts"]["member_ids"] == [inactive]
    assert plan["inactive_contacts"]["rows"] == 1
    # the inactive member's old month goes with their erasure, not under login months
    assert plan["login_months"]["rows"] == 1
    assert plan["login_months"]["member_ids"] == [active]


def test_the_desk_counts_each_person_once_and_the_run_removes_what_it_said(client):
    """Found from outside: the retention page counted a member due as an inactive contact twice,
    under inactive contacts and again under months of login (their old login month)."""
    _, active = _people()
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/processors", headers=HTML)
    assert page.status_code == 200
    row = page.text.split('id="retention-login_months"', 1)[1].split("</tr>", 1)[0]
    removed = '<td data-label="Zou nu verwijderd worden">'
    assert f"{removed}1 <span" in row and "van 1 lid" in row, row
    row = page.text.split('id="retention-inactive_contacts"', 1)[1].split("</tr>", 1)[0]
    assert f"{removed}1</td>" in row, row
    assert 'id="retention-counted-once"' in page.text
    done = run(retention.apply())
    assert (done["inactive_contacts"], done["login_months"]) == (1, 1)
    left = run(LoginMonth.select(LoginMonth.member, LoginMonth.month))
    assert left == [{"member": active, "month": _month(0)}]
    assert run(retention.plan())["login_months"]["rows"] == 0


def test_held_back_inactive_contacts_lose_their_old_login_months_under_that_rule(client):
    """When a mass erasure is held back nobody is erased: their old login months still go
    after the login months' period, and are counted there."""
    inactive, active = _people()
    organisation = factories.organisation()
    more = [factories.member(organisation) for _ in range(retention.MASS_ERASURE_FLOOR)]
    run(Member.update({Member.joined_at: date(2015, 1, 1)}).where(Member.id.is_in(more)))
    plan = run(retention.plan())
    assert plan["inactive_contacts"]["rows"] == 0
    assert plan["inactive_contacts"]["held_back"] == len(more) + 1
    assert plan["login_months"]["rows"] == 2
    assert plan["login_months"]["member_ids"] == sorted([inactive, active])
    dry = CliRunner().invoke(privacy_cli, ["retention", "--dry-run"])
    assert "inactive_contacts: 0 (after 60 months)" in dry.output
    assert "login_months: 2 (after 24 months)" in dry.output
    assert "11 are due at once, so none would be erased" in dry.output
    done = run(retention.apply())
    assert (done["inactive_contacts"], done["login_months"], done.held_back) == (0, 2, 11)
