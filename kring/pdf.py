"""PDF documents that draw every name as it was typed, or say which character they could not.

Names come in every script. DejaVu Sans draws Latin, Greek, Cyrillic, Arabic and Hebrew;
Droid Sans Fallback (Debian's fonts-droid-fallback) draws Chinese, Japanese, Korean and the
full-width forms. HarfBuzz (uharfbuzz) shapes the text, so Arabic letters join and Arabic and
Hebrew run right to left. A character that no font here has is drawn as "□" and named (U+…) in a
footnote under the document: fpdf2 would otherwise leave it out without a word, and a name of
only such characters would be a blank row.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kring.messages import N_

if TYPE_CHECKING:
    from fpdf import FPDF

BODY_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BODY_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
# For a character the body font lacks: the first of these that is installed (Debian's path, then
# the package's own).
FALLBACK_FONTS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf"),
)
STAND_IN = "\u25a1"  # □
MISSING_NOTE = N_(
    "□ stands for a character that the fonts on this server cannot draw: %(characters)s."
)

Gettext = Callable[[str], str]


def _invisible(char: str) -> bool:
    """Format characters (joiners, direction marks) and variation selectors draw nothing of their
    own: a font without them loses nothing a reader would see."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or char in " \t\n"
    )


def _needs_shaping(char: str) -> bool:
    """Right-to-left letters and combining marks: plain Latin, Greek, Cyrillic and CJK draw the
    same without HarfBuzz."""
    return (
        unicodedata.bidirectional(char) in ("R", "AL", "AN") or unicodedata.category(char) == "Mn"
    )


@dataclass
class Document:
    """An FPDF with the fonts above loaded; `text` makes a value drawable, `finish` adds the
    footnote and returns the bytes."""

    pdf: FPDF
    font: str
    drawable: Callable[[int], bool]
    missing: dict[str, None] = field(default_factory=dict)
    fallback: Path | None = None
    # What both body fonts (regular and bold) draw: no other character needs the fallback.
    plain: frozenset[int] = frozenset()

    def text(self, value: str) -> str:
        if not self.pdf.text_shaping and self.font == "body" and any(map(_needs_shaping, value)):
            # On from here to the end: tables draw their cells when they close. Off until
            # then, as shaping doubles the time of a long Latin list.
            self.pdf.set_text_shaping(True)
        out = []
        for char in value:
            if _invisible(char) or self.drawable(ord(char)):
                out.append(char)
                self._fall_back_for(char)
            else:
                self.missing[char] = None
                out.append(STAND_IN if self.drawable(ord(STAND_IN)) else "?")
        return "".join(out)

    def _fall_back_for(self, char: str) -> None:
        """The fallback font is loaded when a value first needs it, before that value is drawn:
        it is 4 MB, and reading it took most of the making of a list in Latin letters only."""
        if self.fallback is None or ord(char) in self.plain:
            return
        if ord(char) in _cmap(self.fallback):
            self.pdf.add_font("fallback", fname=str(self.fallback))
            # Not exact: the fallback font has no bold, and a bold heading in Chinese beats none.
            self.pdf.set_fallback_fonts(["fallback"], exact_match=False)
            self.fallback = None

    def finish(self, _: Gettext) -> bytes:
        if self.missing:
            characters = ", ".join(f"U+{ord(c):04X}" for c in self.missing)
            self.pdf.ln(4)
            self.pdf.set_font(self.font, size=8)
            self.pdf.multi_cell(
                0,
                5,
                self.text(_(MISSING_NOTE) % {"characters": characters}),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        return bytes(self.pdf.output())


def document(orientation: str = "P") -> Document:
    """A new document in the fonts this machine has: DejaVu with its fallbacks and shaping, or
    fpdf2's Latin-1 Helvetica when DejaVu is not installed."""
    from fpdf import FPDF  # imported when used: most of a second at every start

    pdf = FPDF(orientation=orientation)
    if not (BODY_FONT.exists() and BODY_BOLD.exists()):
        return Document(pdf, "helvetica", lambda code: code < 256)
    pdf.add_font("body", fname=str(BODY_FONT))
    pdf.add_font("body", style="B", fname=str(BODY_BOLD))
    body = pdf.fonts["body"].cmap
    fallback = next((p for p in FALLBACK_FONTS if p.exists()), None)
    if fallback is None:
        return Document(pdf, "body", lambda code: code in body)
    more = _cmap(fallback)
    plain = frozenset(body).intersection(pdf.fonts["bodyB"].cmap)
    return Document(
        pdf, "body", lambda code: code in body or code in more, fallback=fallback, plain=plain
    )


@functools.cache
def _cmap(font: Path) -> frozenset[int]:
    """The characters a font draws, read once per process (its character map alone)."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as parsed:
        return frozenset(parsed.getBestCmap())
