"""A password reset mail the relay did not take is tried again, as every other mail is: the
person, told "we sent a link", got nothing and had to guess that they should ask again. Over
HTTP, with a real SMTP server on loopback that refuses the first mails and then takes them."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest

from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import MAX_ATTEMPTS
from kring.settings import get_settings
from kring.tables import PasswordReset
from members.reset_mails import RETRY_WINDOW, send_due_reset_mails
from privacy import mails
from tests import factories
from tests.conftest import run

NEW = "a brand new passphrase 2026"


class RefusingFirst:
    """An aiosmtpd handler that answers '451 try again later' to the first `refusals` mails,
    then takes every mail."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refusals > 0:
            self.refusals -= 1
            return "451 4.3.0 try again later"
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def relay(smtp_server: Any) -> Iterator[RefusingFirst]:
    """A second SMTP server on loopback, refusing two mails (`smtp_server` puts the 'smtp'
    processor on the register, as sending needs)."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = RefusingFirst(refusals=2)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    mails.settings_override = replace(get_settings(), smtp_port=port)
    try:
        yield handler
    finally:
        mails.settings_override = None
        controller.stop()


def _post(client: Any, path: str, **fields: str):
    data = fields | {"_csrf_token": factories.csrf_token(client)}
    return client.post(path, data=data, headers={"accept": "text/html"}, follow_redirects=False)


def _link(message: Any) -> str:
    text = message_from_bytes(message.content, policy=default).get_body(("plain",)).get_content()
    return re.search(r"https?://\S+(/password/reset/\S+)", text).group(1)


def _tries() -> list[tuple[int, bool]]:
    rows = run(PasswordReset.select(PasswordReset.mail_attempts, PasswordReset.mail_sent_at))
    return [(row["mail_attempts"], row["mail_sent_at"] is not None) for row in rows]


def test_a_reset_mail_the_relay_refused_is_sent_by_the_worker_and_its_link_works(client, relay):
    login = factories.account(Role.member)
    asked = _post(client, "/password/forgotten", email=login.email)
    assert asked.status_code == 200 and 'id="reset-sent"' in asked.text
    assert relay.messages == [] and _tries() == [(1, False)]  # refused at once
    assert run(send_due_reset_mails()) == 0  # its retry is not due yet

    later = utc_now() + timedelta(minutes=2)
    assert run(send_due_reset_mails(later)) == 0 and _tries() == [(2, False)]  # refused again
    assert run(send_due_reset_mails(later + timedelta(minutes=6))) == 1
    assert [m.rcpt_tos for m in relay.messages] == [[login.email]] and _tries() == [(3, True)]
    assert run(send_due_reset_mails(later + timedelta(days=3))) == 0  # sent once only
    assert len(relay.messages) == 1

    path = _link(relay.messages[0])
    row = run(PasswordReset.select(PasswordReset.expires_at).first())
    assert row["expires_at"] > later + timedelta(minutes=6)  # its hour starts when it went
    done = _post(client, path, new_password=NEW, new_password_again=NEW)
    assert done.status_code == 303 and done.headers["location"] == "/"


def test_the_link_of_a_refused_mail_never_works(client, relay):
    """The token is made when its mail goes; a refused mail's token is forgotten."""
    login = factories.account(Role.member)
    _post(client, "/password/forgotten", email=login.email)
    relay.refusals = 0
    run(send_due_reset_mails(utc_now() + timedelta(minutes=2)))
    hashes = {row["token_hash"] for row in run(PasswordReset.select(PasswordReset.token_hash))}
    assert len(hashes) == 1 and len(relay.messages) == 1
    path = _link(relay.messages[0])
    assert client.get(path).status_code == 200


def test_a_reset_mail_is_given_up_after_the_retry_window(client, relay):
    login = factories.account(Role.member)
    relay.refusals = MAX_ATTEMPTS + 5
    _post(client, "/password/forgotten", email=login.email)
    assert run(send_due_reset_mails(utc_now() + RETRY_WINDOW + timedelta(minutes=1))) == 0
    assert _tries() == [(1, False)] and relay.messages == []


def test_a_reset_mail_is_not_retried_once_the_password_was_changed(client, relay):
    login = factories.account(Role.member)
    _post(client, "/password/forgotten", email=login.email)
    factories.log_in(client, login.email)
    changed = _post(
        client,
        "/password",
        current_password=factories.PASSWORD,
        new_password=NEW,
        new_password_again=NEW,
    )
    assert changed.status_code == 303
    relay.refusals = 0
    assert run(send_due_reset_mails(utc_now() + timedelta(minutes=2))) == 0
    assert relay.messages == []


def test_a_reset_mail_refused_for_good_is_not_offered_again(client, smtp_server):
    """Found by the findings helper: a relay that answered 550 'no such mailbox' was asked
    again for hours, as if it were busy; owed and mailing mails give up at once already."""
    from tests.refusing_relay import refusing_relay

    login = factories.account(Role.member)
    with refusing_relay() as refusing:
        refusing.for_good.add(login.email)
        mails.settings_override = replace(get_settings(), smtp_port=refusing.port)
        try:
            asked = _post(client, "/password/forgotten", email=login.email)
            assert asked.status_code == 200  # says the same as for any address
            for minutes in (2, 10, 60, 300):
                run(send_due_reset_mails(utc_now() + timedelta(minutes=minutes)))
        finally:
            mails.settings_override = None
    assert refusing.asked == [login.email]
    assert _tries() == [(MAX_ATTEMPTS, False)]
