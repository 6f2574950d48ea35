"""A mail that cannot be written as a message (an address the email package refuses in a
header, stored before such addresses were refused where they are typed) fails alone: the
registration that owed it is saved and answered as usual, the mail is given up at once with the
reason logged (no address in the log), and the rest of the batch goes. Through the real app
over HTTP and a real SMTP server on loopback."""

from __future__ import annotations

import logging
import socket
from dataclasses import replace
from datetime import timedelta

from events import registration_mails
from events.mail_outbox import deliver_due
from events.tables import EventMail, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.settings import get_settings
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.events.test_registration_mails import messages

# An address email_validator accepts (`=`, `?` and `_` are letters of a local part), in which
# Python's email package decodes an RFC 2047 word: "a", a line break, "b". It refused the To
# header with a ValueError, which the registration answered as a 500 after saving the seat.
# Typed now, it is refused (tests/kring/test_addresses_mail_would_misread.py); one stored
# before stays on the member's record, as here.
BREAKS_THE_HEADER = "=?utf-8?q?a=0Ab?=@gast.be"


def _guest(client, organiser, event_id: int, email: str):
    """A guest with `email`, or a member whose address on record is `email` (stored before)."""
    if email != BREAKS_THE_HEADER:
        guest = {"first_name": "Els", "last_name": "Gast", "email": email}
        return client.post(f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers)
    member = factories.account(Role.member)
    run(Member.update({Member.email: email}).where(Member.id == member.member_id))
    return client.post(f"/api/events/{event_id}/registration", headers=member.headers)


def _mail_of(email: str) -> dict:
    member = run(Member.select(Member.id).where(Member.email == email).first())
    where = Registration.member == member["id"] if member else Registration.guest_email == email
    registration = run(Registration.select(Registration.id).where(where).first())
    return run(
        EventMail.select(EventMail.attempts, EventMail.done_at, EventMail.claimed_until)
        .where(EventMail.registration == registration["id"])
        .first()
    )


def test_a_guest_whose_address_breaks_the_header_is_registered_and_the_mail_given_up(
    client, mailbox, caplog
):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, members_only=False)

    with caplog.at_level(logging.WARNING, logger="kring.mail"):
        answer = _guest(client, organiser, event_id, BREAKS_THE_HEADER)

    assert answer.status_code == 201 and answer.json()["status"] == "confirmed"
    assert mailbox.messages == []
    mail = _mail_of(BREAKS_THE_HEADER)
    assert mail["attempts"] == MAX_ATTEMPTS and mail["done_at"] is None  # given up, not retried
    assert mail["claimed_until"] is None
    [record] = [r for r in caplog.records if r.name == "kring.mail.outbox"]
    assert record.levelno == logging.ERROR
    assert "cannot be sent" in record.getMessage() and "'=?'" in record.getMessage()
    assert "gast.be" not in record.getMessage()


def test_the_batch_goes_on_after_a_mail_that_cannot_be_written(client, mailbox):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, members_only=False)
    with socket.socket() as probe:  # the relay is down while both register
        probe.bind(("127.0.0.1", 0))
        down = probe.getsockname()[1]
    registration_mails.settings_override = replace(get_settings(), smtp_port=down)
    assert _guest(client, organiser, event_id, BREAKS_THE_HEADER).status_code == 201
    assert _guest(client, organiser, event_id, "els@gast.be").status_code == 201
    assert mailbox.messages == []

    registration_mails.settings_override = replace(
        get_settings(), smtp_port=mailbox.port, base_url="https://kring.example"
    )
    assert run(deliver_due(utc_now() + timedelta(minutes=2))) == 1

    [(to, _)] = messages(mailbox)
    assert to == "els@gast.be"
    assert _mail_of("els@gast.be")["done_at"] is not None
    given_up = _mail_of(BREAKS_THE_HEADER)
    assert given_up["attempts"] == MAX_ATTEMPTS and given_up["claimed_until"] is None
