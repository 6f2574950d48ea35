"""KRING_SMTP_SENDER on an international domain (`Kring <noreply@bücher.be>`) was accepted, and
then no mail could be written: the email package cannot put `bücher.be` in a From header, so
every mail of the network failed as if its recipient's address were at fault (given up for
good, and a notice's officer told to have the person's address corrected). The sender's domain
is now kept in its ASCII form (as a recipient's is), a sender whose part before the @ is not
ASCII, or that holds '=?' (an encoded word, decoded into every From), is refused at start naming
the setting.
A real SMTP server on loopback reads the mail back."""

from __future__ import annotations

import dataclasses
from email import message_from_bytes

import pytest

from kring.settings import Settings, SettingsError
from privacy.mail import Mail, send_mail
from tests.conftest import run

KEY = "k" * 40


def _settings(sender: str) -> Settings:
    return Settings.from_env({"KRING_SECRET_KEY": KEY, "KRING_SMTP_SENDER": sender})


def test_a_sender_on_an_international_domain_is_written_in_ascii_and_mail_goes(smtp_server):
    settings = dataclasses.replace(
        _settings("Kring Bücher <noreply@bücher.be>"), smtp_port=smtp_server.port
    )
    assert settings.smtp_sender == "Kring Bücher <noreply@xn--bcher-kva.be>"
    assert (
        run(
            send_mail(
                Mail(to="an@voorbeeld.be", subject="s", text="t"),
                processor="smtp",
                settings=settings,
            )
        )
        == 1
    )
    mail = message_from_bytes(smtp_server.messages[0].content)
    assert "noreply@xn--bcher-kva.be" in mail["From"]
    assert mail["Message-ID"].endswith("@xn--bcher-kva.be>")


@pytest.mark.parametrize(
    "sender",
    [
        "Kring <kríng@kring.be>",
        "Kring <noreply@bü_cher.be>",
        # An encoded word in the name: decoded, its line break failed every mail of the network.
        "Kring =?utf-8?q?a=0D=0ABcc:_x@evil.be?= <noreply@kring.be>",
    ],
)
def test_a_sender_no_relay_takes_is_refused_at_start_naming_the_setting(sender):
    with pytest.raises(SettingsError) as refused:
        _settings(sender)
    assert "KRING_SMTP_SENDER" in str(refused.value)
