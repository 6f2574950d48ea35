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


def _one_mail(smtp_server, **changes):
    settings = replace(get_settings(), smtp_port=smtp_server.port, **changes)
    run(send_mail(Mail("an@example.be", "Hallo", "Hallo An"), processor="smtp", settings=settings))
    return message_from_bytes(smtp_server.messages[-1].content, policy=default)


def test_mail_date_names_its_time_zone(smtp_server):
    message = _one_mail(smtp_server)
    assert message["Date"].endswith("+0000")  # -0000 would mean "time zone unknown"
    assert message["Date"].datetime.utcoffset() is not None


def test_message_id_is_under_the_senders_domain(smtp_server):
    message = _one_mail(smtp_server, smtp_sender="Kring <kring@netwerk.example.be>")
    assert message["Message-ID"].endswith("@netwerk.example.be>")


def test_message_id_falls_back_to_the_base_urls_host(smtp_server):
    message = _one_mail(smtp_server, smtp_sender="Kring", base_url="https://kring.example.org:8443")
    assert message["Message-ID"].endswith("@kring.example.org>")
