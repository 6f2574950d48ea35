"""Organisers' exports of members and organisations, as CSV or XLSX.

Honouring privacy in an internal export means: erased members never appear; members who
opted out of being listed are left out too, because a spreadsheet is exactly a list that
travels beyond Kring; private contact fields are never exported; `no_mailings` is a column so
a mailing tool fed from the export can honour it. Every export is audited.

A cell that starts with =, +, -, @, tab or carriage return would be a formula in a spreadsheet
(CSV injection): in CSV such cells get a leading apostrophe; XLSX cells are string cells, which
are never formulas, and hold the text unchanged (`kring.spreadsheets`).
"""

from __future__ import annotations

import csv
import io

from litestar import Response

from kring.choices import MemberStatus
from kring.errors import NotFound
from kring.messages import N_
from kring.spreadsheets import safe_cell, xlsx_cells
from kring.tables import Member, Organisation
from privacy.audit import Action, record_audit
from privacy.restriction import restricted_members

MEMBER_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "job_title",
    "email",
    "phone",
    "address",
    "organisation",
    "enterprise_number",
    "met_via",
    "joined_at",
    "status",
    "language",
    "no_mailings",
)
ORGANISATION_COLUMNS = ("id", "name", "enterprise_number", "kind", "website", "address")
FORMATS = {"csv": "text/csv", "xlsx": (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)}  # fmt: skip
EXPORTS = ("members", "organisations")
NAMES = tuple(f"{what}.{fmt}" for what in EXPORTS for fmt in FORMATS)
"""The files `export_download` serves: `members.csv`, `organisations.xlsx`…"""


async def member_rows() -> list[list[object]]:
    rows = (
        await Member.select(
            *(
                getattr(Member, c)
                for c in MEMBER_COLUMNS
                if c not in ("organisation", "enterprise_number")
            ),
            Member.organisation.name.as_alias("organisation"),
            Member.organisation.enterprise_number.as_alias("enterprise_number"),
        )
        .where(Member.status != MemberStatus.erased)
        .where(Member.opt_out_listing.eq(False))
        .where(Member.id.not_in(restricted_members()))  # GDPR art. 18
        .order_by(Member.last_name)
        .order_by(Member.first_name)
    )
    return [[row[c] for c in MEMBER_COLUMNS] for row in rows]


async def organisation_rows() -> list[list[object]]:
    rows = await Organisation.select(
        *(getattr(Organisation, c) for c in ORGANISATION_COLUMNS)
    ).order_by(Organisation.name)
    return [[row[c] for c in ORGANISATION_COLUMNS] for row in rows]


def to_csv(header: tuple[str, ...], rows: list[list[object]]) -> bytes:
    """UTF-8 with a BOM and semicolons: what Excel in Belgium opens without a wizard."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[safe_cell(value) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: tuple[str, ...], rows: list[list[object]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(xlsx_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_file(what: str, fmt: str, actor: int | None, *, audited: bool = True) -> bytes:
    """The file's bytes; a members' export is audited unless ``audited`` is false (a HEAD,
    where the file is made for its headers and nothing leaves)."""
    choices = ", ".join(NAMES)
    if not what:
        raise NotFound(N_("name what to export: %(choices)s"), choices=choices)
    if what not in EXPORTS:
        raise NotFound(N_("no export of %(what)s; choose %(choices)s"), what=what, choices=choices)
    if not fmt:
        raise NotFound(N_("choose a format: %(what)s.csv or %(what)s.xlsx"), what=what)
    if fmt not in FORMATS:
        raise NotFound(
            N_("no %(fmt)s export; choose %(what)s.csv or %(what)s.xlsx"), fmt=fmt, what=what
        )
    if what == "members":
        header, rows = MEMBER_COLUMNS, await member_rows()
        if audited:
            await record_audit(actor, None, Action.exported, "member")
    else:
        header, rows = ORGANISATION_COLUMNS, await organisation_rows()
    return to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows, what)


async def export_download(name: str, account_id: int, *, head: bool = False) -> Response[bytes]:
    """`members.csv`, `organisations.xlsx`…: the file as a download, for the API and the pages;
    a HEAD gets the same headers and is not audited, since no data leaves."""
    what, _, fmt = name.partition(".")
    content = await export_file(what, fmt, account_id, audited=not head)
    return Response(
        content,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{what}.{fmt}"'},
    )
