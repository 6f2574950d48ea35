"""An Excel workbook's other sheets: the import reads the first sheet only, and said nothing of
the others. A workbook whose first sheet was empty (a cover sheet, 'Leden' second) was refused
as 'het bestand is leeg', and one with members on two sheets imported the first and left the
second out without a word (found by an outside probe of `kring serve`). Now the empty first
sheet is named with the sheets that hold something, and the report says which sheets were not
read. Over real HTTP against the served app (page and API), openpyxl writing the workbooks."""

from __future__ import annotations

import io
from html import unescape

import httpx
from openpyxl import Workbook

from kring.choices import Role
from tests import factories


def _workbook(*sheets: tuple[str, list[list[str]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


MEMBERS = [["Voornaam", "Naam", "E-mail"], ["An", "Peeters", "an@peeters.be"]]
MORE = [["Voornaam", "Naam", "E-mail"], ["Jan", "Janssens", "jan@janssens.be"]]


def _page_upload(url: str, content: bytes) -> httpx.Response:
    organiser = factories.account(Role.organiser)
    with httpx.Client(
        base_url=url, headers={"accept": "text/html", "accept-language": "nl-BE"}, timeout=30
    ) as browser:
        assert factories.log_in(browser, organiser.email).status_code == 303
        return browser.post(
            "/import/preview",
            files={"file": ("leden.xlsx", content)},
            data={"_csrf_token": browser.cookies["kring_csrf"]},
            follow_redirects=True,  # to the preview's page
        )


def test_an_empty_first_sheet_is_named_with_the_sheets_that_hold_rows(live_server):
    book = _workbook(("Voorblad", []), ("Leden", MEMBERS))
    answer = _page_upload(live_server, book)
    assert answer.status_code == 400, answer.text
    page = unescape(answer.text)
    assert "het eerste werkblad, “Voorblad”, is leeg" in page
    assert "(werkbladen met inhoud: “Leden”)" in page
    assert "Het bestand is leeg" not in page


def test_sheets_left_unread_are_named_in_the_report(live_server):
    book = _workbook(("Leden", MEMBERS), ("Leden 2", MORE), ("Leeg", []))
    page = unescape(_page_upload(live_server, book).text)
    assert "alleen het eerste werkblad, “Leden”, is gelezen" in page
    assert "(“Leden 2”)" in page and "Leeg" not in page

    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        live_server + "/api/import/members",
        headers=organiser.headers,
        files={"file": ("leden.xlsx", book)},
        data={"dry_run": "true"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    said = answer.json()
    assert said["counts"]["created"] == 1
    assert any("only the first sheet, 'Leden', was read" in n for n in said["notices"]), said
