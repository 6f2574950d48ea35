"""A workbook is a zip archive: a few MB may unpack to gigabytes, state a million rows or
16,384 columns. Found by the imports probe: a 3.6 MB workbook unpacking to 1.2 GB, one stray
cell on row 1,048,576, and a million rows each held the server for minutes (1 GB of memory for
one cell of 500 MB). Each is refused naming the limit, in seconds: beside the file field, or on
its run's page when the run that reads it ends after the request's wait. Over real HTTP against
the served app, and through the API."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable
from html import unescape

import httpx
import pytest

from kring.choices import Role
from tests import factories

WORKBOOK = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="appli'
    'cation/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openx'
    'mlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksh'
    'eet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas'
    '.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xm'
    'l"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.op'
    'enxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/office'
    'Document/2006/relationships"><sheets><sheet name="Leden" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>",
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="h'
    'ttp://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="work'
    'sheets/sheet1.xml"/></Relationships>',
}


def _cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _workbook(rows: Iterable[bytes]) -> bytes:
    """A workbook whose first sheet has the header Voornaam, Naam, E-mail, then `rows`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in WORKBOOK.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
                b'formats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                + _cell("A1", "Voornaam")
                + _cell("B1", "Naam")
                + _cell("C1", "E-mail")
                + b'</row><row r="2">'
                + _cell("A2", "An")
                + _cell("B2", "Peeters")
                + _cell("C2", "an@peeters.be")
                + b"</row>"
            )
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _one_huge_cell() -> Iterable[bytes]:
    yield b'<row r="3"><c r="A3" t="inlineStr"><is><t>'
    for _ in range(120):
        yield b"x" * 1_000_000
    yield b"</t></is></c></row>"


BOMBS = {
    "unpacks-to-120-mb": (
        _one_huge_cell,
        "de werkmap pakt uit tot 120 MB, meer dan de 100 MB die een import leest",
    ),
    "a-stray-cell-on-the-last-row": (
        lambda: [b'<row r="1048576">' + _cell("A1048576", "x") + b"</row>"],
        "het eerste werkblad gaat verder dan rij 100.000",
    ),
    "a-cell-in-the-last-column": (
        lambda: [b'<row r="3">' + _cell("XFD3", "x") + b"</row>"],
        "rij 3 heeft een cel voorbij kolom 500",
    ),
}


@pytest.mark.parametrize("name", BOMBS)
def test_a_workbook_beyond_what_an_import_reads_is_refused_at_once(live_server, name):
    rows, refusal = BOMBS[name]
    book = _workbook(rows())
    assert len(book) < 1_000_000
    organiser = factories.account(Role.organiser)
    with httpx.Client(
        base_url=live_server, headers={"accept": "text/html", "accept-language": "nl-BE"}
    ) as browser:
        assert factories.log_in(browser, organiser.email).status_code == 303
        started = time.monotonic()
        answer = browser.post(
            "/import/preview",
            files={"file": ("leden.xlsx", book)},
            data={"_csrf_token": browser.cookies["kring_csrf"]},
            timeout=120,
        )
        page = _refused(browser, answer)
        took = time.monotonic() - started
    assert refusal.lower() in page.lower()
    assert took < 30, took  # a million empty rows took 25 s, a million filled ones 113 s


def _refused(browser: httpx.Client, answer: httpx.Response) -> str:
    """The refusal of a workbook: its run reads it, and the request answers it beside the file
    field (400) when the run ends within the request's wait (`runs.WAIT`), else its run's page
    names it once the run has ended (on a slower machine)."""
    if answer.status_code == 400:
        return unescape(answer.text)
    assert answer.status_code == 303, answer.text[:500]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = browser.get(answer.headers["location"])
        if 'data-status="failed"' in page.text:
            return unescape(page.text)
        assert 'data-status="done"' not in page.text, page.text[:500]
        time.sleep(0.2)
    raise AssertionError(f"the run did not end: {page.text[:500]}")


def test_the_api_refuses_such_a_workbook_in_its_own_words(live_server):
    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        live_server + "/api/import/members",
        headers=organiser.headers,
        files={"file": ("leden.xlsx", _workbook(_one_huge_cell()))},
        data={"dry_run": "true"},
        timeout=120,
    )
    assert answer.status_code == 400, answer.text
    assert "the workbook unpacks to 120 MB, more than the 100 MB" in answer.json()["detail"]
