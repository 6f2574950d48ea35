"""A mailing as one recipient receives it: subject, plain text and HTML, in their language.

The text of articles is Markdown written by organisers. It is rendered without raw HTML (escaped,
never passed), with links only to http, https and mailto, and without remote images: an image
becomes its alt text linked to its address, so opening a mail loads nothing from another host
(no tracking pixel, no broken pictures). The HTML part is a table layout whose stylesheet is
turned into inline styles (mail clients drop `<style>`), keeping the one media query for phones.
The sender (`mailings.sending`) assembles both parts into one multipart message.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from kring.i18n import LANGUAGES, gettext_for
from kring.web.templating import TEMPLATES
from kring.writable import writable_output

NETWORK = "Kring"
"""The network's name as its mails show it."""

WIDTH = 72
"""Line length of the text part."""

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})
GLUE = "\ue000"
"""Holds a link's note to its last word while lines are wrapped (a private-use character)."""

Link = Callable[[int, str], str]
"""`link(article_id, url)`: the address a reader follows for `url` in that article."""


OWN_DIRECTION = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"])
"""The blocks of a written text that take their direction from their own first letter
(dir="auto"): a paragraph in Arabic or Hebrew reads right to left beside a Dutch one."""


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def render_mailing(
    mailing: Mapping[str, Any],
    articles: Sequence[Mapping[str, Any]],
    language: str,
    *,
    link: Link | None = None,
    unsubscribe_url: str,
) -> RenderedMail:
    """The mail in `language` ("nl" or "en"); a field empty in that language is taken from the
    other. `link` rewrites the web links of each article (its link and those in its text), for
    recording which article interested a reader; mailto links and the introduction stay plain.
    """
    language = language if language in LANGUAGES else LANGUAGES[0]
    subject = in_language(mailing, "subject", language) or str(mailing.get("name") or NETWORK)
    footnotes = _Footnotes()
    intro = _part(in_language(mailing, "intro", language), None, link, footnotes)
    intro_notes = footnotes.take()
    parts = []
    for article in articles:
        text = _part(in_language(article, "text", language), article["id"], link, footnotes)
        url = str(article.get("link") or "")
        parts.append(
            {
                "title": in_language(article, "title", language),
                "html": text.html,
                "text": text.text,
                "link": _href(url, article["id"], link) if _scheme(url) in WEB_SCHEMES else "",
                "notes": footnotes.take(),
            }
        )
    context = {
        "_": gettext_for(language),
        "lang": language,
        "network": NETWORK,
        "subject": subject,
        "intro": intro,
        "intro_notes": intro_notes,
        "articles": parts,
        "unsubscribe_url": unsubscribe_url,
        "rule": "-" * WIDTH,
    }
    html = _environment().get_template("mailings/mail.html").render(context)
    text = _environment().get_template("mailings/mail.txt").render(context)
    return RenderedMail(subject=subject, text=_tidy(text), html=_inliner().inline(html))


def in_language(row: Mapping[str, Any], name: str, language: str) -> str:
    """`row[name_<language>]`, or the other language's when that one is empty."""
    other = next(code for code in LANGUAGES if code != language)
    return str(row.get(f"{name}_{language}") or row.get(f"{name}_{other}") or "").strip()


def markdown_html(source: str) -> Markup:
    """Markdown as the mail's HTML shows it, with the same rules (for previews of one text)."""
    return _part(source, None, None, _Footnotes()).html


@dataclass
class _Rendered:
    html: Markup
    text: str


@dataclass
class _Footnotes:
    """The links of the text part, numbered through the whole mail and listed after each part."""

    count: int = 0
    pending: list[tuple[int, str]] = field(default_factory=list)

    def add(self, url: str) -> int:
        self.count += 1
        self.pending.append((self.count, url))
        return self.count

    def take(self) -> list[tuple[int, str]]:
        notes, self.pending = self.pending, []
        return notes


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.add_render_rule("image", _image_as_link)
    return md


def _part(source: str, article: int | None, link: Link | None, notes: _Footnotes) -> _Rendered:
    if not source.strip():
        return _Rendered(Markup(""), "")
    tokens = _markdown().parse(source)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _safe_links(token.children, article, link)
        elif token.nesting == 1 and token.tag in OWN_DIRECTION:
            token.attrSet("dir", "auto")
    html = Markup(_markdown().renderer.render(tokens, _markdown().options, {}))  # noqa: S704 - markdown-it escapes every text and attribute; raw HTML is off
    return _Rendered(html, _PlainText(notes).blocks(tokens))


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def _href(url: str, article: int | None, link: Link | None) -> str:
    if link is None or article is None or _scheme(url) not in WEB_SCHEMES:
        return url
    return link(article, url)


def _safe_links(children: list[Token], article: int | None, link: Link | None) -> list[Token]:
    """Links to other schemes (javascript:, data:, relative paths) lose their link and keep
    their text; web links go through `link`; images without a web address become their alt."""
    kept: list[Token] = []
    dropped = 0
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if dropped or _scheme(href) not in LINK_SCHEMES:
                dropped += 1
                continue
            token.attrSet("href", _href(href, article, link))
        elif token.type == "link_close" and dropped:
            dropped -= 1
            continue
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            if dropped or _scheme(src) not in WEB_SCHEMES:
                token.attrSet("src", "")
            else:
                token.attrSet("src", _href(src, article, link))
        kept.append(token)
    return kept


def _image_as_link(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = escape(self.renderInlineAsText(token.children or [], options, env) or "")
    src = str(token.attrGet("src") or "")
    if not src:
        return str(alt)
    return f'<a href="{escape(src)}">{alt or escape(src)}</a>'


class _PlainText:
    """Markdown tokens as readable plain text: wrapped paragraphs, list markers, quotes, code
    indented, every link written out as a numbered note."""

    def __init__(self, notes: _Footnotes) -> None:
        self.notes = notes

    def blocks(self, tokens: list[Token]) -> str:
        out: list[str] = []
        # The prefix of the first line and of the following lines, per open container.
        stack: list[list[str]] = []
        lists: list[dict[str, Any]] = []
        tight = False
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1)
                lists.append({"ordered": kind == "ordered_list_open", "next": start})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
                out.append("")
            elif kind == "list_item_open":
                current = lists[-1]
                marker = f"{current['next']}. " if current["ordered"] else "- "
                current["next"] += 1
                stack.append([marker, " " * len(marker)])
            elif kind == "list_item_close":
                stack.pop()
            elif kind == "blockquote_open":
                stack.append(["> ", "> "])
            elif kind == "blockquote_close":
                stack.pop()
                out.append("")
            elif kind == "paragraph_open":
                tight = token.hidden
            elif kind == "heading_open":
                tight = True
            elif kind == "inline":
                out.extend(self._wrap(self.inline(token.children or []), stack))
                if not tight:
                    out.append("")
            elif kind == "heading_close":
                out.append("")
            elif kind in ("code_block", "fence"):
                code = [("    " + line).rstrip() for line in token.content.rstrip("\n").split("\n")]
                out.extend(self._prefixed(code, stack))
                out.append("")
            elif kind == "hr":
                out.extend(self._prefixed(["-" * 20], stack))
                out.append("")
        return "\n".join(out).strip("\n")

    def inline(self, children: list[Token]) -> str:
        words: list[str] = []
        links: list[tuple[Token, int]] = []
        for token in children:
            kind = token.type
            if kind in ("text", "code_inline"):
                words.append(token.content)
            elif kind == "softbreak":
                words.append(" ")
            elif kind == "hardbreak":
                words.append("\n")
            elif kind == "link_open":
                links.append((token, len(words)))
            elif kind == "link_close":
                opened, start = links.pop()
                words.append(self._note(opened, "".join(words[start:])))
            elif kind == "image":
                alt = self.inline(token.children or [])
                src = str(token.attrGet("src") or "")
                words.append(alt + (f"{GLUE}[{self.notes.add(src)}]" if src else ""))
        return "".join(words)

    def _note(self, opened: Token, text: str) -> str:
        """What follows a link's text: nothing when the text is the address already."""
        href = str(opened.attrGet("href") or "")
        if href.lower().startswith("mailto:"):
            address = href[len("mailto:") :]
            return "" if text.strip() in (href, address) else f"{GLUE}<{address}>"
        if text.strip() == href:
            return ""
        return f"{GLUE}[{self.notes.add(href)}]"

    @staticmethod
    def _wrap(text: str, stack: list[list[str]]) -> list[str]:
        lines: list[str] = []
        for line in text.split("\n"):
            lines.extend(
                textwrap.wrap(
                    line,
                    width=WIDTH - sum(len(prefix[1]) for prefix in stack),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                or [""]
            )
        return _PlainText._prefixed([line.replace(GLUE, " ") for line in lines], stack)

    @staticmethod
    def _prefixed(lines: list[str], stack: list[list[str]]) -> list[str]:
        result = []
        for line in lines:
            prefix = "".join(prefix[0] for prefix in stack)
            result.append((prefix + line).rstrip())
            for prefix in stack:  # a list marker is written once, then its indent
                prefix[0] = prefix[1]
        return result


def _tidy(text: str) -> str:
    """At most one empty line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip("\n") + "\n"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default_for_string=False, default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=writable_output,  # what an older row holds shows as U+FFFD (kring.writable)
    )


@cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
