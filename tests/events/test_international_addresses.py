"""International addresses as they travel, read back from a real SMTP server on loopback: a
domain that is not ASCII goes in its ASCII (IDNA) form in the envelope and the To header; a
local part that is not ASCII goes as it is, over SMTPUTF8 (RFC 6531), which the relay must offer
(aiosmtpd's controller offers it unless told not to)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from email import message_from_bytes, message_from_string
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from events import registration_mails
from events.tables import EventMail, Registration
from kring.choices import Role
from kring.settings import get_settings
from tests import factories
from tests.conftest import _Collector, run
from tests.events.helpers import event


def _guest(client, email: str) -> None:
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, members_only=False)
    guest = {"first_name": "José", "last_name": "Gast", "email": email}
    answer = client.post(f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers)
    assert answer.status_code == 201, answer.text


@pytest.fixture
def ascii_mailbox(smtp_server: Any) -> Iterator[Any]:
    """A second real SMTP server on loopback, this one without SMTPUTF8."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    registration_mails.settings_override = replace(get_settings(), smtp_port=port)
    try:
        yield handler
    finally:
        registration_mails.settings_override = None
        controller.stop()


def test_an_international_domain_travels_in_its_ascii_form(client, mailbox):
    _guest(client, "jose@bücher.be")

    [envelope] = mailbox.messages
    assert envelope.rcpt_tos == ["jose@xn--bcher-kva.be"]
    assert "SMTPUTF8" not in envelope.mail_options  # any relay takes it
    message = message_from_bytes(envelope.content, policy=default)
    headers = re.split(rb"\r?\n\r?\n", envelope.content)[0]
    assert headers.isascii() and b"=?" not in headers.split(b"\nTo:")[1].split(b"\n")[0]
    [address] = message["To"].addresses
    assert address.addr_spec == "jose@xn--bcher-kva.be"


def _text(received: str) -> str:
    """aiosmtpd keeps an envelope's UTF-8 as surrogate escapes."""
    return received.encode("utf-8", "surrogateescape").decode("utf-8")


def test_a_local_part_that_is_not_ascii_goes_over_smtputf8(client, mailbox):
    _guest(client, "josé@bücher.be")

    [envelope] = mailbox.messages
    assert [_text(to) for to in envelope.rcpt_tos] == ["josé@xn--bcher-kva.be"]
    assert "SMTPUTF8" in envelope.mail_options
    message = message_from_string(envelope.content.decode("utf-8"), policy=default)
    [address] = message["To"].addresses
    assert address.addr_spec == "josé@xn--bcher-kva.be"


def test_a_relay_without_smtputf8_does_not_take_it_and_it_is_tried_again(client, ascii_mailbox):
    _guest(client, "josé@example.be")

    assert ascii_mailbox.messages == []
    registration = run(
        Registration.select(Registration.id)
        .where(Registration.guest_email == "josé@example.be")
        .first()
    )
    owed = run(
        EventMail.select(EventMail.attempts, EventMail.done_at)
        .where(EventMail.registration == registration["id"])
        .first()
    )
    assert owed == {"attempts": 1, "done_at": None}
