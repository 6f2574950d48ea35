"""The canary scan: a person whose every field holds a unique random value, and a scanner that
looks for those values everywhere the system keeps or emits data.

`canary_person` makes a member with unique canaries for names, e-mail, phone, addresses and
private contact details, and gives them a row in every member-linked table (the factories of
tests/privacy/people.py); every call of `Person.text` there gets its own fresh canary, so each
free-text field holds a different one. "Member-linked" is derived from the schema itself, for
every table of every app, declared or not: a foreign-key chain to Member, or a member id column.

`scan` returns, per canary, every place it was found:

- `db:<table>.<column>`: every column of every table of every app (Piccolo's registry); a
  stored file (bytes) is read inside: ZIP members (DOCX, XLSX) unpacked, PDF streams inflated;
- `file:sqlite`: the SQLite database file and its write-ahead log, as bytes (SQLite only);
- exports in every format: the access export (JSON, and the officer's HTML page), the member
  export (CSV, XLSX), each event's participant lists (shareable and full; CSV, XLSX parsed with
  openpyxl, PDF text from its content streams, HTML text) and calendar feeds (iCalendar);
- `log`: the log records captured while the test ran (INFO and up, as the app logs).
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
import secrets
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from piccolo.columns import ForeignKey, Integer
from piccolo.table import Table

from kring.schema import all_tables
from kring.tables import Member
from privacy.serialise import plain
from tests.conftest import ON_POSTGRES
from tests.privacy.people import (
    FACTORIES,
    SCHEMA_LINKED_FACTORIES,
    Person,
    save_member_and_account,
)
from tests.privacy.scan import database_file_bytes

HASHED = {"sessie": "a session token: only its hash is stored", "api": "ditto, API token",
          "feed": "ditto, calendar feed token", "code": "ditto, a request's verification code",
          "link": "ditto, a download link's token",
          "wachtwoord": "ditto, a password reset link's token",
          "ingebed": "an embedded text: only its hash (and vector) is stored"}  # fmt: skip
"""Labels of texts that factories only feed into a hash: they must never be found in clear."""

MEMBER_ID_COLUMNS = re.compile(r"^(member|member_id|.+_member)$")


# --- which tables link to a member, from the schema ------------------------------------------


def _links_to(table: type[Table], linked: set[str]) -> bool:
    for column in table._meta.columns:
        if isinstance(column, ForeignKey):
            if column._foreign_key_meta.resolved_references._meta.tablename in linked:
                return True
        elif type(column) is Integer and MEMBER_ID_COLUMNS.match(column._meta.name):
            return True
    return False


def schema_linked_tables() -> set[str]:
    """Every table of every app with a foreign-key chain to Member or a member id column."""
    tables = all_tables()
    linked = {Member._meta.tablename}
    grown = True
    while grown:
        grown = False
        for table in tables:
            name = table._meta.tablename
            if name not in linked and _links_to(table, linked):
                linked.add(name)
                grown = True
    return linked


# --- the canary person ---------------------------------------------------------------------


def token() -> str:
    return "kn" + secrets.token_hex(6)


@dataclass(frozen=True)
class CanaryPerson(Person):
    first_name: str = ""
    last_name: str = ""
    made: dict[str, str] = field(default_factory=dict, compare=False)

    def text(self, what: str) -> str:
        """A fresh canary per call, so every free-text field holds its own."""
        value = token()
        self.made[f"{what}#{len(self.made) + 1}"] = value
        return f"{what} {value}"

    @property
    def canaries(self) -> dict[str, str]:
        """Label → value, for everything that must be found before and gone after erasure."""
        fixed = {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "private_email": self.private_email,
            "phone": self.phone,
            "address": self.address,
            "private_address": self.private_address,
            "tags/token prefix": self.secret,
        }
        made = {k: v for k, v in self.made.items() if k.split("#")[0] not in HASHED}
        return fixed | made

    @property
    def hashed(self) -> dict[str, str]:
        return {k: v for k, v in self.made.items() if k.split("#")[0] in HASHED}


async def canary_person() -> CanaryPerson:
    person = CanaryPerson(
        member_id=0,
        account_id=0,
        secret=token(),
        email=f"{token()}@werk.example.be",
        private_email=f"{token()}@thuis.example.com",
        phone="+324" + "".join(secrets.choice("0123456789") for _ in range(8)),
        address=f"Kanariestraat {token()}, 9000 Gent",
        private_address=f"Thuisdreef {token()}, 2000 Antwerpen",
        first_name="Vn" + secrets.token_hex(5),
        last_name="An" + secrets.token_hex(5),
    )
    member_id, account_id = await save_member_and_account(
        person, person.first_name, person.last_name
    )
    object.__setattr__(person, "member_id", member_id)
    object.__setattr__(person, "account_id", account_id)
    for factory in (*FACTORIES.values(), *SCHEMA_LINKED_FACTORIES.values()):
        await factory(person)
    return person


# --- reading every format as text ----------------------------------------------------------


def csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return "\n".join("\t".join(row) for row in rows)


def xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    book.close()
    return "\n".join(cells)


def html_text(data: bytes | str) -> str:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TEXT_OP = re.compile(rb"/(\w+) [\d.]+ Tf|\((?:\\.|[^\\)])*\) *Tj|\[(?:\\.|[^\]])*\] *TJ", re.S)
_LITERAL = re.compile(rb"\(((?:\\.|[^\\)])*)\)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stream(body: bytes) -> bytes:
    """A stream's bytes, exactly /Length of them: compressed data may itself end in a carriage
    return, which `\r?\nendstream` would take away (one stream in 256, with the PDF's date)."""
    found = _STREAM.search(body)
    if found is None:
        return b""
    raw = found.group(1)
    length = re.search(rb"/Length (\d+)\b", body[: found.start()])
    if length:
        start = found.start(1)
        raw = body[start : start + int(length.group(1))]
    try:
        return zlib.decompress(raw) if b"FlateDecode" in body[: found.start()] else raw
    except zlib.error:
        return raw


def _unescape(literal: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(literal):
        char = literal[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(int(dst, 16) + offset)
    return mapping


def pdf_text(data: bytes) -> str:
    """The text a PDF shows: fonts' ToUnicode maps applied to every Tj/TJ string (fpdf2's
    output: Identity-H two-byte codes for embedded fonts, Latin-1 for the core fonts)."""
    objects = {int(n): body for n, body in _OBJECT.findall(data)}
    maps: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for resources in re.findall(rb"/Font\s*<<(.*?)>>", body, re.S):
            for name, number in re.findall(rb"/(\w+)\s+(\d+) 0 R", resources):
                font = objects.get(int(number), b"")
                unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
                if unicode:
                    maps[name] = _cmap(_stream(objects.get(int(unicode.group(1)), b"")))
    pieces: list[str] = []
    for body in objects.values():
        content = _stream(body)
        if b"Tj" not in content and b"TJ" not in content:
            continue
        font: dict[int, str] | None = None
        for op in _TEXT_OP.finditer(content):
            if op.group(1) is not None:
                font = maps.get(op.group(1))
                continue
            raw = b"".join(_unescape(s) for s in _LITERAL.findall(op.group(0)))
            if font is None:
                pieces.append(raw.decode("latin-1"))
            else:
                codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                pieces.append("".join(font.get(c, "") for c in codes))
    # Joined both ways: a cell's text wrapped over lines is found in the run without breaks.
    return "\n".join(pieces) + "\n" + "".join(pieces)


# --- the haystacks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Haystack:
    source: str
    text: str


def stored_file_text(data: bytes) -> str:
    """A stored file (a Bytea value) as text: its bytes, every member of a ZIP (DOCX, XLSX)
    unpacked, with and without its XML tags, and a PDF's text and inflated streams."""
    pieces = [data.decode("latin-1")]
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    text = archive.read(member).decode("utf-8", "replace")
                    pieces += [text, re.sub(r"<[^>]+>", "", text)]
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError):
            pass
    if data.startswith(b"%PDF-"):
        pieces.append(pdf_text(data))
        pieces += [_stream(body).decode("latin-1") for _, body in _OBJECT.findall(data)]
    return "\n".join(pieces)


def _cell(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return stored_file_text(bytes(value))
    return value if isinstance(value, str) else json.dumps(plain(value), default=str)


async def database_haystacks() -> list[Haystack]:
    """One per column of every table of every app: all its values, as text."""
    found = []
    for table in all_tables():
        rows = await table.select()
        for column in table._meta.columns:
            name = column._meta.name
            text = "\n".join(_cell(row[name]) for row in rows)
            found.append(Haystack(f"db:{table._meta.tablename}.{name}", text))
    return found


async def file_haystacks() -> list[Haystack]:
    """The SQLite file and its write-ahead log, after a checkpoint (none on PostgreSQL)."""
    if ON_POSTGRES:
        return []
    await Member.raw("PRAGMA wal_checkpoint(TRUNCATE)")
    return [Haystack("file:sqlite", database_file_bytes().decode("latin-1"))]


async def export_haystacks(admin: Any, member_ids: list[int], client: Any = None) -> list[Haystack]:
    """Every export format the app produces, for every member and every event, as text.

    `admin` is a Principal allowed to see every list; `client` a test client logged in as a
    privacy officer, for the access export's HTML page."""
    from events import exports, feeds
    from events.tables import Event
    from members.importing.export import export_file
    from privacy.access import access_export

    found = []
    for member_id in member_ids:
        export = await access_export(member_id)
        found.append(Haystack(f"access:{member_id}.json", json.dumps(export, ensure_ascii=False)))
        found.append(Haystack(f"feed:{member_id}.ics", (await feeds.feed_ics(member_id)).decode()))
        if client is not None:
            page = client.get(f"/privacy/desk/members/{member_id}")
            assert page.status_code == 200, page.text
            found.append(Haystack(f"access:{member_id}.html", html_text(page.text)))
    for fmt, read in (("csv", csv_text), ("xlsx", xlsx_text)):
        found.append(Haystack(f"members.{fmt}", read(await export_file("members", fmt, None))))
    readers = {
        exports.Format.csv: csv_text,
        exports.Format.xlsx: xlsx_text,
        exports.Format.pdf: pdf_text,
        exports.Format.html: html_text,
    }
    for event in await Event.select(Event.id):
        for fmt, read in readers.items():
            shareable = await exports.shareable_export(admin, event["id"], fmt)
            full = await exports.organiser_export(admin, event["id"], fmt)
            found.append(Haystack(f"event:{event['id']}.{fmt}", read(shareable)))
            found.append(Haystack(f"event:{event['id']}.full.{fmt}", read(full)))
    return found


class LogCapture(logging.Handler):
    """Keeps every record at INFO and up (the level the app logs at), message and traceback."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def haystack(self) -> Haystack:
        return Haystack("log", "\n".join(self.lines))


async def haystacks(
    admin: Any, member_ids: list[int], client: Any = None, logs: LogCapture | None = None
) -> list[Haystack]:
    found = [
        *await database_haystacks(),
        *await file_haystacks(),
        *await export_haystacks(admin, member_ids, client),
    ]
    if logs is not None:
        found.append(logs.haystack())
    return found


def where_found(canaries: dict[str, str], stacks: list[Haystack]) -> dict[str, set[str]]:
    """Canary label → the sources holding it (case-insensitive); every label is a key."""
    lowered = [(h.source, h.text.casefold()) for h in stacks]
    found: dict[str, set[str]] = defaultdict(set)
    for label, value in canaries.items():
        needle = value.casefold()
        found[label] = {source for source, text in lowered if needle in text}
    return dict(found)
