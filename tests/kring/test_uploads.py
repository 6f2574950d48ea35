"""Uploaded files are judged by their content, named safely, and kept whole in the database."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest
from piccolo.columns import Varchar
from piccolo.table import Table

from kring import uploads
from kring.errors import DomainError
from kring.uploads import (
    DOCUMENTS,
    CheckedFile,
    FileColumns,
    FileKind,
    UploadTooLarge,
    check_upload,
    file_values,
    safe_filename,
)
from kring.validation import FieldError
from tests.conftest import run
from tests.kring import upload_samples as samples

ACCEPTED = [
    ("verslag.pdf", samples.pdf, FileKind.pdf, "application/pdf"),
    ("met de hand.pdf", samples.hand_pdf, FileKind.pdf, "application/pdf"),
    (
        "brief.docx",
        samples.docx,
        FileKind.docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "begroting.xlsx",
        samples.xlsx,
        FileKind.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("logo.png", samples.png, FileKind.png, "image/png"),
    ("foto.jpg", samples.jpeg, FileKind.jpeg, "image/jpeg"),
    ("foto.JPEG", samples.jpeg, FileKind.jpeg, "image/jpeg"),
]


def refusal(filename: str, content: bytes, allowed: frozenset[FileKind] = DOCUMENTS) -> str:
    with pytest.raises(FieldError) as caught:
        check_upload(filename, content, allowed)
    assert caught.value.field == "file"
    return caught.value.message


@pytest.mark.parametrize(("name", "make", "kind", "content_type"), ACCEPTED)
def test_every_accepted_kind_is_recognised_by_its_content(name, make, kind, content_type):
    content = make()
    checked = check_upload(name, content)
    assert checked == CheckedFile(
        filename=name,
        kind=kind,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )


@pytest.mark.parametrize(
    ("make", "extension"),
    [
        (samples.pdf, "pdf"),
        (samples.docx, "docx"),
        (samples.xlsx, "xlsx"),
        (samples.png, "png"),
        (samples.jpeg, "jpg"),
    ],
)
def test_a_name_without_extension_gets_the_detected_one(make, extension):
    assert check_upload("scan", make()).filename == f"scan.{extension}"


def test_a_zip_named_pdf_is_not_a_pdf():
    assert refusal("verslag.pdf", samples.plain_zip()) == (
        "the file is not a real PDF file: its content does not match its name"
    )


def test_a_web_page_with_a_script_named_pdf_is_not_a_pdf():
    assert refusal("verslag.pdf", samples.html_page()).startswith("the file is not a real PDF file")


def test_a_program_is_refused_whatever_its_name():
    assert refusal("setup.exe", samples.windows_program()) == (
        "this kind of file is not accepted; "
        "the accepted kinds are: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG"
    )
    assert refusal("setup.pdf", samples.windows_program()).startswith(
        "the file is not a real PDF file"
    )


def test_a_file_named_as_another_accepted_kind_is_refused():
    assert refusal("brief.pdf", samples.docx()) == (
        "the file's name says PDF but its content is Word (.docx); give it the right extension"
    )
    assert "name says PNG but its content is JPEG" in refusal("foto.png", samples.jpeg())


def test_a_pdf_without_its_end_or_with_a_zip_inside_is_refused():
    assert refusal("kort.pdf", samples.pdf()[:-200]).startswith("the file is not a real PDF file")
    assert refusal("twee.pdf", samples.pdf_zip_polyglot()).startswith(
        "the file is not a real PDF file"
    )


def test_a_png_without_its_header_chunk_and_a_bare_jpeg_start_are_refused():
    assert refusal("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20).startswith("the file is not")
    assert refusal("x.jpg", b"\xff\xd8\xff").startswith("the file is not a real JPEG file")


def test_an_office_file_that_would_unpack_to_gigabytes_is_refused_by_its_headers():
    assert "refused as a possible zip bomb" in refusal("brief.docx", samples.bomb_docx())


def test_an_office_file_a_thousand_times_denser_than_text_is_refused():
    assert "(1001 times its size)" in refusal("brief.docx", samples.dense_docx())


def test_an_encrypted_office_file_is_refused():
    assert refusal("brief.docx", samples.encrypted_docx()) == (
        "the Word (.docx) file is protected with a password; save it without one"
    )


def test_a_password_protected_or_old_office_file_is_refused_saying_so():
    assert refusal("brief.docx", samples.password_protected_docx()) == (
        "the file is an older Office file (.doc, .xls) or one protected with a password; "
        "save it as .docx or .xlsx without a password"
    )


def test_an_office_file_of_thousands_of_parts_is_refused():
    assert refusal("brief.docx", samples.many_parts_docx()) == (
        "the file holds 2103 parts; at most 2000 are accepted"
    )


def test_an_office_file_with_macros_is_refused():
    assert "contains macros" in refusal("brief.docx", samples.macro_docx())


def test_an_empty_file_is_refused():
    assert refusal("leeg.pdf", b"") == "the file is empty; choose a file with content"


def test_a_kind_the_caller_does_not_allow_is_refused():
    assert refusal("logo.png", samples.png(), frozenset({FileKind.pdf})) == (
        "PNG files are not accepted here; the accepted kinds are: PDF"
    )


def test_a_file_above_the_limit_is_too_large_with_a_413():
    limit = uploads.MAX_UPLOAD_BYTES
    assert limit == 20 * 1024 * 1024  # KRING_UPLOAD_MAX_MB's default
    content = samples.pdf()
    content = content[:-6] + b" " * (limit - len(content) + 1) + content[-6:]
    with pytest.raises(UploadTooLarge) as caught:
        check_upload("groot.pdf", content)
    assert isinstance(caught.value, DomainError)
    assert caught.value.status_code == 413
    assert caught.value.field == "file"
    assert caught.value.message == (
        "the file is larger than the limit of 20 MB; send a smaller file"
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\temp\\x.pdf", "x.pdf"),
        ("/var/www/..\\..\\x.pdf", "x.pdf"),
        ("ver\x00sl\x1bag\x7f\x85.pdf", "verslag.pdf"),
        ("factuur\u202efdp.exe", "factuurfdp.exe.pdf"),
        ("\u2066rapport\u2069\u202a.pdf", "rapport.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("...pdf", "pdf.pdf"),
        ("", "file.pdf"),
        ("/", "file.pdf"),
        ("..", "file.pdf"),
        ('a<b>c:"d"|e?*.pdf', "a_b_c__d__e__.pdf"),
        ("  ruimte   in  naam .pdf ", "ruimte in naam.pdf"),
        ("notities.txt", "notities.txt.pdf"),
    ],
)
def test_the_name_kept_is_only_a_safe_base_name(given, kept):
    assert check_upload(given, samples.pdf()).filename == kept


def test_a_name_is_composed_to_nfc():
    decomposed = "cafe\u0301.pdf"
    assert check_upload(decomposed, samples.pdf()).filename == unicodedata.normalize(
        "NFC", decomposed
    )


def test_a_long_name_is_cut_to_150_characters_keeping_its_extension():
    name = safe_filename("ä" * 400 + ".docx", FileKind.docx)
    assert len(name) == 150
    assert name.endswith("ä.docx")


def test_file_columns_are_mixed_into_each_table_on_their_own():
    class Left(FileColumns, Table):
        title = Varchar()

    class Right(FileColumns, Table):
        pass

    names = [column._meta.name for column in Left._meta.columns]
    assert names == ["id", "filename", "content_type", "size", "sha256", "content", "title"]
    assert Left.content is not Right.content
    assert Left.content._meta.table is Left
    assert Left.filename.length == 150


class UploadProbe(FileColumns, Table):
    """A table of this test only: a stored file must come back byte for byte."""


def test_a_file_comes_back_from_the_database_byte_for_byte():
    checked = check_upload("begroting.xlsx", samples.xlsx())

    async def round_trip() -> dict:
        await UploadProbe.create_table(if_not_exists=True)
        try:
            await UploadProbe.insert(UploadProbe(**file_values(checked)))
            return await UploadProbe.select().first()
        finally:
            await UploadProbe.alter().drop_table()

    row = run(round_trip())
    assert bytes(row["content"]) == checked.content
    assert {key: row[key] for key in ("filename", "content_type", "size", "sha256")} == {
        "filename": checked.filename,
        "content_type": checked.content_type,
        "size": checked.size,
        "sha256": checked.sha256,
    }


@pytest.mark.parametrize(
    "make", [samples.docx, samples.xlsx, samples.pdf, samples.hand_pdf], ids=lambda m: m.__name__
)
def test_the_canary_scan_reads_inside_stored_files(make):
    """Compressed parts of an Office file and a PDF's deflated text hide a canary from a scan of
    the raw bytes; the scan of a Bytea value unpacks them."""
    from tests.privacy.canary import stored_file_text

    canary = "kn" + "5eed" * 3
    content = make(f"Naam {canary}")
    assert check_upload("x", content)
    if make is not samples.hand_pdf:
        assert canary.encode() not in content  # compressed: only unpacking finds it
    assert canary in stored_file_text(content)
