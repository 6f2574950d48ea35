"""The PDF participant list draws every name in its own script, in its own direction, or marks
and names the characters it cannot draw; it never leaves a name out.

The PDF is read back with pypdf: each glyph fpdf2 places, its position and the character its
font's ToUnicode map gives it, so the test sees what a reader sees, in drawing order."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from kring.choices import Role
from kring.pdf import FALLBACK_FONTS
from tests import factories
from tests.events.test_api import NEW_EVENT


@dataclass(frozen=True)
class Glyph:
    y: float
    x: float
    font: str
    code: int
    char: str


def _to_unicode(font) -> dict[int, str]:
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, text in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                found[code] = chr(int(text, 16) + offset)
    return found


def glyphs(data: bytes) -> list[Glyph]:
    """Every glyph of every page, in the order the content stream draws them."""
    reader = PdfReader(io.BytesIO(data))
    out: list[Glyph] = []
    for page in reader.pages:
        fonts = {
            name: _to_unicode(f.get_object()) for name, f in page["/Resources"]["/Font"].items()
        }
        font, x, y = "", 0.0, 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = str(operands[0])
            elif operator == b"Td":
                x, y = float(operands[0]), float(operands[1])
            elif operator == b"Tm":
                x, y = float(operands[4]), float(operands[5])
            elif operator == b"Tj":
                # A string pypdf took for text keeps its bytes in `original_bytes`.
                raw = bytes(getattr(operands[0], "original_bytes", operands[0]))
                for i in range(0, len(raw), 2):
                    code = int.from_bytes(raw[i : i + 2], "big")
                    out.append(Glyph(round(y, 1), round(x, 1), font, code, fonts[font][code]))
    return out


def line_of(data: bytes, char: str) -> list[Glyph]:
    """The glyphs on the line that holds `char`, left to right as a reader sees them."""
    found = glyphs(data)
    y = next(g.y for g in found if g.char == char)
    return sorted((g for g in found if g.y == y), key=lambda g: g.x)


def pdf_of_guests(client, *names: str) -> bytes:
    organiser = factories.account(Role.organiser)
    body = {**NEW_EVENT, "members_only": False, "capacity": 10}
    event_id = client.post("/api/events", json=body, headers=organiser.headers).json()["id"]
    for number, name in enumerate(names):
        guest = {"first_name": "Gast", "last_name": name, "email": f"gast{number}@example.be"}
        answer = client.post(
            f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers
        )
        assert answer.status_code == 201, answer.text
    answer = client.get(f"/api/events/{event_id}/exports/pdf", headers=organiser.headers)
    assert answer.status_code == 200
    return answer.content


needs_fallback_font = pytest.mark.skipif(
    not any(path.exists() for path in FALLBACK_FONTS),
    reason="Debian's fonts-droid-fallback is not installed (.ci/run installs it)",
)


@needs_fallback_font
def test_chinese_names_and_full_width_forms_are_drawn(client):
    data = pdf_of_guests(client, "李小龙", "｜=1")
    assert "".join(g.char for g in line_of(data, "李")) == "李小龙Gast"
    assert "".join(g.char for g in line_of(data, "｜")) == "｜=1Gast"
    assert "□" not in "".join(g.char for g in glyphs(data))


def test_arabic_is_joined_and_drawn_right_to_left(client):
    data = pdf_of_guests(client, "محمد", "שלום")
    arabic = line_of(data, "ح")
    # Drawn from the right: the last letter leftmost.
    assert "".join(g.char for g in arabic) == "دمحمGast"
    # Joined: the first meem (initial form) and the third letter (medial form) are two glyphs.
    assert arabic[1].char == arabic[3].char == "م" and arabic[1].code != arabic[3].code
    assert "".join(g.char for g in line_of(data, "ש")) == "םולשGast"


def test_a_character_no_font_has_is_marked_and_named_never_dropped(client):
    data = pdf_of_guests(client, "\U00012000\U00012001")  # cuneiform: in no installed font
    assert "".join(g.char for g in line_of(data, "□")) == "□□Gast"
    text = "".join(g.char for g in glyphs(data))
    assert "U+12000, U+12001" in text
    assert "lettertypen op deze server niet kunnen weergeven" in text
