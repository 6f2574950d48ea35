"""A login leaves nothing finer than the month (the session aside, gone at logout or expiry);
failed logins are kept apart, keyed and briefly; and the logs of a whole access, consent and
erasure cycle name no one."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import timedelta
from typing import Any

from piccolo.columns import Date, Timestamp, Timestamptz

from assembly.worker import JOBS
from kring import logs
from kring.choices import Role
from kring.clock import utc_now
from kring.schema import all_tables
from kring.tables import LoginThrottle, Member, UserSession
from kring.throttle import purge_expired
from privacy.register import processing_register
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run

SESSION_TABLES = {"user_session"}  # a page session: ended at logout, purged at expiry
FINER_THAN_MONTH = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}")


async def _everything() -> dict[str, dict[Any, dict[str, Any]]]:
    found = {}
    for table in all_tables():
        key = table._meta.primary_key._meta.name
        found[table._meta.tablename] = {r[key]: r for r in await table.select()}
    return found


def _written(before: dict, after: dict) -> list[tuple[str, str, Any]]:
    """(table, column, value) of every value that is new or changed."""
    out = []
    for name, rows in after.items():
        for key, row in rows.items():
            old = before[name].get(key, {})
            out += [(name, c, v) for c, v in row.items() if c not in old or old[c] != v]
    return out


def _temporal(name: str) -> set[str]:
    table = next(t for t in all_tables() if t._meta.tablename == name)
    return {
        c._meta.name for c in table._meta.columns if isinstance(c, Date | Timestamp | Timestamptz)
    }


def test_a_login_writes_nothing_finer_than_the_month(client):
    login = factories.account(Role.member)
    factories.csrf_token(client)
    before = run(_everything())
    assert factories.log_in(client, login.email).status_code in (302, 303)
    after = run(_everything())

    written = _written(before, after)
    assert ("login_month", "month", utc_now().strftime("%Y-%m")) in written
    finer = [
        (table, column, value)
        for table, column, value in written
        if table not in SESSION_TABLES
        and (
            (column in _temporal(table) and value is not None)
            or (isinstance(value, str) and FINER_THAN_MONTH.search(value))
        )
    ]
    assert finer == []
    months = run(LoginMonth.select(LoginMonth.month).where(LoginMonth.member == login.member_id))
    assert months == [{"month": utc_now().strftime("%Y-%m")}]

    sessions = UserSession.account == login.account_id
    assert run(UserSession.count().where(sessions)) == 1
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    assert run(UserSession.count().where(sessions)) == 0


def test_a_token_login_keeps_its_month_and_a_day_for_its_expiry(client):
    """Found from outside: `POST /api/tokens` wrote the token's `created_at` to the microsecond
    (kept up to ten years, shown in the access export) and an expiry that gave it away."""
    login = factories.account(Role.member)
    before = run(_everything())
    body = {"email": login.email, "password": factories.PASSWORD, "days": 3}
    answer = client.post("/api/tokens", json=body)
    assert answer.status_code == 201, answer.text
    written = _written(before, run(_everything()))
    today = utc_now().replace(hour=0, minute=0, second=0, microsecond=0)
    token = {column: value for table, column, value in written if table == "api_token"}
    assert token["created_at"] == today.replace(day=1)
    assert token["expires_at"] == today + timedelta(days=4)
    finer = [
        (table, column, value)
        for table, column, value in written
        if (table, column) != ("api_token", "expires_at")
        and (
            (column in _temporal(table) and value is not None and value != today.replace(day=1))
            or (isinstance(value, str) and FINER_THAN_MONTH.search(value))
        )
    ]
    assert finer == []
    bearer = {"Authorization": f"Bearer {answer.json()['token']}"}
    assert client.get("/api/me", headers=bearer).status_code == 200


def test_failed_logins_are_kept_apart_keyed_and_briefly(client):
    login = factories.account(Role.member)
    answer = client.post(
        "/login",
        data={
            "email": login.email,
            "password": "wrong password",
            "_csrf_token": factories.csrf_token(client),
        },
    )
    assert answer.status_code == 401
    rows = run(LoginThrottle.select())
    # One per e-mail, one per client address, one per pair: keyed hashes only.
    assert len(rows) == 3
    assert login.email not in str(rows) and "testclient" not in str(rows)
    assert all(len(r["key_hash"]) == 64 for r in rows)

    assert run(purge_expired()) == 0  # still within the 15-minute window
    old = utc_now() - timedelta(minutes=16)
    run(LoginThrottle.update({LoginThrottle.window_start: old}, force=True))
    assert run(purge_expired()) == 3 and run(LoginThrottle.count()) == 0
    assert JOBS["expired login throttles"] is purge_expired
    reasons = {r["table"]: r["reason"] for r in processing_register()["not_personal"]}
    assert "15 minutes" in reasons["login_throttle"]


def test_masking_hides_e_mails_and_phone_numbers_but_not_ids_and_dates():
    assert logs.mask("mail to Jan.Peeters+x@werk.example.be failed") == "mail to [e-mail] failed"
    for phone in ("+32 470 12 34 56", "0470/12.34.56", "+3247123456", "(09) 123 45 67"):
        assert logs.mask(f"call {phone} now") == "call [phone] now", phone
    kept = "member 1234 on 2024-05-01 at 10:30, request #99, HTTP 404, 12.5 ms"
    assert logs.mask(kept) == kept


def test_the_access_log_keeps_no_client_address_or_query(caplog):
    logs.install()
    caplog.set_level(logging.INFO)
    access = logging.getLogger("uvicorn.access")
    access.info('%s - "%s %s HTTP/%s" %d', "10.1.2.3:5555", "GET", "/leden?q=Peeters", "1.1", 200)
    line = caplog.records[-1].getMessage()
    assert line == '- - "GET /leden?… HTTP/1.1" 200'


def test_a_full_access_consent_and_erasure_cycle_logs_no_canary(client, caplog):
    logs.install()
    caplog.set_level(logging.DEBUG)
    canary = "kanarie" + uuid.uuid4().hex[:10]
    email = f"{canary}@werk.example.be"
    phone = "+32 470 98 76 54"
    first, last = "Kanaria" + canary[-4:], "Vogel" + canary[-6:]
    member_id = factories.member(
        factories.organisation(), email=email, first_name=first, last_name=last
    )
    run(Member.update({Member.phone: phone}).where(Member.id == member_id))
    login = factories.account(Role.member, member_id=member_id)
    officer = factories.account(Role.privacy_officer)

    assert factories.log_in(client, login.email).status_code in (302, 303)
    bad = client.post(
        "/login",
        data={"email": email, "password": "nope", "_csrf_token": factories.csrf_token(client)},
    )
    assert bad.status_code == 401
    h = login.headers
    assert client.put(
        "/api/privacy/me/consents", json={"purpose": "private_contact", "given": True}, headers=h
    ).is_success
    again = {"password": factories.PASSWORD}  # export and erasure ask for the password again
    mine = client.post("/api/privacy/me/export", json=again, headers=h)
    assert mine.json()["subject"]["first_name"] == first
    assert client.put(
        "/api/privacy/me/consents", json={"purpose": "private_contact", "given": False}, headers=h
    ).is_success
    erasure = client.post("/api/privacy/erasure-requests", json=again, headers=h).json()
    path = f"/api/privacy/erasure-requests/{erasure['id']}"
    assert client.post(f"{path}/run", headers=officer.headers).status_code == 200
    second = factories.account(Role.privacy_officer)  # four eyes: another officer approves
    assert client.post(f"{path}/approve", headers=second.headers).status_code == 200
    assert client.post("/api/privacy/me/export", json=again, headers=h).status_code == 401
    # A library or our own code that does pass an identity to a logger is masked too.
    logging.getLogger("kring.test").warning("mail to %s (%s) bounced", email, phone)
    try:
        raise ValueError(f"duplicate key (email)=({email})")
    except ValueError:
        logging.getLogger("kring.test").exception("import failed")

    text = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert len(caplog.records) >= 3
    assert "[e-mail]" in text and "[phone]" in text
    leaked = [n for n in (canary, email, phone, phone.replace(" ", ""), first, last) if n in text]
    assert leaked == []


def test_a_logged_exception_keeps_its_types_and_place_but_not_its_messages(caplog):
    """openpyxl's refusal quoted the job title it refused; a message can hold any data."""
    logs.install()
    caplog.set_level(logging.INFO)
    canary = "Kanarie" + uuid.uuid4().hex[:8]
    try:
        try:
            raise KeyError(canary)
        except KeyError as error:
            raise ValueError(f"cannot write {canary!r} to the sheet") from error
    except ValueError:
        logging.getLogger("kring.test").exception("export failed")
    text = caplog.text
    assert canary not in text
    assert "builtins.ValueError (message withheld)" in text
    assert "builtins.KeyError (message withheld)" in text
    assert "test_logins_and_logs.py" in text  # where it happened is kept


def test_missing_glyph_warnings_that_quote_names_are_held_back(caplog):
    from events.exports import to_pdf
    from events.participants import Participant

    logs.install()
    caplog.set_level(logging.DEBUG)
    to_pdf([Participant("\U0001d4d0\U0001d4f7", "Marker", "", "")], "Lijst")
    assert "\U0001d4d0" not in caplog.text
