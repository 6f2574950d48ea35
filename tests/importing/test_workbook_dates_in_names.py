"""A name that Excel turned into a date ('Mei', 'Juni 3' typed in a column of general format)
came out of an XLSX as the text of a date, '2024-05-01 00:00:00', and was imported as that
member's name (found by the imports probe). A date cell in a name column now refuses its row,
naming the column and the date as the organiser writes dates; a date elsewhere (a column of
notes) is read as its date, without the midnight."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import Workbook

from kring.i18n import gettext_for
from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import Outcome
from members.importing.rows import read_file
from tests.conftest import run


def _workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_date_in_a_name_column_refuses_its_row_naming_the_date():
    data = _workbook(
        ["Voornaam", "Naam", "E-mail", "Functie"],
        [datetime(2024, 5, 1), "Peeters", "an@peeters.be", "zaakvoerder"],
        ["Jan", "Janssens", "jan@janssens.be", date(2023, 3, 1)],
    )
    table = read_file(data, "leden.xlsx")
    report = run(import_rows(table.rows, detect_mapping(table.headers), dry_run=True))
    dated, plain = report.rows
    assert dated.outcome == Outcome.rejected
    [reason] = dated.reasons
    assert reason.field == "first_name"
    assert "1 mei 2024" in reason.translate(gettext_for("nl"))
    assert "00:00" not in reason.translate(gettext_for("nl"))
    assert plain.outcome == Outcome.created
    assert table.rows[1][1]["Functie"] == "2023-03-01"
