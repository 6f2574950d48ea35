"""A privacy notice (a refusal's or an extension's reason) the mail relay does not take (a 451,
'try again later') was offered to the relay again at every round of the worker, each minute,
for as long as the relay was down. It is now tried after growing waits (1 minute, 5, 30, 2
hours… up to a day, and a day after that: a notice is owed, never given up), the log says
when the next try is, and once the relay takes it the notice goes, once. A real SMTP server on
loopback answers the relay's part."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from html import unescape

from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import RETRY_AFTER
from kring.settings import get_settings
from kring.tables import Member
from privacy import mails
from privacy.requests import request_notices_job
from privacy.tables import ErasureRequest
from tests import factories
from tests.conftest import run
from tests.refusing_relay import refusing_relay

SECOND = timedelta(seconds=1)
DUTCH = {"accept": "text/html", "accept-language": "nl"}


def test_a_notice_the_relay_does_not_take_is_tried_after_growing_waits(client, smtp_server, caplog):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    address = run(Member.select(Member.email).where(Member.id == member.member_id).first())
    address = address["email"]
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/erasure-requests", json=body, headers=officer.headers)
    request_id = made.json()["id"]
    with refusing_relay() as relay:
        relay.for_now.add(address)
        mails.settings_override = replace(get_settings(), smtp_port=relay.port)
        try:
            with caplog.at_level(logging.WARNING, logger="kring.privacy.requests"):
                refused = client.post(
                    f"/api/privacy/erasure-requests/{request_id}/refusal",
                    json={"reason": "identiteit niet vastgesteld"},
                    headers=officer.headers,
                )
            assert refused.status_code == 200, refused.text
            assert relay.asked == [address]
            assert "next try at" in caplog.text

            start = utc_now()
            for _ in range(5):  # the worker's rounds within the first wait: not offered
                assert run(request_notices_job(start + 30 * SECOND)) == 0
            assert relay.asked == [address]

            moment = start
            for attempt, wait in enumerate(RETRY_AFTER[:4], start=2):
                moment += wait + SECOND
                assert run(request_notices_job(moment)) == 0
                assert run(request_notices_job(moment + 30 * SECOND)) == 0  # the next round
                assert len(relay.asked) == attempt, (attempt, relay.asked)

            row = run(ErasureRequest.select().where(ErasureRequest.id == request_id).first())
            assert row["notice_attempts"] == 5
            assert row["notice_due_at"] > moment + RETRY_AFTER[3]
            factories.log_in(client, officer.email)  # the desk says when the next try is
            desk = unescape(client.get("/privacy/desk", headers=DUTCH).text)
            listed = desk[desk.index(f'id="notice-erasure-{request_id}"') :]
            assert "de volgende poging is op" in listed[: listed.index("</tr>")]

            relay.for_now.clear()  # the relay takes mail again
            assert run(request_notices_job(moment + RETRY_AFTER[4] + SECOND)) == 1
            assert run(request_notices_job(moment + timedelta(days=3))) == 0
        finally:
            mails.settings_override = None
    assert len(relay.messages) == 1
    row = run(ErasureRequest.select().where(ErasureRequest.id == request_id).first())
    assert row["close_notified_at"] is not None and row["notice_attempts"] == 0


def test_a_notice_is_never_given_up_while_the_relay_is_down(client, smtp_server):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    address = run(Member.select(Member.email).where(Member.id == member.member_id).first())
    body = {"member_id": member.member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/erasure-requests", json=body, headers=officer.headers)
    request_id = made.json()["id"]
    with refusing_relay() as relay:
        relay.for_now.add(address["email"])
        mails.settings_override = replace(get_settings(), smtp_port=relay.port)
        try:
            client.post(
                f"/api/privacy/erasure-requests/{request_id}/refusal",
                json={"reason": "identiteit niet vastgesteld"},
                headers=officer.headers,
            )
            moment = utc_now()
            for _ in range(len(RETRY_AFTER) + 3):  # past the last wait, a day at a time
                moment += timedelta(days=1, seconds=1)
                run(request_notices_job(moment))
            assert len(relay.asked) == len(RETRY_AFTER) + 4
        finally:
            mails.settings_override = None
