"""Cells a CRM export should not hold, found by probing the import page from outside.

A line or paragraph separator (U+2028, U+2029, pasted from a PDF or a web page), a line break
or a control character in a `Naam` column was turned into a space without a word ('Peet ers'
created), while the same character in a `Voornaam` column refused its row naming it: a name
is now tidied of spaces only (a non-breaking space is a space), and what no name holds refuses
the row, whichever column it is in."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from kring.choices import Role
from kring.validation import FieldError
from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import Outcome
from members.importing.rows import read_file
from members.importing.tables import ImportRun
from tests import factories
from tests.conftest import run
from tests.importing.helpers import csv_bytes
from tests.importing.test_hostile_workbooks import WORKBOOK


def _preview(*lines: str):
    table = read_file(csv_bytes(*lines), "leden.csv")
    return run(import_rows(table.rows, detect_mapping(table.headers), dry_run=True)).rows


@pytest.mark.parametrize(
    ("header", "cell", "reason"),
    [
        ("Voornaam;Naam;E-mail", "Anna;Peet\u2029ers;a@voorbeeld.be", "line separator U+2029"),
        ("Naam;E-mail", "Anna Peet\u2028ers;a@voorbeeld.be", "line separator U+2028"),
        ("Naam;E-mail", "JANSSENS\u2028Jan;a@voorbeeld.be", "line separator U+2028"),
        ("Voornaam;Naam;E-mail", "Anna;Peet\x1fers;a@voorbeeld.be", "U+001F"),
        ("Voornaam;Naam;E-mail", 'Anna;"Peet\ners";a@voorbeeld.be', "line break"),
    ],
)
def test_what_no_name_holds_refuses_its_row_in_a_full_name_column_too(header, cell, reason):
    (row,) = _preview(header, cell)
    assert row.outcome == Outcome.rejected, (row.name, row.reasons)
    assert any(reason in str(problem) for problem in row.reasons), row.reasons


def test_spaces_in_a_name_are_tidied_as_before():
    (row,) = _preview("Naam;E-mail", "Anna\u00a0 Van\tden\u202fBroeck ;a@voorbeeld.be")
    assert row.outcome == Outcome.created
    assert row.name == "Anna Van den Broeck"


LONG = "x" * 100_000
"""A CRM's long free-text cell, in columns the import ignores."""


def test_a_preview_of_long_cells_stays_small(client):
    """The preview of two rows with forty cells of 100,000 characters each (8 MB) stored every
    one of them as the columns' first values, and its page was 8 MB. The first values are
    shortened, as is a row's name in the report."""
    header = ";".join(["Voornaam", "Naam", "E-mail", *(f"Vrij {n}" for n in range(40))])
    rows = [";".join(["An", "Peeters", "an@peeters.be", *[LONG] * 40]), f"Jan;{LONG};geen-adres"]
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("crm.csv", csv_bytes(header, *rows))},
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html", "accept-language": "nl-BE"},
    )
    deadline = time.monotonic() + 60
    while 'data-status="done"' not in answer.text and time.monotonic() < deadline:
        time.sleep(0.2)
        answer = client.get(answer.url.path)
    assert 'data-status="done"' in answer.text, answer.text[:500]
    assert len(answer.content) < 100_000, len(answer.content)
    assert "xxx…" in answer.text
    stored = run(ImportRun.select(ImportRun.report).first())["report"]
    assert len(stored) < 100_000, len(stored)


def test_a_stray_nul_in_a_text_file_is_named_by_its_line():
    """One NUL in a CSV refused the whole file as 'not a text file (CSV) nor an Excel
    workbook', which the organiser, looking at a CSV, cannot act on."""
    data = csv_bytes("Voornaam;Naam;E-mail", "An;Peeters;an@peeters.be", "Jan;Cla\x00es;j@c.be")
    with pytest.raises(FieldError) as refused:
        read_file(data, "leden.csv")
    assert refused.value.message == (
        "line 3 holds a NUL character (U+0000), which no text holds; remove it and upload the "
        "file again"
    )


def test_a_file_of_many_nuls_is_still_no_text_file():
    with pytest.raises(FieldError) as refused:
        read_file(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + b"\x03\xfe\xff", "leden.csv"
        )
    assert "not a text file (CSV) nor an Excel workbook" in refused.value.message


DAMAGED_CELLS = {  # the cell, what the refusal says
    "a character reference XML forbids": (
        b'<c r="A2" t="inlineStr"><is><t>An&#x1;na</t></is></c>',
        "the file is damaged",  # found where the reader first looks into the sheet
    ),
    "a number that is none": (
        b'<c r="A2"><v>NaN</v></c>',
        "row 2 of the first sheet cannot be read",
    ),
    "a date that is none": (
        b'<c r="A2" t="d"><v>2024-13-45</v></c>',
        "row 2 of the first sheet cannot be read",
    ),
}


def _damaged_workbook(cell: bytes) -> bytes:
    """A workbook whose row 2 holds `cell` (as a damaged or hand-made file may) and a good
    row 3."""
    row = (
        b'<row r="2">'
        + cell
        + b'</row><row r="3"><c r="A3" t="inlineStr"><is><t>Jan</t></is></c></row>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in WORKBOOK.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
            b"Voornaam</t></is></c></row>" + row + b"</sheetData></worksheet>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize("name", DAMAGED_CELLS)
def test_a_damaged_cell_of_a_workbook_is_refused_naming_its_row(name):
    """Found by probing: such a cell raised the XML parser's or Python's own error out of the
    reading, a 500 from the API and 'the import stopped' with a traceback from the page."""
    cell, says = DAMAGED_CELLS[name]
    with pytest.raises(FieldError) as refused:
        read_file(_damaged_workbook(cell), "leden.xlsx")
    assert refused.value.field == "file"
    assert says in refused.value.message


def test_the_api_answers_a_damaged_workbook_with_a_400(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/import/members",
        files={
            "file": ("leden.xlsx", _damaged_workbook(DAMAGED_CELLS["a number that is none"][0]))
        },
        data={"dry_run": "true"},
        headers=organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    assert "row 2 of the first sheet cannot be read" in answer.json()["detail"]


def test_a_files_name_is_kept_as_its_last_part_without_controls_and_not_too_long(client):
    """Found by probing: the name a browser sent was listed under 'Recent imports' as sent, a
    path and a line break included (`../../etc/passwd\\r\\n.csv`), and a long one was cut at
    255 characters, losing its extension."""
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    client.headers.update({"accept": "text/html", "accept-language": "nl-BE"})
    for n, name in enumerate(("C:\\fakepath\\..\\leden\r\n\u202egpj.csv", "x" * 300 + ".csv")):
        data = csv_bytes("Voornaam;Naam;E-mail", f"An;Peeters;an{n}@peeters.be")
        client.post(
            "/import/preview",
            files={"file": (name, data)},
            data={"_csrf_token": factories.csrf_token(client)},
        )
    names = run(ImportRun.select(ImportRun.filename).order_by(ImportRun.id).output(as_list=True))
    assert names == ["leden gpj.csv", "x" * 80 + "….csv"], names
