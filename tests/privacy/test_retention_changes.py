"""A retention period is changed under guard: a floor, an audit entry, a second officer for a
shortening, and no mass erasure by the worker (found from outside: one officer set inactive
contacts to 1 month and the next `kring worker --once` erased 101 members, unaudited)."""

from datetime import date

from click.testing import CliRunner

from kring.choices import MemberStatus, Role
from kring.tables import Member
from privacy import retention
from privacy.cli import privacy as privacy_cli
from privacy.jobs import JOBS
from privacy.tables import AuditEntry, RetentionChange
from tests import factories
from tests.conftest import run

PATH = "/api/privacy/retention/inactive_contacts"


def test_a_period_below_its_floor_is_refused(client):
    officer = factories.account(Role.privacy_officer)
    for category in ("inactive_contacts", "login_months"):
        answer = client.put(
            f"/api/privacy/retention/{category}", json={"months": 1}, headers=officer.headers
        )
        assert answer.status_code == 400 and "at least 12" in answer.text, answer.text
    assert run(retention.rules())["inactive_contacts"] == 60
    assert run(RetentionChange.count()) == 0


def test_a_shortening_waits_for_a_second_officer_and_every_step_is_audited(client):
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    asked = client.put(PATH, json={"months": 24}, headers=first.headers)
    assert asked.status_code == 200, asked.text
    change = asked.json()["change"]
    assert (change["status"], change["old_months"], change["new_months"]) == ("pending", 60, 24)
    assert change["requested_by"] == first.account_id
    assert asked.json()["retention"]["inactive_contacts"]["months"] == 60
    approve = f"/api/privacy/retention/changes/{change['id']}/approve"
    own = client.post(approve, headers=first.headers)
    assert own.status_code == 403 and "another privacy officer" in own.json()["detail"]
    assert run(retention.rules())["inactive_contacts"] == 60
    done = client.post(approve, headers=second.headers)
    assert done.status_code == 200, done.text
    assert done.json()["change"]["approved_by"] == second.account_id
    assert done.json()["retention"]["inactive_contacts"]["months"] == 24
    assert client.post(approve, headers=second.headers).status_code == 409
    audit = run(AuditEntry.select().where(AuditEntry.table_name == "retention_change"))
    assert [a["actor"] for a in audit] == [first.account_id, second.account_id]
    listed = client.get("/api/privacy/retention/changes", headers=first.headers).json()
    assert [(c["old_months"], c["new_months"], c["status"]) for c in listed] == [
        (60, 24, "applied")
    ]


def test_a_lengthening_applies_at_once_and_is_audited(client):
    officer = factories.account(Role.privacy_officer)
    answer = client.put(PATH, json={"months": 84}, headers=officer.headers).json()
    assert answer["change"]["status"] == "applied"
    assert answer["retention"]["inactive_contacts"]["months"] == 84
    assert run(AuditEntry.count().where(AuditEntry.actor == officer.account_id)) == 1


def test_one_officer_mode_shortens_at_once(client, monkeypatch):
    monkeypatch.setenv("KRING_ERASURE_APPROVAL", "one-officer")
    officer = factories.account(Role.privacy_officer)
    answer = client.put(PATH, json={"months": 12}, headers=officer.headers).json()
    assert answer["change"]["status"] == "applied"
    assert run(retention.rules())["inactive_contacts"] == 12


def _inactive_members(count: int) -> list[int]:
    organisation = factories.organisation()
    ids = [factories.member(organisation) for _ in range(count)]
    run(Member.update({Member.joined_at: date(2015, 1, 1)}).where(Member.id.is_in(ids)))
    return ids


def test_the_worker_erases_nobody_when_too_many_fall_due_at_once():
    due = _inactive_members(retention.MASS_ERASURE_FLOOR + 1)
    assert run(JOBS["privacy retention"]()) == 0
    statuses = run(Member.select(Member.status).where(Member.id.is_in(due)))
    assert {r["status"] for r in statuses} == {"active"}
    refused = CliRunner().invoke(privacy_cli, ["retention"])
    assert "inactive_contacts: 0 removed" in refused.output
    assert "--allow-mass-erasure" in refused.output
    done = CliRunner().invoke(privacy_cli, ["retention", "--allow-mass-erasure"])
    assert done.exit_code == 0 and f"inactive_contacts: {len(due)} removed" in done.output
    statuses = run(Member.select(Member.status).where(Member.id.is_in(due)))
    assert {r["status"] for r in statuses} == {MemberStatus.erased}


HTML = {"accept": "text/html"}


def _post(client, path: str, **data: str):
    return client.post(
        path,
        data={**data, "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )


def test_the_desk_changes_a_period_and_a_second_officer_approves_it_there(client):
    """Found from outside: retention periods could be changed and approved only through the API;
    a mass run held back was only a line in the worker's log."""
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    factories.log_in(client, first.email)
    page = client.get("/privacy/desk/processors", headers=HTML)
    assert 'action="/privacy/desk/retention/inactive_contacts"' in page.text
    assert 'min="12"' in page.text and 'id="no-pending-retention"' in page.text
    assert 'id="mass-erasure-held"' not in page.text
    for months, said in (("6", "minstens 12"), ("601", "600"), ("vijf", "vijf")):
        refused = _post(client, "/privacy/desk/retention/inactive_contacts", months=months)
        assert refused.status_code == 400 and said in refused.text, months
    unknown = _post(client, "/privacy/desk/retention/nonsense", months="24")
    assert unknown.status_code == 404
    asked = _post(client, "/privacy/desk/retention/inactive_contacts", months="24")
    assert asked.status_code == 303
    page = client.get(asked.headers["location"], headers=HTML)
    assert "wacht op de goedkeuring" in page.text
    change_id = run(RetentionChange.select(RetentionChange.id).first())["id"]
    assert f'id="retention-change-{change_id}"' in page.text
    assert f"/retention/changes/{change_id}/approve" not in page.text  # not by the one who asked
    assert run(retention.rules())["inactive_contacts"] == 60
    factories.log_in(client, second.email)
    page = client.get("/privacy/desk/processors", headers=HTML)
    assert f'action="/privacy/desk/retention/changes/{change_id}/approve"' in page.text
    done = _post(client, f"/privacy/desk/retention/changes/{change_id}/approve")
    assert done.status_code == 303
    assert run(retention.rules())["inactive_contacts"] == 24
    assert _post(client, f"/privacy/desk/retention/changes/{change_id}/approve").status_code == 409
    _inactive_members(retention.MASS_ERASURE_FLOOR + 1)
    page = client.get("/privacy/desk/processors", headers=HTML)
    assert 'id="mass-erasure-held"' in page.text and "--allow-mass-erasure" in page.text
