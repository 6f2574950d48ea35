"""Real, minimal files of every accepted kind, and hostile ones, for the upload tests (any app's
upload tests may use them). Each is built the way such files come about: fpdf2 (Kring's PDF
writer) or by hand with a valid cross-reference table, openpyxl, a hand-zipped Word document,
Pillow for JPEG, PNG chunk by chunk."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from fpdf import FPDF

WORD_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
WORD_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
WORD_BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)


def pdf(text: str = "Kring") -> bytes:
    """A PDF as Kring writes its participant lists (fpdf2, compressed streams)."""
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text)
    return bytes(document.output())


def hand_pdf(text: str = "Kring") -> bytes:
    """A one-page PDF written by hand: uncompressed, with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def docx(text: str = "Kring", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word document zipped by hand: the three parts Word needs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", WORD_TYPES)
        archive.writestr("_rels/.rels", WORD_RELS)
        archive.writestr("word/document.xml", WORD_BODY.format(text=text))
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def xlsx(text: str = "Kring") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """A 1×1 white pixel."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + _chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="JPEG")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not an office file")
    return out.getvalue()


def _patch_central_directory(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    """Overwrite a field of `name`'s central directory header (what ZipInfo reads)."""
    out = bytearray(data)
    start = out.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack("<H", out[start + 28 : start + 30])[0]
        if out[start + 46 : start + 46 + name_length] == name.encode():
            out[start + offset : start + offset + len(value)] = value
            return bytes(out)
        start = out.find(b"PK\x01\x02", start + 4)
    raise ValueError(name)


def bomb_docx() -> bytes:
    """A Word document whose picture says it unpacks to 4 GB (the headers are what is judged)."""
    data = docx(extra={"word/media/image1.png": b"\x00" * 1000})
    return _patch_central_directory(data, "word/media/image1.png", 24, struct.pack("<I", 2**32 - 1))


def dense_docx() -> bytes:
    """A Word document with a 20 MB part of zeros: a thousand times denser than any text."""
    return docx(extra={"word/media/zeros.bin": b"\x00" * (20 * 1024 * 1024)})


def encrypted_docx() -> bytes:
    """A Word document whose document part is marked encrypted (general purpose flag bit 0)."""
    data = docx()
    return _patch_central_directory(data, "word/document.xml", 8, struct.pack("<H", 0x1))


def password_protected_docx() -> bytes:
    """What Word saves with a password: a compound file (OLE2) holding the encrypted package."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def many_parts_docx(count: int = 2100) -> bytes:
    return docx(extra={f"customXml/item{i}.xml": b"<x/>" for i in range(count)})


def macro_docx() -> bytes:
    return docx(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})


def windows_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 64


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def pdf_zip_polyglot() -> bytes:
    """A PDF with a ZIP appended: opens as either."""
    return pdf() + plain_zip()
