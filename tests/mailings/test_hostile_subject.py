"""A subject is text, never headers: an organiser's subject that looks like an RFC 2047
encoded-word holding a line break (`=?utf-8?q?…=0D=0ABcc:_…?=`) has no CR or LF as typed, so
it passes the one-line check, but Python's email package decoded it when the header was set
and wrote the decoded line break out as is: the mail that reached the relay carried a header
(or a whole body) of the subject's choosing. Sent through a real SMTP server on loopback and
read back with the real `email` parser."""

from __future__ import annotations

import dataclasses
import email
from email import policy
from typing import Any

from kring.settings import get_settings
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from mailings.tables import Mailing
from tests.conftest import run
from tests.mailings.delivery_scene import build

INJECTING = "=?utf-8?q?Nieuws=0D=0ABcc:_spion@evil.example?="
INJECTING_BODY = "=?utf-8?q?Nieuws=0D=0A=0D=0AKlik_hier:_https://evil.example?="


def _settings(port: int) -> Any:
    return dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=port)


def _sent(smtp_server: Any, subject: str) -> list[Any]:
    scene = build()
    run(Mailing.update({Mailing.subject_nl: subject}).where(Mailing.id == scene.mailing_id))
    run(queue_mailing(scene.mailing_id))
    run(send_due(scene.mailing_id, settings=_settings(smtp_server.port)))
    assert smtp_server.messages
    return smtp_server.messages


def _headers(raw: bytes) -> list[str]:
    head = raw.decode("ascii").split("\r\n\r\n", 1)[0]
    return [line.split(":", 1)[0] for line in head.split("\r\n") if line[:1] not in (" ", "\t")]


def test_a_subject_that_looks_like_an_encoded_line_break_adds_no_header(smtp_server):
    for received in _sent(smtp_server, INJECTING):
        names = _headers(received.content)
        assert "Bcc" not in names, received.content[:600]
        assert names.count("Subject") == 1
        mail = email.message_from_bytes(received.content, policy=policy.default)
        assert mail["Bcc"] is None
        assert "\n" not in mail["Subject"] and "\r" not in mail["Subject"]
        if mail["Subject"] != "News from the network":  # the English reader's own subject
            # The reader sees what was typed, not what Python decoded from it.
            assert mail["Subject"].replace("\u200b", "") == INJECTING


def test_a_subject_that_looks_like_an_encoded_empty_line_keeps_the_mail_whole(smtp_server):
    for received in _sent(smtp_server, INJECTING_BODY):
        mail = email.message_from_bytes(received.content, policy=policy.default)
        assert mail.get_content_type() == "multipart/alternative", received.content[:600]
        assert [part.get_content_type() for part in mail.iter_parts()] == [
            "text/plain",
            "text/html",
        ]
        assert mail["List-Unsubscribe"].startswith("<" + get_settings().base_url)
        assert "\n" not in mail["Subject"]
