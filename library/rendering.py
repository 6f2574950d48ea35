"""An item's body as a page shows it: Markdown without raw HTML or images (nothing from
another site loads in a member's browser), or plain text with its line breaks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
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


InlineRule = Callable[[StateInline, bool], bool]
_LAST_CLOSE = "kring_last_close"


def _last_close(state: StateInline) -> int:
    """Where the last `](` of the text being parsed is (its last `]` when the body defines link
    references, as `[text][ref]` or `[ref]` can close without a `(`); -1 for none. Found once
    per text and length: a search per bracket would itself be quadratic."""
    needle = "]" if state.env.get("references") else "]("
    found: dict[tuple[str, int, str], int] = state.env.setdefault(_LAST_CLOSE, {})
    key = (state.src, state.posMax, needle)
    if key not in found:
        found[key] = state.src.rfind(needle, 0, state.posMax)
    return found[key]


def _only_where_a_label_can_close(rule: InlineRule) -> InlineRule:
    """markdown-it's link and image rules look for the label's `]` from every `[`, through
    every `[` after it up to 20 deep (its maxNesting): a body of 20,000 `[` took 20 look-ups a
    character (seconds on a loaded server, where prose of that length takes milliseconds). A
    `[` after the text's last `](` (or `]`) can open no link or image, so it is text at once."""

    def rule_where_a_label_can_close(state: StateInline, silent: bool) -> bool:
        if _last_close(state) <= state.pos:
            return False
        return rule(state, silent)

    return rule_where_a_label_can_close


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    for name in ("link", "image"):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name).fn
        md.inline.ruler.at(name, _only_where_a_label_can_close(rule))
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
