"""An item's body as a page shows it: Markdown without raw HTML or images (nothing from
another site loads in a member's browser), or plain text with its line breaks."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from library.choices import BodyFormat


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def body_html(body: str, body_format: str) -> Markup:
    if not body.strip():
        return Markup("")
    if body_format == BodyFormat.markdown:
        # markdown-it escapes every text and attribute and refuses javascript: links.
        return Markup(_markdown().render(body))  # noqa: S704
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in p.split("\n")))
        for p in paragraphs
    )
