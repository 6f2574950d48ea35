"""Holds per row: erasure keeps only the held rows, exactly as they were, says why and until
when, and the worker erases them once the hold has ended."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from decimal import Decimal

import hypothesis.strategies as st
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from kring.choices import Role
from kring.clock import utc_now
from kring.i18n import show_date
from kring.schema import delete_all_rows
from kring.tables import Challenge, Invoice, Member
from kring.validation import FieldError
from privacy.cli import privacy as privacy_cli
from privacy.erasure import erase_member
from privacy.holds import Reason, add_hold, release_expired_holds, today, years_after
from privacy.requests import Kind, RequestChannel, record_request
from privacy.tables import RowHold
from tests import factories
from tests.conftest import run
from tests.privacy.people import full_person, new_person
from tests.privacy.scan import traces_in_tables


def _invoice(member_id: int, issued_on: date, amount: str = "120.50", paid: bool = True) -> int:
    row = Invoice(
        number=f"F-{uuid.uuid4().hex[:12]}",
        member=member_id,
        issued_on=issued_on,
        amount=Decimal(amount),
        paid=paid,
    )
    run(row.save())
    return row.id


def _invoices(member_id: int) -> list[dict]:
    return run(Invoice.select().where(Invoice.member == member_id).order_by(Invoice.id))


def test_erasure_keeps_held_invoices_unchanged_and_says_why_and_until_when():
    person = run(full_person())
    recent = _invoice(person.member_id, today() - timedelta(days=400), "250.00", paid=False)
    old = _invoice(person.member_id, date(2012, 1, 31))
    bystander = run(full_person())
    before = {r["id"]: r for r in _invoices(person.member_id)}
    bystanders = _invoices(bystander.member_id)

    outcome = run(erase_member(person.member_id))

    after = {r["id"]: r for r in _invoices(person.member_id)}
    assert old not in after and recent in after
    assert after[recent] == before[recent]  # number, amount, date, paid: unchanged
    assert set(after) == {h["row"] for h in outcome["held"]}
    until = years_after(before[recent]["issued_on"], 7).isoformat()
    assert {
        "table": "invoice",
        "row": recent,
        "reason": "accounting_record",
        "ground": "GDPR art. 17(3)(b)",
        "until": until,
    } in outcome["held"]
    reasons = {h["reason"]: h["ground"] for h in outcome["held"] if h["row"] == recent}
    assert reasons == {
        "accounting_record": "GDPR art. 17(3)(b)",
        "unpaid_invoice": "GDPR art. 17(3)(e)",
    }
    assert run(traces_in_tables(person.needles)) == {}
    assert _invoices(bystander.member_id) == bystanders
    # A second erasure holds the same rows with the same holds: nothing new.
    holds = run(RowHold.select().order_by(RowHold.id))
    again = run(erase_member(person.member_id))
    assert again["held"] == outcome["held"] and run(RowHold.select().order_by(RowHold.id)) == holds


def test_the_deferred_erasure_runs_when_the_hold_ends_and_only_then():
    person = run(new_person())
    kept = _invoice(person.member_id, today() - timedelta(days=30))
    bystander = run(new_person())
    theirs = _invoice(bystander.member_id, date(2012, 5, 1))  # expired, but never erased
    disputed = Challenge(member=person.member_id, title="Geschil", tags=[], created_at=utc_now())
    run(disputed.save())
    end = today() + timedelta(days=10)
    run(add_hold("challenge", disputed.id, Reason.open_dispute, end, None))
    run(add_hold("invoice", theirs, Reason.open_dispute, end, None))

    outcome = run(erase_member(person.member_id))
    assert {(h["table"], h["reason"], h["until"]) for h in outcome["held"]} >= {
        ("challenge", "open_dispute", end.isoformat())
    }
    assert run(Challenge.exists().where(Challenge.id == disputed.id))

    assert run(release_expired_holds(on=end)) == 0  # a hold is in force on its last day
    assert run(release_expired_holds(on=end + timedelta(days=1))) == 2  # dispute, bystander's
    assert not run(Challenge.exists().where(Challenge.id == disputed.id))
    assert run(Invoice.exists().where(Invoice.id == theirs))  # not deferred: kept
    assert run(Invoice.exists().where(Invoice.id == kept))  # seven years to go

    seven_years = years_after(today() - timedelta(days=30), 7) + timedelta(days=1)
    assert run(release_expired_holds(on=seven_years)) == 1
    assert not run(Invoice.exists().where(Invoice.id == kept))
    assert run(release_expired_holds(on=seven_years)) == 0
    assert run(RowHold.count().where(RowHold.released_at.is_null())) == 0


def test_several_workers_release_each_hold_once():
    person = run(new_person())
    ids = [_invoice(person.member_id, today() - timedelta(days=n)) for n in range(6)]
    run(erase_member(person.member_id))
    assert run(RowHold.count()) == 6
    later = years_after(today(), 7) + timedelta(days=1)

    async def two_workers() -> list[int]:
        return await asyncio.gather(release_expired_holds(on=later), release_expired_holds(later))

    assert sum(run(two_workers())) == 6
    assert run(Invoice.count().where(Invoice.id.is_in(ids))) == 0
    assert run(RowHold.count().where(RowHold.released_at.is_null())) == 0


def test_the_erasure_page_and_api_tell_the_person_what_was_kept(client):
    officer = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)  # erasure needs a second officer's approval
    member_id = factories.member(factories.organisation(), email="bewaard@example.be")
    invoice = _invoice(member_id, today() - timedelta(days=3))
    request_id = run(record_request(Kind.erasure, member_id, RequestChannel.email, None))
    assert factories.log_in(client, officer.email).status_code in (302, 303)
    started = client.post(
        f"/privacy/desk/erasure/{request_id}",
        data={"_csrf_token": factories.csrf_token(client)},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    client.cookies.clear()
    assert factories.log_in(client, second.email).status_code in (302, 303)
    page = client.post(
        f"/privacy/desk/erasure/{request_id}/approve",
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert page.status_code == 200, page.text
    until = years_after(today() - timedelta(days=3), 7)
    assert f"Facturen #{invoice}" in page.text and show_date(until, "nl") in page.text
    until = until.isoformat()
    assert "17(3)(b)" in page.text
    shown = client.get(f"/api/privacy/erasure-requests/{request_id}", headers=officer.headers)
    assert '"held"' in shown.json()["outcome"] and until in shown.json()["outcome"]


def test_bad_holds_are_refused_with_a_message():
    person = run(new_person())
    with pytest.raises(FieldError, match="not a declared table"):
        run(add_hold("nope", 1, Reason.open_dispute, today(), None))
    invoice = _invoice(person.member_id, today())
    with pytest.raises(FieldError, match="only a row that belongs to a member"):
        run(add_hold("member", person.member_id, Reason.open_dispute, today(), None))
    with pytest.raises(FieldError, match="only a row that belongs to a member"):
        run(add_hold("user_session", 1, Reason.open_dispute, today(), None))
    with pytest.raises(FieldError, match="unknown reason"):
        run(add_hold("invoice", invoice, "whim", today(), None))
    with pytest.raises(FieldError, match="today or later"):
        run(add_hold("invoice", invoice, Reason.open_dispute, date(2000, 1, 1), None))
    runner = CliRunner()
    missing = runner.invoke(privacy_cli, ["hold", "invoice", "99999", "open_dispute", "2099-01-01"])
    assert missing.exit_code == 2 and "not found" in missing.output
    arguments = ["hold", "invoice", str(invoice), "open_dispute", "2099-01-01"]
    done = runner.invoke(privacy_cli, arguments)
    assert done.exit_code == 0 and "until 2099-01-01" in done.output
    assert run(RowHold.count().where(RowHold.until == date(2099, 1, 1))) == 1


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    invoices=st.lists(
        st.tuples(st.integers(min_value=0, max_value=12 * 366), st.booleans()), max_size=6
    ),
    years=st.integers(min_value=1, max_value=10),
    later=st.integers(min_value=0, max_value=12 * 366),
)
def test_exactly_the_invoices_in_their_legal_period_are_kept(invoices, years, later, monkeypatch):
    run(delete_all_rows())
    from kring import settings as settings_module

    monkeypatch.setenv("KRING_ACCOUNTING_RETENTION_YEARS", str(years))
    settings_module.get_settings.cache_clear()
    try:
        person = run(new_person())
        made = {
            _invoice(person.member_id, today() - timedelta(days=age), paid=paid): (age, paid)
            for age, paid in invoices
        }
        before = {r["id"]: r for r in _invoices(person.member_id)}
        outcome = run(erase_member(person.member_id))
        kept = {r["id"]: r for r in _invoices(person.member_id)}
        due = {i: years_after(before[i]["issued_on"], years) for i in made}
        assert set(kept) == {i for i in made if due[i] >= today()}
        assert all(kept[i] == before[i] for i in kept)
        assert {(h["row"], h["reason"]) for h in outcome["held"]} == {
            (i, r)
            for i in kept
            for r in ("accounting_record", *(() if made[i][1] else ("unpaid_invoice",)))
        }
        on = today() + timedelta(days=later)
        run(release_expired_holds(on=on))
        left = {r["id"] for r in _invoices(person.member_id)}
        assert left == {i for i in kept if due[i] >= on}
        assert run(Member.count().where(Member.id == person.member_id)) == 1
    finally:
        monkeypatch.delenv("KRING_ACCOUNTING_RETENTION_YEARS")
        settings_module.get_settings.cache_clear()
