"""Retention removes what is past its period, as the declarations say; the CLI drives it all."""

import json
from datetime import UTC, date, datetime, timedelta

from click.testing import CliRunner

from awards.tables import Candidacy, Edition
from kring.choices import MemberStatus
from kring.tables import Member
from privacy import retention
from privacy.cli import privacy as privacy_cli
from privacy.jobs import JOBS
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run


def _old_data() -> tuple[int, int]:
    active = factories.member(factories.organisation())
    inactive = factories.member(factories.organisation(), joined_at=date(2015, 1, 1))
    run(
        Member.update({Member.joined_at: date(2015, 1, 1)}).where(
            Member.id.is_in([active, inactive])
        )
    )
    run(
        LoginMonth.insert(
            LoginMonth(member=active, month=datetime.now(UTC).strftime("%Y-%m")),
            LoginMonth(member=active, month="2019-01"),
        )
    )
    old = datetime.now(UTC) - timedelta(days=6 * 366)
    recent = datetime.now(UTC) - timedelta(days=4 * 366)
    # (name, decided, jury deadline): an edition never decided counts from its jury deadline.
    for name, decided, deadline in (
        ("K2 oud", old, old),
        ("K2 recent", recent, old),
        ("K2 lopend", None, recent),
        ("K2 verlaten", None, old),
    ):
        edition = Edition(
            name=name,
            year=old.year,
            submission_deadline=deadline,
            jury_deadline=deadline,
            decided_at=decided,
        )
        run(edition.save())
        run(Candidacy.insert(Candidacy(edition=edition.id, member=active, title=name)))
    return active, inactive


def test_dry_run_reports_and_the_job_removes_once():
    active, inactive = _old_data()
    plan = run(retention.plan())
    assert plan["award_dossiers"]["rows"] == 2 and plan["login_months"]["rows"] == 1
    listed = plan["award_dossiers"]["items"]  # the dry run names what would go
    named = {line.split(", ")[0].split(" ", 2)[2].rsplit(" ", 1)[0]: line for line in listed}
    assert sorted(named) == ["K2 oud", "K2 verlaten"]
    assert all(line.endswith("candidacies 1") for line in listed)
    assert "never decided, jury deadline" in named["K2 verlaten"]
    assert plan["inactive_contacts"]["member_ids"] == [inactive]
    assert run(JOBS["privacy retention"]()) == 4
    assert run(JOBS["privacy retention"]()) == 0
    status = run(Member.select(Member.id, Member.status).where(Member.id.is_in([active, inactive])))
    assert {r["id"]: r["status"] for r in status} == {
        active: "active",
        inactive: MemberStatus.erased,
    }
    assert run(LoginMonth.count()) == 1
    assert sorted(r["name"] for r in run(Edition.select(Edition.name))) == [
        "K2 lopend",
        "K2 recent",
    ]
    assert run(Candidacy.count()) == 2


def test_cli_access_erase_retention_register_and_suppression():
    member_id = factories.member(factories.organisation(), email="cli-persoon@example.be")
    runner = CliRunner()
    export = runner.invoke(privacy_cli, ["access", str(member_id)])
    assert export.exit_code == 0 and json.loads(export.output)["schema"] == "kring-access/1"
    dry = runner.invoke(privacy_cli, ["retention", "--dry-run"])
    assert "login_months: 0" in dry.output
    erased = runner.invoke(privacy_cli, ["erase", str(member_id), "--yes"])
    assert erased.exit_code == 0 and json.loads(erased.output)["member_id"] == member_id
    assert runner.invoke(privacy_cli, ["suppressed", "CLI-persoon@example.be"]).exit_code == 1
    assert runner.invoke(privacy_cli, ["erase", "999999", "--yes"]).exit_code == 2
    assert "activities" in runner.invoke(privacy_cli, ["register"]).output
    assert runner.invoke(privacy_cli, ["requests"]).exit_code == 0


def test_a_members_latest_login_month_outlives_the_login_retention():
    """Inactivity is counted from the last sign-in: a member who last signed in 30 months ago
    keeps that month (older ones go after 24 months) and is no inactive contact (60 months);
    with only the old month gone too, they were erased at 24 months instead of 60."""
    member = factories.member(factories.organisation(), joined_at=date(2015, 1, 1))
    run(Member.update({Member.joined_at: date(2015, 1, 1)}).where(Member.id == member))
    now = datetime.now(UTC)
    last = (now - timedelta(days=30 * 31)).strftime("%Y-%m")
    earlier = (now - timedelta(days=40 * 31)).strftime("%Y-%m")
    run(
        LoginMonth.insert(
            LoginMonth(member=member, month=last), LoginMonth(member=member, month=earlier)
        )
    )
    plan = run(retention.plan())
    assert plan["login_months"]["rows"] == 1  # the earlier month only
    assert member not in plan["inactive_contacts"]["member_ids"]
    run(JOBS["privacy retention"]())
    months = run(LoginMonth.select(LoginMonth.month).where(LoginMonth.member == member))
    assert [r["month"] for r in months] == [last]
    assert run(Member.select(Member.status).where(Member.id == member).first())["status"] != (
        MemberStatus.erased
    )
