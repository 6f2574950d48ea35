"""The jury report for organisers: the ranking per category with the aggregates, then every
juror's scores and comments, as PDF or XLSX, marked CONFIDENTIAL like the organisers'
participant lists. Each export is audited per dossier it names."""

from __future__ import annotations

import io
from collections.abc import Callable
from enum import StrEnum
from fractions import Fraction
from typing import Any

from awards.jury import DOSSIER_TABLE
from awards.scoring import results
from kring.i18n import LANGUAGES, gettext_for, show_number
from kring.messages import N_
from kring.pdf import document
from kring.principal import Principal
from kring.settings import get_settings
from kring.spreadsheets import xlsx_cells
from kring.validation import FieldError, briefly
from kring.writable import writable
from privacy.audit import Action, record_audit

Gettext = Callable[[str], str]

CONFIDENTIAL = N_("CONFIDENTIAL: jury report for the organisers only; do not share")
RANKING_HEADINGS = (
    N_("Category"),
    N_("Rank"),
    N_("Candidacy"),
    N_("Organisation"),
    N_("Submitted by"),
    N_("Weighted mean"),
    N_("Spread (highest − lowest juror total)"),
    N_("Jurors"),
    N_("Missing scores"),
)
FELLOW_SCORES_WITHHELD = N_(
    "You sit on this jury: until the deliberation this report holds only your own scores, and "
    "its means, spreads and ranking come from your scores alone, as jurors see each other's "
    "scores only from the jury meeting on."
)
SCORE_HEADINGS = (N_("Candidacy"), N_("Juror"), N_("Criterion"), N_("Score"), N_("Comment"))


class Format(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"


MEDIA_TYPES = {
    Format.pdf: "application/pdf",
    Format.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def parse_format(raw: str) -> Format:
    """In any case: `PDF` is `pdf`, as a file's extension is read."""
    try:
        return Format(raw.lower())
    except ValueError:
        raise FieldError(
            "fmt",  # the path parameter's name, as the OpenAPI document gives it
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(raw),
            choices="pdf, xlsx",
        ) from None


def filename(edition_id: int, fmt: Format) -> str:
    return f"award-{edition_id}-jury-report-CONFIDENTIAL.{fmt.value}"


Cell = str | int | float | None
"""A report cell: text, or a number the spreadsheet keeps as a number (None: empty)."""
TWO_DECIMALS = "0.00"


class TwoDecimals(float):
    """A mean or a spread: written with two decimals."""


def _decimal(value: Fraction | None) -> TwoDecimals | None:
    return None if value is None else TwoDecimals(float(value))


def rows(found: dict[str, Any], _: Gettext) -> tuple[list[list[Cell]], ...]:
    """The report's two tables (headings first): texts as writable text, ranks, means, spreads,
    counts and scores as numbers."""
    ranking: list[list[Cell]] = [[_(h) for h in RANKING_HEADINGS]]
    for item in found["ranking"]:
        ranking.append(
            [
                writable(item["category"]),
                item["rank"],
                writable(item["title"]),
                writable(item["organisation"]),
                writable(item["submitter"]),
                _decimal(item["weighted_mean"]),
                _decimal(item["spread"]),
                item["jurors"],
                item["missing"],
            ]
        )
    titles = {item["id"]: item["title"] for item in found["ranking"]}
    criteria = {c["id"]: c["name"] for c in found["criteria"]}
    order = {c["id"]: n for n, c in enumerate(found["criteria"])}
    scores: list[list[Cell]] = [[_(h) for h in SCORE_HEADINGS]]
    for row in sorted(
        found["scores"],
        key=lambda r: (
            titles.get(r["candidacy_id"], "").casefold(),
            r["juror"].casefold(),
            order.get(r["criterion_id"], 0),
        ),
    ):
        scores.append(
            [
                writable(titles.get(row["candidacy_id"], "")),
                writable(row["juror"]),
                writable(criteria.get(row["criterion_id"], "")),
                row["score"],
                writable(row["comment"]),
            ]
        )
    return ranking, scores


def _text(cell: Cell, language: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, TwoDecimals):
        return show_number(round(cell, 2), language)
    return str(cell)


def tables(found: dict[str, Any], _: Gettext, language: str) -> tuple[list[list[str]], ...]:
    """The report's two tables as text, numbers written as people read them (the PDF)."""
    return tuple([[_text(c, language) for c in r] for r in table] for table in rows(found, _))


def _xlsx_row(sheet: Any, row: list[Cell]) -> list[Any]:
    """Text cells as text (`xlsx_cells`: never a formula); numbers as numbers, so a column can
    be sorted and summed; means and spreads with two decimals."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell = WriteOnlyCell(
                sheet, value=float(value) if isinstance(value, TwoDecimals) else value
            )
            if isinstance(value, TwoDecimals):
                cell.number_format = TWO_DECIMALS
            cells.append(cell)
        else:
            cells.extend(xlsx_cells(sheet, [value]))
    return cells


def to_xlsx(
    title: str, ranking: list[list[Cell]], scores: list[list[Cell]], _: Gettext, note: str = ""
) -> bytes:
    """`note` says, above the scores, why some are left out."""
    from openpyxl import Workbook  # imported when used: a fifth of a second at every start

    book = Workbook(write_only=True)
    for name, table in ((_("Ranking"), ranking), (_("Scores"), scores)):
        sheet = book.create_sheet(f"{_('CONFIDENTIAL')} {name}"[:31])
        sheet.append([_(CONFIDENTIAL)])
        sheet.append(xlsx_cells(sheet, [title]))  # an edition's name is typed by organisers
        if note and table is scores:
            sheet.append([note])
        for row in table:
            sheet.append(_xlsx_row(sheet, row))
    book.properties.title = f"{_('CONFIDENTIAL')} {title}"[:250]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(
    title: str, ranking: list[list[str]], scores: list[list[str]], _: Gettext, note: str = ""
) -> bytes:
    """`note` says, above the scores, why some are left out."""
    doc = document("L")
    pdf = doc.pdf
    pdf.set_title(doc.text(f"{_('CONFIDENTIAL')} {title}"))
    pdf.add_page()
    pdf.set_font(doc.font, size=14)
    pdf.multi_cell(0, 8, doc.text(_(CONFIDENTIAL)), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, doc.text(title), new_x="LMARGIN", new_y="NEXT")
    for heading, rows in ((_("Ranking"), ranking), (_("Scores"), scores)):
        pdf.set_font(doc.font, size=12)
        pdf.multi_cell(0, 8, doc.text(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(doc.font, size=8)
        if note and rows is scores:
            pdf.multi_cell(0, 6, doc.text(note), new_x="LMARGIN", new_y="NEXT")
        with pdf.table(text_align="LEFT") as table:
            for row in rows:
                table.row([doc.text(cell) for cell in row])
        pdf.ln(4)
    return doc.finish(_)


async def report(
    viewer: Principal,
    edition_id: int,
    fmt: Format,
    language: str | None = None,
    *,
    audited: bool = True,
) -> bytes:
    """The report in the viewer's language; each dossier it names is audited as exported,
    unless ``audited`` is false (a HEAD: the report is made for its headers, nothing leaves)."""
    found = await results(viewer, edition_id)
    language = language if language in LANGUAGES else get_settings().default_language
    _ = gettext_for(language)
    edition = found["edition"]
    # Not inside the f-string: babel's extractor does not read f-strings, and the Dutch
    # report said "jury report".
    kind = _("jury report")
    title = writable(f"{edition['name']} ({edition['year']}): {kind}")
    note = _(FELLOW_SCORES_WITHHELD) if found["fellow_scores_withheld"] else ""
    if fmt == Format.pdf:
        content = to_pdf(title, *tables(found, _, language), _, note)
    else:
        content = to_xlsx(title, *rows(found, _), _, note)
    for item in found["ranking"] if audited else ():
        await record_audit(viewer.account_id, item["member_id"], Action.exported, DOSSIER_TABLE)
    return content
