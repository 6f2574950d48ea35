"""Participant lists as files: CSV, XLSX, PDF and a printable HTML document.

Renderers take the people they are given and add nobody: shareable files get their rows from
`participants.shareable_participants`, the confidential full export from `full_participants`,
and only `organiser_export` produces the latter (logged in ExportLog).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence
from enum import StrEnum

from events.participants import (
    FullParticipant,
    Participant,
    full_participants,
    participants_for,
    require_organiser,
)
from events.tables import Event, ExportLog
from kring.clock import utc_now
from kring.i18n import LANGUAGES, gettext_for
from kring.messages import N_
from kring.pdf import document
from kring.principal import Principal
from kring.settings import get_settings
from kring.spreadsheets import safe_cell, xlsx_cells
from kring.vocabulary import label
from kring.writable import writable

Gettext = Callable[[str], str]

CONFIDENTIAL = N_("CONFIDENTIAL: full participant list for the organisers only; do not share")
SHAREABLE_HEADER = ("last_name", "first_name", "job_title", "company")
FULL_HEADER = (
    "last_name",
    "first_name",
    "job_title",
    "company",
    "email",
    "status",
    "guest",
    "hidden_from_list",
)
# The columns as the reader of the file names them, in the requesting viewer's language.
HEADINGS = {
    "last_name": N_("Last name"),
    "first_name": N_("First name"),
    "job_title": N_("Job title"),
    "company": N_("Organisation"),
    "email": N_("E-mail"),
    "status": N_("Status"),
    "guest": N_("Guest"),
    "hidden_from_list": N_("Left off the shareable list"),
}


def _gettext(language: str | None) -> Gettext:
    """The requesting viewer's language; the network's default for a caller without one."""
    return gettext_for(language if language in LANGUAGES else get_settings().default_language)


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    pdf = "pdf"
    html = "html"


MEDIA_TYPES = {
    Format.csv: "text/csv",
    Format.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.pdf: "application/pdf",
    Format.html: "text/html",
}


def _rows(
    people: Sequence[Participant | FullParticipant], full: bool, _: Gettext
) -> list[list[str]]:
    """The cells of every format, as writable text (`kring.writable`)."""
    return [[writable(cell) for cell in row] for row in _cells(people, full, _)]


def _header(full: bool, _: Gettext) -> list[str]:
    return [_(HEADINGS[column]) for column in (FULL_HEADER if full else SHAREABLE_HEADER)]


def _cells(
    people: Sequence[Participant | FullParticipant], full: bool, _: Gettext
) -> list[list[str]]:
    if full:
        return [
            [
                p.last_name,
                p.first_name,
                p.job_title,
                p.company,
                p.email,
                label(p.status, _),
                _("yes") if p.guest else _("no"),
                _("yes") if p.hidden_from_list else _("no"),
            ]
            for p in people
            if isinstance(p, FullParticipant)
        ]
    return [[p.last_name, p.first_name, p.job_title, p.company] for p in people]


def to_csv(
    people: Sequence[Participant | FullParticipant],
    title: str,
    full: bool = False,
    language: str | None = None,
) -> bytes:
    _ = _gettext(language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if full:
        writer.writerow([_(CONFIDENTIAL)])
    writer.writerow(_header(full, _))
    writer.writerows([[safe_cell(cell) for cell in row] for row in _rows(people, full, _)])
    # A BOM lets spreadsheet programs read the UTF-8 names correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(
    people: Sequence[Participant | FullParticipant],
    title: str,
    full: bool = False,
    language: str | None = None,
) -> bytes:
    _ = _gettext(language)
    from openpyxl import Workbook  # imported when used: a fifth of a second at every start

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("CONFIDENTIAL") if full else _("Participants"))
    if full:
        sheet.append([_(CONFIDENTIAL)])
    sheet.append(_header(full, _))
    for row in _rows(people, full, _):
        sheet.append(xlsx_cells(sheet, row))
    if full:
        book.properties.title = f"{_('CONFIDENTIAL')} {title}"[:250]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(
    people: Sequence[Participant | FullParticipant],
    title: str,
    full: bool = False,
    language: str | None = None,
) -> bytes:
    _ = _gettext(language)
    doc = document("L" if full else "P")
    pdf = doc.pdf
    pdf.set_title(doc.text((_("CONFIDENTIAL") + " " if full else "") + title))
    pdf.add_page()
    pdf.set_font(doc.font, size=14)
    if full:
        pdf.multi_cell(0, 8, doc.text(_(CONFIDENTIAL)), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, doc.text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(doc.font, size=9)
    with pdf.table(text_align="LEFT") as table:
        table.row([doc.text(h) for h in _header(full, _)])
        for row in _rows(people, full, _):
            table.row([doc.text(cell) for cell in row])
    return doc.finish(_)


def to_html(
    people: Sequence[Participant | FullParticipant],
    title: str,
    full: bool = False,
    language: str | None = None,
) -> bytes:
    """A standalone printable document (the CLI's html format)."""
    _ = _gettext(language)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in _header(full, _))
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in _rows(people, full, _)
    )
    warning = f"<p><strong>{html.escape(_(CONFIDENTIAL))}</strong></p>" if full else ""
    lang = language if language in LANGUAGES else get_settings().default_language
    document = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"{warning}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )
    return document.encode("utf-8")


RENDERERS = {Format.csv: to_csv, Format.xlsx: to_xlsx, Format.pdf: to_pdf, Format.html: to_html}


def parse_format(raw: str) -> Format:
    """In any case: `CSV` is `csv`, as a file's extension is read."""
    from kring.validation import FieldError, briefly

    try:
        return Format(raw.lower())
    except ValueError:
        raise FieldError(
            "fmt",  # the path parameter's name, as the OpenAPI document gives it
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(raw),
            choices="csv, xlsx, pdf, html",
        ) from None


async def _title(event_id: int) -> str:
    row = await Event.select(Event.title).where(Event.id == event_id).first()
    return writable(row["title"]) if row else f"event {event_id}"


async def shareable_export(
    viewer: Principal, event_id: int, fmt: Format, language: str | None = None
) -> bytes:
    """Headers and values in `language`, the requesting viewer's."""
    people = await participants_for(viewer, event_id)
    return RENDERERS[fmt](people, await _title(event_id), language=language)


async def organiser_export(
    viewer: Principal, event_id: int, fmt: Format, language: str | None = None
) -> bytes:
    """The confidential list of everyone; each download is logged with the actor's account."""
    await require_organiser(viewer, event_id)
    people = await full_participants(event_id)
    content = RENDERERS[fmt](people, await _title(event_id), full=True, language=language)
    await ExportLog.insert(
        ExportLog(account=viewer.account_id, event=event_id, format=fmt.value, created_at=utc_now())
    )
    return content


def filename(event_id: int, fmt: Format, full: bool) -> str:
    return f"event-{event_id}-{'full-CONFIDENTIAL' if full else 'participants'}.{fmt.value}"
