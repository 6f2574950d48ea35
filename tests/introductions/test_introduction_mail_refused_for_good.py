"""An owed mail the relay refuses for good (an SMTP 5xx, say 550 'no such mailbox') is given up
at once, not offered again for about two days; one it refuses for now (451) is tried again.
The same for every outbox of owed mails (`privacy.mail_outbox`): introductions' here, events'
alike. A real SMTP server on loopback answers the relay's part."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from introductions import mails, workflow
from introductions.mail_outbox import deliver_due, forget_settled
from introductions.tables import IntroductionMail
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.settings import get_settings
from kring.tables import Member
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.refusing_relay import RefusingRelay, refusing_relay

PAST_EVERY_WAIT = timedelta(days=3)


@pytest.fixture
def relay(smtp_server) -> Iterator[RefusingRelay]:
    with refusing_relay() as handler:
        mails.settings_override = replace(get_settings(), smtp_port=handler.port)
        try:
            yield handler
        finally:
            mails.settings_override = None


def _email(member_id: int) -> str:
    return run(Member.select(Member.email).where(Member.id == member_id).first())["email"]


def _owed(introduction_id: int) -> tuple[int, bool]:
    row = run(
        IntroductionMail.select(IntroductionMail.attempts, IntroductionMail.done_at)
        .where(IntroductionMail.introduction == introduction_id)
        .first()
    )
    return row["attempts"], row["done_at"] is not None


def _ask_refused(s, relay: RefusingRelay, index: int, for_good: bool) -> tuple[int, str]:
    proposal = s.proposals()[index]["id"]
    address = _email(s.expert_of(proposal))
    (relay.for_good if for_good else relay.for_now).add(address)
    run(workflow.request_introduction(s.owner_principal, proposal))
    return proposal, address


def test_a_mail_refused_for_good_is_given_up_at_once(relay):
    s = scene()
    gone, gone_address = _ask_refused(s, relay, 0, for_good=True)
    busy, busy_address = _ask_refused(s, relay, 1, for_good=False)
    assert _owed(gone) == (MAX_ATTEMPTS, False)  # given up: no try left
    assert _owed(busy) == (1, False)

    moment = utc_now()
    for _ in range(3):
        moment += PAST_EVERY_WAIT
        run(deliver_due(moment))
    assert relay.asked.count(gone_address) == 1
    assert relay.asked.count(busy_address) == 4
    assert run(forget_settled(utc_now() + timedelta(days=31))) == 1  # the given-up one
    assert _owed(busy)[1] is False
