"""Cells for CSV and XLSX files that people open in a spreadsheet, and the one rule of which
cells a spreadsheet runs as formulas: the exports escape by it and the import reads it back."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kring.writable import writable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
"""What a CSV export puts before a cell a spreadsheet would run (`safe_cell`), and what the
import takes off again (`unescaped_cell`)."""
PLAIN_NUMBER = re.compile(r"[+-][\d\s./()-]*\d[\d\s./()-]*")
"""A phone number (`+32 9 123 45 67`) or a signed number (`-5`): a spreadsheet computes
nothing from it, so the import does not flag it as a formula (the export escapes it all the
same, being careful)."""


def _escaped_by_export(text: str) -> bool:
    """Whether the export puts `ESCAPE` before `text`: a formula start, or apostrophes then one
    (so a stored `'=1` leaves as `''=1` and comes back as `'=1`, not as `=1`)."""
    return text.lstrip(ESCAPE).startswith(FORMULA_STARTS)


def safe_cell(value: object) -> str:
    """A CSV cell. Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas; quote
    them. Cells are writable text (`kring.writable`): one control character must not fail the
    file."""
    text = "" if value is None else writable(str(value))
    return ESCAPE + text if _escaped_by_export(text) else text


def unescaped_cell(text: str) -> str:
    """A CSV cell as it was before `safe_cell` escaped it: exactly that one apostrophe is taken
    off, so an export reads back unchanged; any other apostrophe stays (`'t Hof`)."""
    if text.startswith(ESCAPE) and _escaped_by_export(text[1:]):
        return text[1:]
    return text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run `text`: it starts as `safe_cell` escapes (= + - @), is
    more than that character, and is no phone number nor signed number (`PLAIN_NUMBER`)."""
    return len(text) > 1 and text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


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
