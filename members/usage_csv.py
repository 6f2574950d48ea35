"""The area-usage table as a CSV file: one line per month and group, in the reader's language.

It holds exactly what the page shows: a hidden count is an empty cell with the reason beside it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from kring.messages import N_
from kring.spreadsheets import safe_cell
from members.usage import ROW_NAMES, CellState, Row, Usage

Gettext = Callable[[str], str]

HEADER = (
    N_("Month"),
    N_("Group"),
    N_("Members"),
    N_("Signed in"),
    N_("Share signed in (%)"),
    N_("Note"),
)
NOTES = {
    CellState.shown: "",
    CellState.hidden: N_(
        "hidden: fewer than 5 signed in or did not, or it would reveal another hidden figure"
    ),
    CellState.too_small: N_("fewer than 5 members together: counted in the total only"),
    CellState.in_other: N_("fewer than 5 members this month: counted in Other organisations"),
    CellState.not_kept: N_("no record: login months are no longer kept"),
    CellState.no_members: N_("no members"),
}


def row_name(row: Row, _: Gettext) -> str:
    return row.name if row.name else _(ROW_NAMES[row.kind])


def usage_csv(usage: Usage, _: Gettext) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_(heading) for heading in HEADER])
    for row in usage.rows:
        name = row_name(row, _)
        for cell in row.cells:
            share = f"{cell.share * 100:.1f}" if cell.share is not None else ""
            members = cell.members if cell.state != CellState.in_other else ""
            signed = "" if cell.signed_in is None else cell.signed_in
            note = _(NOTES[cell.state]) if NOTES[cell.state] else ""
            writer.writerow(
                [safe_cell(v) for v in (cell.month, name, members, signed, share, note)]
            )
    # A BOM lets spreadsheet programs read the UTF-8 names correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
