"""Introduction mails are owed in the state change's transaction; what the relay did not take
is retried by the worker, once per mail, and never about someone erased meanwhile."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from datetime import timedelta
from typing import Any

from introductions import mails, workflow
from introductions.mail_outbox import deliver_due, forget_settled
from introductions.tables import IntroductionMail, IntroductionState
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.settings import get_settings
from kring.tables import Member
from privacy.erasure import erase_member
from tests.conftest import run
from tests.introductions.helpers import received, scene, state_of
from tests.matching_db.network import principal

PAST_EVERY_WAIT = timedelta(days=3)


def _relay_down() -> None:
    """Nothing listens on the port: every send fails with a refused connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mails.settings_override = replace(get_settings(), smtp_port=port)


def _relay_up(mailbox: Any) -> None:
    mails.settings_override = replace(get_settings(), smtp_port=mailbox.port)


def _owed(introduction_id: int) -> list[tuple[str, int, bool]]:
    rows = run(
        IntroductionMail.select(
            IntroductionMail.kind, IntroductionMail.attempts, IntroductionMail.done_at
        )
        .where(IntroductionMail.introduction == introduction_id)
        .order_by(IntroductionMail.kind)
    )
    return [(row["kind"], row["attempts"], row["done_at"] is not None) for row in rows]


def _email(member_id: int) -> str:
    return run(Member.select(Member.email).where(Member.id == member_id).first())["email"]


def _ask(s, index: int = 0) -> int:
    proposal = s.proposals()[index]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal))
    return proposal


def test_a_mail_the_relay_did_not_take_is_sent_by_the_worker_once(mailbox):
    s = scene()
    _relay_down()
    intro = _ask(s)
    assert state_of(intro) == IntroductionState.requested  # the change stands
    assert received(mailbox) == []
    assert _owed(intro) == [("request", 1, False)]

    _relay_up(mailbox)
    assert run(deliver_due()) == 0  # its retry is not due yet
    assert run(deliver_due(utc_now() + timedelta(minutes=2))) == 1
    assert [mail["to"] for mail in received(mailbox)] == [_email(s.expert_of(intro))]
    assert run(deliver_due(utc_now() + PAST_EVERY_WAIT)) == 0
    assert len(received(mailbox)) == 1
    assert _owed(intro) == [("request", 2, True)]


def test_a_mail_the_relay_took_at_once_is_not_sent_again(mailbox):
    s = scene()
    intro = _ask(s)
    assert len(received(mailbox)) == 1
    assert run(deliver_due(utc_now() + PAST_EVERY_WAIT)) == 0
    assert len(received(mailbox)) == 1 and _owed(intro) == [("request", 1, True)]


def test_acceptance_owes_a_mail_to_each_side_and_two_workers_send_each_once(mailbox):
    s = scene()
    intro = _ask(s)
    _relay_down()
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    assert _owed(intro) == [
        ("accepted_expert", 1, False),
        ("accepted_requester", 1, False),
        ("request", 1, True),
    ]
    _relay_up(mailbox)

    async def two_workers() -> list[int]:
        later = utc_now() + PAST_EVERY_WAIT
        return await asyncio.gather(deliver_due(later), deliver_due(later))

    assert sum(run(two_workers())) == 2
    recipients = sorted(mail["to"] for mail in received(mailbox)[1:])
    assert recipients == sorted([_email(s.owner.member_id), _email(s.expert_of(intro))])
    assert all(done for _, _, done in _owed(intro))


def test_an_owed_mail_about_a_member_erased_meanwhile_is_never_sent(mailbox):
    s = scene()
    intro = _ask(s)
    _relay_down()
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    expert_email = _email(s.expert_of(intro))
    run(erase_member(s.owner.member_id))
    _relay_up(mailbox)

    run(deliver_due(utc_now() + PAST_EVERY_WAIT))
    assert [mail["to"] for mail in received(mailbox)] == [expert_email]  # the request only
    assert _owed(intro) == []  # gone with the introduction


def test_a_mail_is_given_up_after_the_last_retry_and_forgotten_later(mailbox):
    s = scene()
    _relay_down()
    intro = _ask(s)
    moment = utc_now()
    for _ in range(MAX_ATTEMPTS + 2):
        moment += PAST_EVERY_WAIT
        run(deliver_due(moment))
    assert _owed(intro) == [("request", MAX_ATTEMPTS, False)]

    _relay_up(mailbox)
    assert run(deliver_due(moment + PAST_EVERY_WAIT)) == 0
    assert received(mailbox) == []
    assert run(forget_settled(moment + timedelta(days=31))) == 1
    assert _owed(intro) == []
