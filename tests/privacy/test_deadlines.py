"""Deadlines of privacy requests: one calendar month, extensions, overdue (GDPR art. 12(3))."""

import calendar
from dataclasses import replace
from datetime import date, timedelta
from email import message_from_bytes

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.choices import Role
from kring.clock import today, utc_now
from kring.errors import Conflict
from kring.settings import get_settings
from kring.validation import FieldError
from privacy import mails
from privacy.deadlines import add_months, due_date, extension, is_overdue
from privacy.requests import request_notices_job
from privacy.tables import AccessRequest, ErasureRequest
from tests import factories
from tests.conftest import run
from tests.privacy.requests_apart import recorded_earlier

AFTER_THE_FIRST_WAIT = timedelta(minutes=2)

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))


@given(days)
def test_due_is_the_same_day_next_month_or_that_months_last_day(received):
    due = due_date(received)
    months = (due.year - received.year) * 12 + due.month - received.month
    assert months == 1
    last = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(received.day, last)
    assert due > received
    assert (due - received).days <= 31


@given(days, st.integers(min_value=0, max_value=36))
def test_add_months_clamps_to_the_month_end_and_never_overshoots(start, months):
    later = add_months(start, months)
    assert (later.year * 12 + later.month) - (start.year * 12 + start.month) == months
    assert later.day <= start.day or start.day > calendar.monthrange(later.year, later.month)[1]
    if later.day < start.day:
        assert later.day == calendar.monthrange(later.year, later.month)[1]


@given(st.integers(min_value=1901, max_value=2999))
def test_31_january_is_due_at_the_end_of_february_in_every_year(year):
    expected = 29 if calendar.isleap(year) else 28
    assert due_date(date(year, 1, 31)) == date(year, 2, expected)


def test_known_dates():
    assert due_date(date(2025, 1, 31)) == date(2025, 2, 28)
    assert due_date(date(2024, 1, 31)) == date(2024, 2, 29)
    assert due_date(date(2024, 2, 29)) == date(2024, 3, 29)
    assert due_date(date(2025, 12, 31)) == date(2026, 1, 31)
    # An extension counts from receipt: 31 January + 1 + 2 months is 30 April, not 28 April.
    assert add_months(date(2025, 1, 31), 3) == date(2025, 4, 30)


def _extension(**changes):
    arguments = {
        "received": date(2025, 1, 31),
        "due_on": date(2025, 2, 28),
        "status": "open",
        "already_extended": False,
        "months": 2,
        "reason": "many records in the archive",
        "today": date(2025, 2, 10),
    }
    return extension(**(arguments | changes))


def test_extension_rules():
    assert _extension().until == date(2025, 4, 30)
    assert _extension(months=1).until == date(2025, 3, 31)
    assert _extension(today=date(2025, 2, 28)).until == date(2025, 4, 30)
    for changes, error, field in [
        ({"months": 3}, FieldError, "months"),
        ({"months": 0}, FieldError, "months"),
        ({"reason": "  "}, FieldError, "reason"),
        ({"today": date(2025, 3, 1)}, Conflict, "months"),
        ({"already_extended": True}, Conflict, "months"),
        ({"status": "fulfilled"}, Conflict, "status"),
    ]:
        with pytest.raises(error) as raised:
            _extension(**changes)
        assert raised.value.field == field


@given(days, st.sampled_from(["open", "unverified", "approval", "fulfilled", "done"]))
def test_overdue_only_while_open_and_after_the_effective_deadline(day, status):
    due = due_date(day)
    waiting = status in ("open", "unverified", "approval")
    assert is_overdue(status, due, None, due + timedelta(days=1)) is waiting
    assert not is_overdue(status, due, None, due)
    extended = add_months(day, 3)
    assert not is_overdue(status, due, extended, due + timedelta(days=1))
    assert is_overdue(status, due, extended, extended + timedelta(days=1)) is waiting


def test_officer_extends_once_with_a_reason_and_the_person_is_mailed(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/access-requests", json=body, headers=officer.headers).json()
    path = f"/api/privacy/access-requests/{made['id']}/extension"
    no_reason = client.post(path, json={"months": 2, "reason": ""}, headers=officer.headers)
    assert no_reason.status_code == 400 and "reason" in no_reason.text
    too_long = client.post(path, json={"months": 3, "reason": "x"}, headers=officer.headers)
    assert too_long.status_code == 400 and "months" in too_long.text
    by_member = client.post(path, json={"months": 1, "reason": "x"}, headers=member.headers)
    assert by_member.status_code == 403
    assert mailbox.messages == []
    answer = client.post(
        path, json={"months": 2, "reason": "Uw dossier zit in het archief"}, headers=officer.headers
    )
    assert answer.status_code == 200, answer.text
    extended = answer.json()
    assert extended["extended_until"] == add_months(today(), 3).isoformat()
    assert extended["due"] == extended["extended_until"]
    assert extended["extension_reason"] == "Uw dossier zit in het archief"
    assert extended["extension_notified_at"] is not None
    assert len(mailbox.messages) == 1
    envelope = mailbox.messages[0]
    assert envelope.rcpt_tos == [factories_email(member)]
    text = message_from_bytes(envelope.content).get_payload(decode=True).decode()
    assert "Uw dossier zit in het archief" in text
    assert "Gegevensbeschermingsautoriteit" in text
    again = client.post(path, json={"months": 1, "reason": "nog"}, headers=officer.headers)
    assert again.status_code == 409 and "once" in again.json()["detail"]
    assert len(mailbox.messages) == 1


def factories_email(login):
    from kring.tables import Member

    return run(Member.select(Member.email).where(Member.id == login.member_id).first())["email"]


def test_no_extension_after_the_first_month_and_a_notice_is_retried_by_the_worker(
    client, smtp_server
):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    late = client.post("/api/privacy/erasure-requests", json=body, headers=officer.headers).json()
    run(
        ErasureRequest.update({ErasureRequest.due_on: today() - timedelta(days=1)}).where(
            ErasureRequest.id == late["id"]
        )
    )
    answer = client.post(
        f"/api/privacy/erasure-requests/{late['id']}/extension",
        json={"months": 1, "reason": "te laat"},
        headers=officer.headers,
    )
    assert answer.status_code == 409 and "first month" in answer.json()["detail"]
    # The SMTP server is down: the extension stands, and the worker job delivers the notice.
    made = client.post("/api/privacy/access-requests", json=body, headers=officer.headers).json()
    mails.settings_override = replace(get_settings(), smtp_port=1)
    try:
        extended = client.post(
            f"/api/privacy/access-requests/{made['id']}/extension",
            json={"months": 1, "reason": "drukte in de zomer"},
            headers=officer.headers,
        )
        assert extended.status_code == 200, extended.text
        assert extended.json()["extension_notified_at"] is None
        assert run(request_notices_job()) == 0  # still down: nothing sent, nothing lost
    finally:
        mails.settings_override = None
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:  # its next try is after a wait (tests/privacy/test_notices_back_off.py)
        assert run(request_notices_job(utc_now() + AFTER_THE_FIRST_WAIT)) == 1
        assert run(request_notices_job(utc_now() + AFTER_THE_FIRST_WAIT)) == 0
    finally:
        mails.settings_override = None
    assert len(smtp_server.messages) == 1
    text = message_from_bytes(smtp_server.messages[0].content).get_payload(decode=True).decode()
    assert "drukte in de zomer" in text
    stored = run(AccessRequest.select().where(AccessRequest.id == made["id"]).first())
    assert stored["extension_notified_at"] is not None


def test_overdue_requests_are_flagged_in_the_api_and_on_the_desk(client):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    ids = []
    for _ in range(3):
        recorded_earlier(AccessRequest)  # three requests, not one recorded three times
        answer = client.post("/api/privacy/access-requests", json=body, headers=officer.headers)
        ids.append(answer.json()["id"])
    yesterday = today() - timedelta(days=1)
    late, extended, fine = ids
    run(AccessRequest.update({AccessRequest.due_on: yesterday}).where(AccessRequest.id == late))
    run(
        AccessRequest.update(
            {AccessRequest.due_on: yesterday, AccessRequest.extended_until: today()}
        ).where(AccessRequest.id == extended)
    )
    listed = client.get("/api/privacy/access-requests", headers=officer.headers).json()
    assert {r["id"]: r["overdue"] for r in listed} == {late: True, extended: False, fine: False}
    only = client.get("/api/privacy/access-requests?overdue=true", headers=officer.headers).json()
    assert [r["id"] for r in only] == [late]
    assert client.get(f"/api/privacy/access-requests/{late}", headers=officer.headers).json()[
        "overdue"
    ]
    factories.log_in(client, officer.email)
    desk = client.get("/privacy/desk")
    assert desk.status_code == 200
    assert desk.text.count("overdue-flag") == 1
    assert f'id="access-{late}"' in desk.text
