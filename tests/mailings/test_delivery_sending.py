"""Sending through a real SMTP server on loopback: each recipient once whatever number of
senders run at the same time, throttled, in their own language, multipart with the one-click
unsubscribe headers, recording links only for who consents; checked again at send time; a
relay that does not answer is retried and then given up."""

from __future__ import annotations

import asyncio
import dataclasses
import email
from email import policy
from typing import Any

from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.settings import get_settings
from kring.tables import Member
from mailings.delivery_tables import MailingRecipient
from mailings.outbox import progress, queue_mailing
from mailings.sending import send_due
from mailings.tables import Mailing
from privacy.consents import Purpose, give_consent
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests.conftest import run
from tests.mailings.delivery_scene import build
from tests.served import free_port

EXTRA = 16


def _settings(port: int) -> Any:
    return dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=port)


def _add_members(count: int) -> list[int]:
    now = utc_now()
    rows = [
        Member(
            first_name="Lid",
            last_name=f"Extra{n}",
            email=f"extra{n}@example.be",
            created_at=now,
        )
        for n in range(count)
    ]
    run(Member.insert(*rows))
    query = Member.select(Member.id).where(Member.last_name.like("Extra%")).order_by(Member.id)
    return [r["id"] for r in run(query)]  # in insertion order: the first is extra0


async def _two_senders(mailing_id: int, settings: Any) -> list[int]:
    rounds = await asyncio.gather(
        send_due(mailing_id, settings=settings), send_due(mailing_id, settings=settings)
    )
    return [r.sent for r in rounds]


def test_each_recipient_gets_one_mail_in_their_language_with_unsubscribe_headers(
    smtp_server, monkeypatch
):
    scene = build()
    p = scene.people
    extra = _add_members(EXTRA)
    late = extra[0]
    run(give_consent(p["control"], Purpose.interest_signals, "web"))
    total = run(queue_mailing(scene.mailing_id))
    assert total == 2 + EXTRA
    run(set_opt_out(late, OptOut.mailings, True, Channel.email, None))  # after queueing
    settings = _settings(smtp_server.port)

    monkeypatch.setenv("KRING_MAILING_PER_MINUTE", "5")
    throttled = [run(send_due(scene.mailing_id, settings=settings)) for _ in range(3)]
    assert sum(r.sent for r in throttled) == 5  # the minute is full: no sixth mail
    assert throttled[-1].throttled and throttled[-1].sent == 0

    monkeypatch.setenv("KRING_MAILING_PER_MINUTE", "1000")
    sent = run(_two_senders(scene.mailing_id, settings))
    assert sum(sent) + 5 == total - 1  # the late opt-out gets nothing
    recipients = [m.rcpt_tos[0] for m in smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == total - 1
    assert "extra0@example.be" not in recipients
    found = run(progress(scene.mailing_id))
    assert (found["state"], found["sent"], found["skipped"], found["waiting"]) == (
        "sent",
        total - 1,
        1,
        0,
    )
    assert found["problems"] == {"opted_out": 1}

    mails = {
        m.rcpt_tos[0]: email.message_from_bytes(m.content, policy=policy.default)
        for m in smtp_server.messages
    }
    # RFC 2369: the header holds <URL> as sent, never RFC 2047 encoded-words (which a folded
    # long link became, and which mail programs do not read there).
    for received in smtp_server.messages:
        raw = received.content.decode("ascii")
        assert "\r\nList-Unsubscribe: <" + get_settings().base_url in raw, raw[:800]
        assert "=?utf-8?" not in raw.split("\r\n\r\n", 1)[0].split("List-Unsubscribe:", 1)[1]
    emails = dict(
        (row["id"], row["email"])
        for row in run(
            Member.select(Member.id, Member.email).where(Member.id.is_in(list(p.values())))
        )
    )
    dutch, english = mails[emails[p["control"]]], mails[emails[p["english"]]]
    assert dutch["Subject"] == "Nieuws van het netwerk"
    assert english["Subject"] == "News from the network"
    for mail in (dutch, english):
        assert mail.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in mail.iter_parts()] == [
            "text/plain",
            "text/html",
        ]
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert mail["List-Unsubscribe"].startswith("<" + get_settings().base_url)
        assert "/mailings/unsubscribe/" in mail["List-Unsubscribe"]
        assert "<img" not in mail.get_body(("html",)).get_content()
    # Recording links only for the member who consents; the other gets the plain links.
    assert "/mailings/r/" in dutch.get_body(("html",)).get_content()
    assert "/mailings/r/" in dutch.get_body(("plain",)).get_content()
    english_html = english.get_body(("html",)).get_content()
    assert "/mailings/r/" not in english_html and "https://example.org/audits" in english_html


def test_a_relay_that_does_not_answer_is_retried_then_given_up(smtp_server):
    scene = build()
    run(queue_mailing(scene.mailing_id))
    down = _settings(free_port())  # nobody listens there
    done = run(send_due(scene.mailing_id, settings=down))
    assert (done.sent, done.retrying) == (0, 2)
    rows = run(MailingRecipient.select())
    assert {(r["state"], r["attempts"], r["problem"]) for r in rows} == {("waiting", 1, "relay")}
    assert all(r["due_at"] > utc_now() for r in rows)  # not before its retry
    assert run(send_due(scene.mailing_id, settings=down)).retrying == 0
    # The last attempt fails too: given up, and the mailing is done.
    run(
        MailingRecipient.update(
            {MailingRecipient.attempts: MAX_ATTEMPTS - 1, MailingRecipient.due_at: utc_now()}
        ).where(MailingRecipient.mailing == scene.mailing_id)
    )
    run(send_due(scene.mailing_id, settings=down))
    found = run(progress(scene.mailing_id))
    assert (found["failed"], found["waiting"], found["state"]) == (2, 0, "sent")
    assert run(Mailing.select(Mailing.sent_at).first())["sent_at"] is not None
    assert smtp_server.messages == []
