"""Reading CRM exports: CSV in any common dialect and encoding, or XLSX, into rows of text.

Nothing is ever evaluated: an Excel formula is read as the text of the formula and flagged, by
the rule the exports escape by (`kring.spreadsheets.looks_like_formula`). A CSV cell the export
escaped with an apostrophe is read without it (`unescaped_cell`), so an export reads back as it
was; an XLSX export holds its text unescaped and is read as it stands.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from xml.etree.ElementTree import ParseError

from kring.messages import N_, Message, Quantity
from kring.spreadsheets import looks_like_formula, unescaped_cell
from kring.validation import FieldError

MAX_ROWS = 50_000
UNPACKED_MAX = 100_000_000
"""The most a workbook may unpack to, in bytes: 50,000 contacts of twelve filled columns unpack
to some 46 MB; a zip bomb of 3.6 MB unpacked to 1.2 GB and kept the server busy for minutes."""
MAX_COLUMNS = 500
"""Columns of a workbook read: a CRM export has some dozens; a sheet claiming 16,384 made every
row as wide."""
SHEET_ROWS = 2 * MAX_ROWS
"""Rows of a sheet read, empty ones counted, before it is refused: one stray cell on row
1,048,576 made a million empty rows to read."""
DELIMITERS = ";,\t|"
SHOWN_LINES = 10
DAMAGED = (ParseError, ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)
"""What the workbook reader raises at a part it cannot read (a character reference XML forbids,
a number 'NaN', a date '2024-13-45'): a damaged or hand-made file, refused by name."""


class WorkbookDate(str):
    """A workbook's date cell, read as its ISO text ('2024-05-01', with the time when it has
    one), keeping the date: in a name column it is a name Excel turned into a date ('Mei')."""

    moment: date | datetime

    def __new__(cls, value: date) -> WorkbookDate:
        if isinstance(value, datetime) and value.time() == time(0):
            value = value.date()
        text = value.isoformat(" ", "minutes") if isinstance(value, datetime) else str(value)
        made = super().__new__(cls, text)
        made.moment = value
        return made


def _stripped(cell: str) -> str:
    """A cell without its surrounding spaces; a date cell stays one (it has none)."""
    return cell if isinstance(cell, WorkbookDate) else cell.strip()


@dataclass
class Table:
    """A file's header and its non-empty rows, each with its row number in the file."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]
    encoding: str = ""
    formulas: list[tuple[int, str]] = field(default_factory=list)
    extra_cells: dict[int, list[str]] = field(default_factory=dict)
    """Row number → the filled cells to the right of the last named column."""
    notices: list[Message] = field(default_factory=list)
    """What the report says of the file as a whole (a workbook's sheets left unread)."""
    unnamed: frozenset[str] = frozenset()
    """The headers made up for columns without a name (``column 3``): a page names them in
    its own language."""


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:SHOWN_LINES]))
    return shown if len(numbers) <= SHOWN_LINES else f"{shown}… ({len(numbers)})"


def _mixed_encodings(data: bytes) -> None:
    """A UTF-8 file with lines pasted in from a Windows-1252 one would read as cp1252 and
    store mojibake ('Ã‰lise') in every UTF-8 name: refuse it, naming the lines to fix."""
    invalid, utf8 = [], False
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            invalid.append(number)
        else:
            utf8 = utf8 or not line.isascii()
    if not (invalid and utf8):
        return
    if len(invalid) == 1:
        raise FieldError(
            "file",
            N_(
                "the file mixes two encodings: line %(lines)s is not UTF-8 while other lines "
                "are; save that line as UTF-8 and upload the file again"
            ),
            lines=_line_list(invalid),
        )
    raise FieldError(
        "file",
        N_(
            "the file mixes two encodings: lines %(lines)s are not UTF-8 while other lines "
            "are; save those lines as UTF-8 and upload the file again"
        ),
        lines=_line_list(invalid),
    )


def decode(data: bytes) -> tuple[str, str]:
    """UTF-16 with its byte-order mark (Excel's "Unicode text" export, tab-separated); else
    UTF-8 (with or without BOM) first; an old Excel export is cp1252, but a UTF-8 file with
    some lines in another encoding is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: read as the others
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        _mixed_encodings(data)
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    raise FieldError("file", N_("cannot read the text: it is neither UTF-8 nor Windows-1252"))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """csv.Sniffer, checked against the header line: it misreads files with many empty cells.
    Its quote is always the double quote: it took the apostrophe for one in a line such as
    `'=1;'t Hof;'` (cells an export escaped, `kring.spreadsheets.safe_cell`), which then read
    as one cell; spreadsheets and CRMs quote with `"`."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS)
    except csv.Error:
        dialect = None
    if dialect is not None and counts.get(dialect.delimiter, 0) >= counts[best]:
        if dialect.quotechar == '"':
            return dialect
        best = dialect.delimiter
    fallback = csv.excel()
    fallback.delimiter = best if counts[best] else ","
    return fallback


def _headers(raw: list[str]) -> tuple[list[str], list[Message]]:
    """Each column's name, unique: a header given twice (a CRM's two 'E-mail' columns) names
    its second column 'E-mail (2)', never a name another column has, and a notice says so:
    only the first is recognised, the second is imported when a field is chosen for it."""
    headers = [h.strip() for h in raw]
    if not any(headers):
        raise FieldError("file", N_("the first non-empty line must name the columns"))
    named = [header or f"column {i + 1}" for i, header in enumerate(headers)]
    taken = set(named)
    first: dict[str, int] = {}
    unique: list[str] = []
    notices: list[Message] = []
    for i, name in enumerate(named):
        if name not in first:
            first[name] = i
            unique.append(name)
            continue
        count = 2
        while f"{name} ({count})" in taken:
            count += 1
        renamed = f"{name} ({count})"
        taken.add(renamed)
        unique.append(renamed)
        notices.append(
            Message(
                N_(
                    "columns %(first)s and %(second)s are both named %(header)r: the import "
                    "reads column %(second)s as %(renamed)r and imports it only if you choose a "
                    "field for it"
                ),
                {"first": first[name] + 1, "second": i + 1, "header": name, "renamed": renamed},
            )
        )
    return unique, notices


def _table(lines: list[tuple[int, list[str]]], encoding: str) -> Table:
    lines = [(n, cells) for n, cells in lines if any(c.strip() for c in cells)]
    if not lines:
        raise FieldError("file", N_("the file is empty"))
    _, first = lines[0]
    headers, notices = _headers(first)
    if len(lines) == 1:  # an import of nothing would read as done
        raise FieldError(
            "file",
            N_(
                "the file names its columns but has no row under them; export the contacts "
                "themselves and upload that file"
            ),
        )
    if len(lines) - 1 > MAX_ROWS:
        raise FieldError(
            "file",
            N_("%(count)s rows; at most %(limit)s per import"),
            count=Quantity(len(lines) - 1),
            limit=Quantity(MAX_ROWS),
        )
    unnamed = frozenset(h for h, raw in zip(headers, first, strict=False) if not raw.strip())
    table = Table(headers=headers, rows=[], encoding=encoding, notices=notices, unnamed=unnamed)
    for number, cells in lines[1:]:
        row = {h: (_stripped(cells[i]) if i < len(cells) else "") for i, h in enumerate(headers)}
        table.rows.append((number, row))
        extra = [cell.strip() for cell in cells[len(headers) :] if cell.strip()]
        if extra:
            table.extra_cells[number] = extra
        table.formulas += [(number, h) for h, v in row.items() if looks_like_formula(v)]
    return table


def _nul_characters(text: str, encoding: str) -> None:
    """A text with NUL characters: a file of another kind (a PDF, an old .xls) holds many, on
    most of its lines, as does one that only looked like UTF-16; a CSV may hold a stray one,
    which is named by its line to be removed."""
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if "\x00" in line]
    count = text.count("\x00")
    many = len(lines) > SHOWN_LINES or (count > SHOWN_LINES and count * 100 > len(text))
    if many or encoding == "utf-16":
        raise FieldError("file", N_("this is not a text file (CSV) nor an Excel workbook (XLSX)"))
    if len(lines) == 1:
        raise FieldError(
            "file",
            N_(
                "line %(lines)s holds a NUL character (%(code)s), which no text holds; remove it "
                "and upload the file again"
            ),
            lines=_line_list(lines),
            code="U+0000",
        )
    raise FieldError(
        "file",
        N_(
            "lines %(lines)s hold NUL characters (%(code)s), which no text holds; remove them and "
            "upload the file again"
        ),
        lines=_line_list(lines),
        code="U+0000",
    )


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    if "\x00" in text:
        _nul_characters(text, encoding)
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    lines: list[tuple[int, list[str]]] = []  # each record by the line it starts on
    ends: list[int] = []  # and the line it ends on (a quoted cell may hold line breaks)
    start = 1  # the line the record being read starts on
    try:
        for cells in reader:
            lines.append((start, [unescaped_cell(cell.strip()) for cell in cells]))
            ends.append(reader.line_num)
            start = reader.line_num + 1
    except csv.Error as error:
        if "field limit" in str(error):
            raise FieldError(
                "file",
                N_(
                    "a cell of the record starting at line %(line)s is longer than %(limit)s "
                    "characters; is a quote left open there?"
                ),
                line=start,
                limit=Quantity(csv.field_size_limit()),
            ) from None
        raise FieldError(
            "file", N_("the CSV cannot be read from line %(line)s on"), line=start
        ) from None
    if len(lines) > 1:
        _unterminated_quote(text, ends[-2] + 1, ends[-1], dialect.quotechar or '"')
    return _table(lines, encoding)


def _unterminated_quote(text: str, first: int, last: int, quote: str) -> None:
    """A quote never closed makes the rest of the file one cell of the last record; its lines
    then hold an odd number of quotes. Named is the line after which the count stays odd."""
    if first == last:
        return
    count, opened = 0, first
    physical = io.StringIO(text, newline="").readlines()  # the lines csv counts
    for number, line in enumerate(physical[first - 1 : last], start=first):
        before = count % 2
        count += line.count(quote)
        if not before and count % 2:
            opened = number
    if count % 2:
        raise FieldError("file", N_("unterminated quote starting at line %(line)s"), line=opened)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return WorkbookDate(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "text"):  # an array formula object: keep its text
        return str(value.text)
    return str(value)


def _unreadable_workbook() -> FieldError:
    return FieldError(
        "file",
        N_("not a readable Excel workbook: the file is damaged or is not an .xlsx workbook"),
    )


def is_workbook(data: bytes) -> bool:
    """By content, not by name: an XLSX is a zip archive."""
    return data[:4] == b"PK\x03\x04"


def check_workbook(data: bytes) -> None:
    """What a workbook's zip directory tells at once, before any of it is unpacked: that it is
    a zip, and what it unpacks to (a zip bomb is refused here). Reading its rows takes longer
    (half a minute at 50,000): the page leaves that to the background run."""
    try:  # the sizes a zip names are those its reader holds each member to
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _unreadable_workbook() from None
    if unpacked > UNPACKED_MAX:
        raise FieldError(
            "file",
            N_(
                "the workbook unpacks to %(size)s MB, more than the %(limit)s MB an import "
                "reads; save the sheet with the contacts as CSV and upload that"
            ),
            size=Quantity(round(unpacked / 1_000_000)),
            limit=Quantity(UNPACKED_MAX // 1_000_000),
        )


def read_xlsx(data: bytes) -> Table:
    """Formulas stay formulas (data_only=False): their text is read, never a computed value."""
    from openpyxl import load_workbook

    check_workbook(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, OSError, EOFError, *DAMAGED):
        raise _unreadable_workbook() from None
    if not workbook.worksheets:
        raise _unreadable_workbook()
    sheet, *others = workbook.worksheets
    lines = _sheet_lines(sheet)
    filled = ", ".join(f"“{other.title}”" for other in others if _holds_something(other))
    workbook.close()
    if filled and not any(any(c.strip() for c in cells) for _, cells in lines):
        raise FieldError(
            "file",
            N_(
                "the first sheet, %(sheet)r, is empty; the import reads only the first sheet: "
                "put the sheet with the contacts first (sheets with content: %(sheets)s)"
            ),
            sheet=sheet.title,
            sheets=filled,
        )
    table = _table(lines, "xlsx")
    if filled:
        table.notices.append(
            Message(
                N_(
                    "only the first sheet, %(sheet)r, was read, not the other sheets with "
                    "content (%(sheets)s); save each as a file of its own and import it"
                ),
                {"sheet": sheet.title, "sheets": filled},
            )
        )
    return table


def _sheet_lines(sheet: Any) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as text, no wider than `MAX_COLUMNS` and no more than
    `SHEET_ROWS`, refused by name beyond either. Each row as wide as its last cell: the size a
    sheet states may be anything, and every row was made as wide."""
    sheet.reset_dimensions()
    lines = []
    for number, values in enumerate(_readable_rows(sheet), start=1):
        if number > SHEET_ROWS:
            raise FieldError(
                "file",
                N_(
                    "the first sheet goes on past row %(row)s (empty rows counted), and an "
                    "import reads at most %(limit)s rows: delete the rows under the contacts "
                    "or save the sheet as CSV"
                ),
                row=Quantity(SHEET_ROWS),
                limit=Quantity(MAX_ROWS),
            )
        if any(value not in (None, "") for value in values[MAX_COLUMNS:]):
            raise FieldError(
                "file",
                N_(
                    "row %(row)s has a cell beyond column %(limit)s, and an import reads at "
                    "most %(limit)s columns: delete the cells to the right of the contacts"
                ),
                row=number,
                limit=Quantity(MAX_COLUMNS),
            )
        kept = list(values[:MAX_COLUMNS])
        while kept and kept[-1] is None:
            kept.pop()
        lines.append((number, [_cell_text(v) for v in kept]))
    return lines


def _readable_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows; a row the reader cannot read refuses the file naming it."""
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except DAMAGED:
            raise FieldError(
                "file",
                N_(
                    "row %(row)s of the first sheet cannot be read: the workbook is damaged "
                    "there; open it in Excel and save it again, or save the sheet as CSV"
                ),
                row=number + 1,
            ) from None
        number += 1
        yield values


def _holds_something(sheet: Any) -> bool:
    """Whether another sheet holds something, to be named as not read; one that cannot be read
    is named too."""
    try:
        return any(
            str(value).strip()
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value
        )
    except DAMAGED:
        return True


def read_file(data: bytes, filename: str = "") -> Table:
    """By content, not by name: an XLSX is a zip archive."""
    if not data.strip():
        raise FieldError("file", N_("the file is empty"))
    if is_workbook(data):
        return read_xlsx(data)
    if filename.lower().endswith((".xls", ".xlsx")):
        raise FieldError("file", N_("only .xlsx workbooks are read; save an .xls as .xlsx or CSV"))
    return read_csv(data)
