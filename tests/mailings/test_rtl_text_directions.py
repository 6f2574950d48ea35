"""Text a person wrote shows in its own direction in the HTML mail: a subject, a title or a
paragraph in Arabic or Hebrew was laid out left to right, its punctuation on the wrong side
(found by the outside probe). Every element that holds the writer's text carries dir="auto",
so a mail reader sets each one's direction from its first letter. Sent through a real SMTP
server, its HTML part parsed."""

from __future__ import annotations

import dataclasses
import email
from email import policy
from html.parser import HTMLParser
from typing import Any

from kring.settings import get_settings
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from mailings.tables import Article, Mailing
from tests.conftest import run
from tests.mailings.delivery_scene import build

SUBJECT = "أخبار الشبكة: مارس!"
TITLE = "ביקורות בפועל?"
TEXT = "مرحبا بالجميع.\n\n- نقطة أولى\n- نقطة ثانية\n\n> اقتباس\n\n## عنوان فرعي"


class _Elements(HTMLParser):
    """Each element's tag, its attributes and the text directly in it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs), []))
        if tag not in ("meta", "br", "hr", "img"):
            self._open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.found[self._open[-1]][2].append(data.strip())


def _settings(port: int) -> Any:
    return dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=port)


def test_every_element_holding_the_writers_text_has_dir_auto(smtp_server):
    scene = build()
    run(
        Mailing.update({Mailing.subject_nl: SUBJECT, Mailing.intro_nl: TEXT}).where(
            Mailing.id == scene.mailing_id
        )
    )
    run(
        Article.update({Article.title_nl: TITLE, Article.text_nl: TEXT}).where(
            Article.id == scene.articles[0]
        )
    )
    run(queue_mailing(scene.mailing_id))
    run(send_due(scene.mailing_id, settings=_settings(smtp_server.port)))
    mails = [
        email.message_from_bytes(m.content, policy=policy.default) for m in smtp_server.messages
    ]
    (mail, *_) = [m for m in mails if m["Subject"] == SUBJECT]
    parser = _Elements()
    parser.feed(mail.get_body(("html",)).get_content())
    written = [
        (tag, attrs)
        for tag, attrs, texts in parser.found
        if tag != "title"
        and any(
            word in " ".join(texts)
            for word in ("أخبار", "ביקורות", "مرحبا", "نقطة", "اقتباس", "عنوان")
        )
    ]
    assert {tag for tag, _ in written} >= {"h1", "h2", "p", "li"}
    assert all(attrs.get("dir") == "auto" for _, attrs in written), written
    blockquotes = [attrs for tag, attrs, _ in parser.found if tag == "blockquote"]
    assert blockquotes and all(attrs.get("dir") == "auto" for attrs in blockquotes)
