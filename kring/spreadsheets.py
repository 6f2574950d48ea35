"""Cells for CSV and XLSX files that people open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kring.writable import writable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell. Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas; quote
    them. Cells are writable text (`kring.writable`): one control character must not fail the
    file."""
    text = "" if value is None else writable(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_cells(sheet: Any, values: Iterable[object]) -> list[Any]:
    """A row of XLSX text cells for a write-only sheet, each holding its text unchanged.

    In XLSX a string cell is never a formula, so no apostrophe is needed (one showed as
    "'+1+1" in Excel and to openpyxl). openpyxl would still read a text starting with "=" as a
    formula and "#N/A" as an error, so every cell is typed as a string; the quote-prefix
    style keeps Excel from reading a formula-like cell as one once someone edits it."""
    from openpyxl.cell import WriteOnlyCell  # imported when used, like openpyxl itself

    cells = []
    for value in values:
        text = "" if value is None else writable(str(value))
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        cells.append(cell)
    return cells
