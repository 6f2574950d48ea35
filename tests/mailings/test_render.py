"""A mailing as a reader receives it: Markdown without raw HTML, only web and mail links, no
remote image, inline styles, the reader's language with the other as fallback, every link
written out in the text part, and an unsubscribe link in both parts.

Rendering touches no database: the PostgreSQL run skips these tests."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from mailings.render import RenderedMail, in_language, markdown_html, render_mailing
from tests.conftest import same_on_every_database

pytestmark = same_on_every_database

MAILING = {
    "id": 7,
    "name": "Juni intern",
    "subject_nl": "Nieuws van de kring",
    "subject_en": "",
    "intro_nl": "Beste leden, lees ook <https://kring.example/agenda>.",
    "intro_en": "Dear members,",
}
ARTICLES = [
    {
        "id": 31,
        "position": 1,
        "title_nl": "Auditdag <b>Gent</b>",
        "title_en": "Audit day Ghent",
        "text_nl": (
            "Zie [het programma](https://kring.example/programma?dag=1&zaal=2) en "
            "![ons logo](https://tracker.example/pixel.png).\n\n"
            "<script>alert('x')</script> <img src=https://tracker.example/a.png>\n\n"
            "[klik](javascript:alert(1)) en [lokaal](/intern) en [data](data:text/html,hi)\n\n"
            "- eerste punt\n- tweede punt dat zo lang is dat het in de tekstversie over "
            "meer dan één regel moet worden afgebroken\n\n"
            "> Een citaat\n\nMail ons: <info@kring.example> of [secretariaat]"
            "(mailto:secretariaat@kring.example)"
        ),
        "text_en": "English text",
        "link": "https://kring.example/auditdag",
        "tags": ["audit"],
    },
    {
        "id": 32,
        "position": 2,
        "title_nl": "",
        "title_en": "Only in English",
        "text_nl": "",
        "text_en": "Read **this**.",
        "link": "",
        "tags": [],
    },
]


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_html_part_is_safe_inline_styled_and_loads_nothing_remote():
    mail = render_mailing(MAILING, ARTICLES, "nl", unsubscribe_url="https://k.example/u/abc")
    assert isinstance(mail, RenderedMail)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mail.subject = "other"  # type: ignore[misc]
    tags = _tags(mail.html)
    names = [name for name, _ in tags]
    # Raw HTML of organisers is escaped, never passed on; no picture is ever loaded.
    assert "script" not in names and "img" not in names
    assert "&lt;script&gt;" in mail.html and "&lt;b&gt;Gent&lt;/b&gt;" in mail.html
    assert not re.search(r"<img[^>]+src=.http", mail.html)
    hrefs = [attrs["href"] for name, attrs in tags if name == "a"]
    assert all(href and href.split(":")[0] in ("https", "mailto") for href in hrefs), hrefs
    assert "javascript:" not in str(hrefs) and "/intern" not in hrefs
    # An image becomes its alt text linked to its address.
    assert '<a href="https://tracker.example/pixel.png"' in mail.html
    assert ">ons logo</a>" in mail.html
    assert "https://kring.example/programma?dag=1&amp;zaal=2" in mail.html
    # The layout: the reader's language, the network's name, a table, styles inline.
    assert tags[0] == ("html", {"lang": "nl"})
    assert ("table", {"class": "outer"}) not in tags  # attributes were added: styles inlined
    assert all("style" in attrs for name, attrs in tags if name in ("table", "p", "h2"))
    assert "Kring" in mail.html and "<table" in mail.html
    assert "@media only screen and (max-width: 620px)" in mail.html  # phones
    assert ".article-title {" not in mail.html  # only the media query stays a stylesheet
    # The article's link becomes a button; the unsubscribe link is in the footer.
    assert '<a href="https://kring.example/auditdag"' in mail.html and "Lees meer" in mail.html
    assert '<a href="https://k.example/u/abc"' in mail.html
    # Dutch falls back to English per field.
    assert mail.subject == "Nieuws van de kring"
    assert "Only in English" in mail.html and "Read <strong>this</strong>." in mail.html


def test_the_text_part_writes_every_link_out_and_reads_as_plain_text():
    mail = render_mailing(MAILING, ARTICLES, "nl", unsubscribe_url="https://k.example/u/abc")
    text = mail.text
    assert text.endswith("\n") and "\n\n\n" not in text
    assert all(len(line) <= 72 or "http" in line for line in text.splitlines())
    # The autolink is written once; a named link gets a numbered note with its address.
    assert "lees ook https://kring.example/agenda." in text
    assert "het programma [1]" in text and "ons logo [2]" in text
    assert "[1] https://kring.example/programma?dag=1&zaal=2" in text
    assert "[2] https://tracker.example/pixel.png" in text
    assert "secretariaat <secretariaat@kring.example>" in text
    assert "Mail ons: info@kring.example" in text
    # Lists, quotes, the article's link and the footer.
    assert "- eerste punt\n- tweede punt" in text and "over meer dan één\n  regel moet" in text
    assert "> Een citaat" in text
    assert "Lees meer: https://kring.example/auditdag" in text
    assert "Afmelden voor mailings: https://k.example/u/abc" in text
    assert "Auditdag <b>Gent</b>" in text  # a title is text, written as typed
    assert "[klik](javascript:alert(1)) en lokaal en" in text  # refused links stay text


def test_language_fallback_and_link_rewriting_per_article():
    seen: list[tuple[int, str]] = []

    def link(article_id: int, url: str) -> str:
        seen.append((article_id, url))
        return f"https://k.example/c/{article_id}?to={len(seen)}"

    mail = render_mailing(
        MAILING, ARTICLES, "en", link=link, unsubscribe_url="https://k.example/u/abc"
    )
    # English: the subject is empty there, so it comes from Dutch; the intro is English.
    assert mail.subject == "Nieuws van de kring"
    assert '<html lang="en"' in mail.html and "Dear members," in mail.html
    assert "English text" in mail.html and "Audit day Ghent" in mail.html
    assert "Beste leden" not in mail.html
    # The web links of articles go through `link`; mailto and the introduction stay plain.
    mail_nl = render_mailing(
        MAILING, ARTICLES, "nl", link=link, unsubscribe_url="https://k.example/u/abc"
    )
    urls = [url for _, url in seen]
    assert "https://kring.example/programma?dag=1&zaal=2" in urls
    assert "https://kring.example/auditdag" in urls
    assert "https://kring.example/agenda" not in urls
    assert all(article == 31 for article, _ in seen)
    assert "https://k.example/c/31?to=" in mail_nl.html and "mailto:info@kring.example" in (
        mail_nl.html
    )
    assert "Lees meer: https://k.example/c/31?to=" in mail_nl.text
    assert "https://kring.example/agenda" in mail_nl.html
    # An unknown language renders Dutch; an empty field falls back; a missing one is "".
    assert '<html lang="nl"' in render_mailing(MAILING, [], "fr", unsubscribe_url="u").html
    assert in_language({"title_nl": "", "title_en": "T"}, "title", "nl") == "T"
    assert in_language({}, "title", "en") == ""
    assert render_mailing({"name": "Naam"}, [], "nl", unsubscribe_url="u").subject == "Naam"
    assert (
        str(markdown_html("*a* <i>b</i>")) == '<p dir="auto"><em>a</em> &lt;i&gt;b&lt;/i&gt;</p>\n'
    )


def test_a_title_an_older_row_holds_with_an_override_shows_it_replaced_in_both_parts():
    """Validation refuses U+202E; a row written before it may hold one (kring.writable)."""
    article = ARTICLES[1] | {"title_en": "Evil\u202eredro"}
    mail = render_mailing(MAILING, [article], "en", unsubscribe_url="https://k.example/u/abc")
    for part in (mail.html, mail.text):
        assert "Evil\ufffdredro" in part and "\u202e" not in part
