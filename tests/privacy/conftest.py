"""The privacy module's mail relay for tests: a real SMTP server on loopback (`smtp_server`),
or one that does not answer until the test says so."""

from dataclasses import replace

import pytest

from kring.settings import get_settings
from privacy import mails


@pytest.fixture
def mailbox(smtp_server):
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        yield smtp_server
    finally:
        mails.settings_override = None


class Relay:
    """The mail relay the privacy mails go to: down until `answer_again`."""

    def __init__(self, mailbox) -> None:
        from tests.served import free_port

        self.mailbox = mailbox
        mails.settings_override = replace(get_settings(), smtp_port=free_port())

    def answer_again(self) -> None:
        mails.settings_override = replace(get_settings(), smtp_port=self.mailbox.port)


@pytest.fixture
def relay_down(mailbox):
    return Relay(mailbox)
