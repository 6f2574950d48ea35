"""Mail goes to a real SMTP server (aiosmtpd) on loopback and is read back from there."""

from dataclasses import replace
from email import message_from_bytes
from email.policy import default

from kring.settings import get_settings
from privacy.mail import Mail, send_mail
from tests.conftest import run


def test_mail_arrives_with_subject_sender_and_both_bodies(smtp_server):
    settings = replace(
        get_settings(), smtp_port=smtp_server.port, smtp_sender="Kring <kring@example.be>"
    )
    run(
        send_mail(
            Mail("an@example.be", "Welkom — één test", "Hallo An", "<p>Hallo An</p>"),
            processor="smtp",
            settings=settings,
        )
    )
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["an@example.be"]
    message = message_from_bytes(envelope.content, policy=default)
    assert message["Subject"] == "Welkom — één test"
    assert message["From"] == "Kring <kring@example.be>"
    assert message.get_body(("plain",)).get_content().strip() == "Hallo An"
    assert "<p>Hallo An</p>" in message.get_body(("html",)).get_content()
