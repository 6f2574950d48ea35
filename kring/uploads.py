"""Uploaded files: what kind a file is (by its content, never its name), a safe name for it,
and the columns that keep it in the owning app's table.

Files live in the database, beside the row they belong to: every app process on any host sees
them, backups, erasure and retention cover them with their rows, and nothing sits under a web
root. This module is pure (no web); `kring.web.uploads` reads a request and serves a download.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from piccolo.columns import Bytea, Integer, Varchar

from kring.errors import TooLarge
from kring.messages import N_
from kring.settings import get_settings
from kring.validation import FieldError


class FileKind(StrEnum):
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    png = "png"
    jpeg = "jpeg"


DOCUMENTS: frozenset[FileKind] = frozenset(FileKind)

CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.pdf: "application/pdf",
    FileKind.docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.png: "image/png",
    FileKind.jpeg: "image/jpeg",
}

# The extension a name without one gets, and the extensions that name each kind.
EXTENSIONS: dict[FileKind, str] = {kind: kind.value for kind in FileKind} | {FileKind.jpeg: "jpg"}
NAMED_KIND: dict[str, FileKind] = {
    "pdf": FileKind.pdf,
    "docx": FileKind.docx,
    "xlsx": FileKind.xlsx,
    "png": FileKind.png,
    "jpg": FileKind.jpeg,
    "jpeg": FileKind.jpeg,
    "jpe": FileKind.jpeg,
}
# How a kind is named in messages: format names, the same in every language.
KIND_NAMES: dict[FileKind, str] = {
    FileKind.pdf: "PDF",
    FileKind.docx: "Word (.docx)",
    FileKind.xlsx: "Excel (.xlsx)",
    FileKind.png: "PNG",
    FileKind.jpeg: "JPEG",
}

FILENAME_LIMIT = 150
FIELD = "file"

# An Office file is a ZIP of XML parts; these bound what its headers may declare, so a file
# that would unpack to gigabytes (a zip bomb) is refused before anyone opens it.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_FROM_BYTES = 1024 * 1024
CONTENT_TYPES_PART_LIMIT = 1024 * 1024

PDF_EOF_WINDOW = 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZIP_SIGNATURE = b"PK\x03\x04"
# Office's compound file: .doc and .xls, and the wrapper of every password-protected .docx/.xlsx.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_upload_bytes() -> int:
    return get_settings().upload_max_mb * 1024 * 1024


def __getattr__(name: str) -> Any:
    """`MAX_UPLOAD_BYTES` is read from the settings when asked, not when this module loads."""
    if name == "MAX_UPLOAD_BYTES":
        return max_upload_bytes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UploadTooLarge(TooLarge):
    """A file above KRING_UPLOAD_MAX_MB: answered 413, naming the limit (`upload_too_large`)."""


def upload_too_large(limit: int | None = None) -> UploadTooLarge:
    limit = max_upload_bytes() if limit is None else limit
    return UploadTooLarge(
        N_("the file is larger than the limit of %(limit)s MB; send a smaller file"),
        field=FIELD,
        limit=f"{limit / (1024 * 1024):g}",
    )


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    kind: FileKind
    content_type: str
    size: int
    sha256: str
    content: bytes


def check_upload(
    filename: str, content: bytes, allowed: frozenset[FileKind] = DOCUMENTS
) -> CheckedFile:
    """The file as Kring keeps it, or a FieldError on `file` saying what is wrong with it."""
    limit = max_upload_bytes()
    if len(content) > limit:
        raise upload_too_large(limit)
    if not content:
        raise FieldError(FIELD, N_("the file is empty; choose a file with content"))
    named = named_kind(filename)
    kind = detect_kind(content)
    if kind is None:
        if content.startswith(OLE_SIGNATURE):
            raise FieldError(
                FIELD,
                N_(
                    "the file is an older Office file (.doc, .xls) or one protected with a "
                    "password; save it as .docx or .xlsx without a password"
                ),
            )
        if named is not None:
            raise FieldError(
                FIELD,
                N_("the file is not a real %(kind)s file: its content does not match its name"),
                kind=KIND_NAMES[named],
            )
        raise FieldError(
            FIELD,
            N_("this kind of file is not accepted; the accepted kinds are: %(allowed)s"),
            allowed=kind_list(allowed),
        )
    if named is not None and named != kind:
        raise FieldError(
            FIELD,
            N_(
                "the file's name says %(named)s but its content is %(kind)s; "
                "give it the right extension"
            ),
            named=KIND_NAMES[named],
            kind=KIND_NAMES[kind],
        )
    if kind not in allowed:
        raise FieldError(
            FIELD,
            N_("%(kind)s files are not accepted here; the accepted kinds are: %(allowed)s"),
            kind=KIND_NAMES[kind],
            allowed=kind_list(allowed),
        )
    return CheckedFile(
        filename=safe_filename(filename, kind),
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=bytes(content),
    )


def kind_list(kinds: frozenset[FileKind]) -> str:
    return ", ".join(KIND_NAMES[kind] for kind in FileKind if kind in kinds)


# --- What a file is ---------------------------------------------------------------------------


def detect_kind(content: bytes) -> FileKind | None:
    """The kind the bytes are, or None. An Office file that is damaged, encrypted, holds macros
    or would unpack too far raises a FieldError: it is a ZIP that must not be kept."""
    if content.startswith(b"%PDF-"):
        return FileKind.pdf if _is_pdf(content) else None
    if content.startswith(PNG_SIGNATURE):
        return FileKind.png if content[12:16] == b"IHDR" else None
    if content.startswith(b"\xff\xd8\xff"):
        return FileKind.jpeg if _is_jpeg(content) else None
    if content.startswith(ZIP_SIGNATURE):
        return _office_kind(content)
    return None


def _is_pdf(content: bytes) -> bool:
    """A header, an end-of-file marker near the end, and not also a ZIP (a polyglot)."""
    if b"%%EOF" not in content[-PDF_EOF_WINDOW:]:
        return False
    return not zipfile.is_zipfile(io.BytesIO(content))


def _is_jpeg(content: bytes) -> bool:
    """Start of image, then a marker segment (APPn, DQT, SOF…) and an end of image."""
    return len(content) > 4 and content[3] >= 0xC0 and content[3] != 0xFF and b"\xff\xd9" in content


def _office_kind(content: bytes) -> FileKind | None:
    # Reading the directory makes an object per entry: count the entries' headers first.
    if (headers := content.count(b"PK\x01\x02")) > ZIP_MAX_ENTRIES:
        raise FieldError(
            FIELD,
            N_("the file holds %(count)s parts; at most %(limit)s are accepted"),
            count=headers,
            limit=ZIP_MAX_ENTRIES,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    with archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names:
            return None
        has_word = "word/document.xml" in names
        has_excel = "xl/workbook.xml" in names
        if has_word == has_excel:
            return None
        kind = FileKind.docx if has_word else FileKind.xlsx
        _refuse_unsafe_archive(entries, kind)
        if not _declares_parts(archive, kind):
            return None
        return kind


def _refuse_unsafe_archive(entries: list[zipfile.ZipInfo], kind: FileKind) -> None:
    """Judge the archive by its headers alone: nothing is unpacked to disk or memory."""
    shown = KIND_NAMES[kind]
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise FieldError(
            FIELD,
            N_("the %(kind)s file is protected with a password; save it without one"),
            kind=shown,
        )
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise FieldError(
            FIELD,
            N_("the %(kind)s file contains macros; save it as a file without macros"),
            kind=shown,
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    too_big = unpacked > ZIP_MAX_UNPACKED_BYTES
    too_dense = unpacked > ZIP_RATIO_FROM_BYTES and unpacked > ZIP_MAX_RATIO * max(packed, 1)
    if too_big or too_dense:
        raise FieldError(
            FIELD,
            N_(
                "the %(kind)s file would unpack to %(size)s MB (%(ratio)s times its size); "
                "it is refused as a possible zip bomb"
            ),
            kind=shown,
            size=round(unpacked / (1024 * 1024)),
            ratio=unpacked // max(packed, 1),
        )


def _declares_parts(archive: zipfile.ZipFile, kind: FileKind) -> bool:
    """[Content_Types].xml names the main part: Office reads it first; so do we, bounded."""
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > CONTENT_TYPES_PART_LIMIT:
        return False
    try:
        with archive.open(info) as part:
            text = part.read(CONTENT_TYPES_PART_LIMIT + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        return False
    if len(text) > CONTENT_TYPES_PART_LIMIT:
        return False
    main = b"wordprocessingml.document.main+xml" if kind is FileKind.docx else b"sheet.main+xml"
    return main in text


# --- Names ------------------------------------------------------------------------------------

# Controls (C0, DEL, C1), the bidi embeddings/overrides/isolates and marks that can make
# `cod.exe` read as `exe.doc`, and characters Windows cannot keep in a name.
_DROPPED = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_RESERVED = re.compile(r'[<>:"|?*]')


def named_kind(filename: str) -> FileKind | None:
    """The kind the name's extension claims, if it is one of ours."""
    base = _base_name(filename)
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem.strip(". "):
        return None
    return NAMED_KIND.get(extension.strip().lower())


def _base_name(filename: str) -> str:
    text = unicodedata.normalize("NFC", filename)
    text = _DROPPED.sub("", text)
    return re.split(r"[/\\]", text)[-1].strip()


def safe_filename(filename: str, kind: FileKind) -> str:
    """The last path component, without controls or bidi tricks, no leading dots, NFC, at most
    150 characters, ending in an extension of `kind` (added when the name has none of ours)."""
    base = _RESERVED.sub("_", _base_name(filename)).lstrip(". ").rstrip(". ")
    base = " ".join(base.split())
    stem, dot, extension = base.rpartition(".")
    if dot and stem and NAMED_KIND.get(extension.lower()) is kind:
        base, extension = stem.rstrip(". "), extension
    else:
        extension = EXTENSIONS[kind]
    base = base[: FILENAME_LIMIT - len(extension) - 1].rstrip(". ") or "file"
    return f"{base}.{extension}"


# --- Columns ----------------------------------------------------------------------------------


class FileColumns:
    """The columns of a stored file; mix into the owning table:
    `class Attachment(FileColumns, Table): ...` (Piccolo copies mixed-in columns per table).
    `content` is BYTEA on PostgreSQL and BLOB on SQLite."""

    filename = Varchar(length=FILENAME_LIMIT)
    content_type = Varchar(length=100)
    size = Integer()
    sha256 = Varchar(length=64)
    content = Bytea()


def file_values(checked: CheckedFile) -> dict[str, Any]:
    """Column values for an insert: `Attachment(**file_values(checked), owner=...)`."""
    return {
        "filename": checked.filename,
        "content_type": checked.content_type,
        "size": checked.size,
        "sha256": checked.sha256,
        "content": checked.content,
    }
