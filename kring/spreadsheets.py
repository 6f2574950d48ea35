"""Cells for CSV and XLSX files that people open in a spreadsheet."""

from __future__ import annotations

from kring.writable import writable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas; quote them. Cells
    are writable text (`kring.writable`): one control character must not fail the file."""
    text = "" if value is None else writable(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text
