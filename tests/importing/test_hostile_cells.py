"""Cells a CRM export should not hold, found by probing the import page from outside.

A line or paragraph separator (U+2028, U+2029, pasted from a PDF or a web page), a line break
or a control character in a `Naam` column was turned into a space without a word ('Peet ers'
created), while the same character in a `Voornaam` column refused its row naming it: a name
is now tidied of spaces only (a non-breaking space is a space), and what no name holds refuses
the row, whichever column it is in."""

from __future__ import annotations

import pytest

from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import Outcome
from members.importing.rows import read_file
from tests.conftest import run
from tests.importing.helpers import csv_bytes


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
