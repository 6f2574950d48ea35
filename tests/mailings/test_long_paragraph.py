"""A long paragraph keeps the mail within RFC 2045: quoted-printable lines of at most 76
characters. Found from outside: a paragraph longer than 998 characters (an article of one
paragraph, or any HTML part whose paragraph is one line) made the body quoted-printable with
lines of up to 998 characters, which RFC 2045 forbids and spam filters score
(SpamAssassin's MIME_QP_LONG_LINE). Sent through a real SMTP server, read with the email parser.
"""

from __future__ import annotations

import dataclasses
import email
from email import policy
from typing import Any

from kring.settings import get_settings
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from mailings.tables import Article
from tests.conftest import run
from tests.mailings.delivery_scene import build

PARAGRAPH = " ".join(f"woord{n}" for n in range(300))  # about 2,300 characters, one line


def _settings(port: int) -> Any:
    return dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=port)


def test_a_long_paragraph_is_encoded_in_lines_of_at_most_76_characters(smtp_server):
    scene = build()
    run(Article.update({Article.text_nl: PARAGRAPH}).where(Article.id == scene.articles[0]))
    run(queue_mailing(scene.mailing_id))
    run(send_due(scene.mailing_id, settings=_settings(smtp_server.port)))
    assert smtp_server.messages
    for received in smtp_server.messages:
        raw = received.content.decode("ascii")
        head, body = raw.split("\r\n\r\n", 1)
        longest = max(len(line) for line in body.split("\r\n"))
        assert longest <= 76, longest
        assert "\r\nList-Unsubscribe: <" + get_settings().base_url in "\r\n" + head
        mail = email.message_from_bytes(received.content, policy=policy.default)
        if mail["Subject"] == "Nieuws van het netwerk":
            assert PARAGRAPH in mail.get_body(("html",)).get_content()
            text = " ".join(mail.get_body(("plain",)).get_content().split())
            assert PARAGRAPH in text
