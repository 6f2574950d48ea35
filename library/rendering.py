"""An item's body as a page shows it: Markdown without raw HTML or images (nothing from
another site loads in a member's browser), or plain text with its line breaks."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape

from library.choices import BodyFormat


def _image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """`![alt](url)` becomes a link named by its alt text (no image loads): with the image rule
    off, markdown-it left the "!" before a link instead."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    text = escape(renderer.renderInlineAsText(token.children or [], options, env) or src)
    if urlsplit(src).scheme not in ("http", "https"):
        return str(text)
    return str(Markup('<a href="{}">{}</a>').format(src, text))


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.add_render_rule("image", _image_as_link)
    return md


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
