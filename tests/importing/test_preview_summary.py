"""The preview of a large file listed every row and carried the file as base64: 50,000 rows
made a page of 8.7 MB that took 49 s (found by an outside probe). The page now shows the counts
and the first rows of each kind, and every refusal can be downloaded as a CSV. A file of some
hundreds of rows stands in for 50,000 here (benchmarks/import_scale.py has the large one). The
preview keeps its file on the server now (`members.importing.runs`): its page carries the
preview's id, not the file."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

from kring.choices import Role
from members.importing.runs import SHOWN_ROWS
from tests import factories
from tests.importing.helpers import csv_bytes

ROWS = 400
REFUSED = 30


def _file() -> bytes:
    lines = ["Naam;Voornaam;E-mail;Bedrijf"]
    for n in range(ROWS):
        email = f"lid{n} at voorbeeld.be" if n < REFUSED else f"lid{n}@voorbeeld{n % 40}.be"
        first = '=HYPERLINK("http://x.be")' if n == 0 else "Jan"
        lines.append(f"Peeters{n};{first};{email};Bedrijf {n % 40}")
    return csv_bytes(*lines)


def _preview(client, data: bytes):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    return client.post(
        "/import/preview",
        files={"file": ("crm.csv", data)},
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept-language": "nl-BE"},
    )


def test_the_preview_shows_counts_and_the_first_rows_of_each_kind_in_a_small_page(client):
    data = _file()
    answer = _preview(client, data)
    assert answer.status_code == 200, answer.text[:500]
    page = answer.text
    assert re.search(r'data-count="created">370<', page)
    assert re.search(r'data-count="rejected">30<', page)
    shown = re.findall(r'<tr class="(created|updated|skipped|rejected)"', page)
    assert shown.count("created") == SHOWN_ROWS and shown.count("rejected") == SHOWN_ROWS
    assert re.search(r'<input type="hidden" name="preview" value="\d+">', page)
    assert 'name="content"' not in page  # the file stays on the server
    assert len(page.encode()) < 40_000  # whatever the number of rows


def test_every_refusal_downloads_as_a_formula_safe_csv(client):
    page = _preview(client, _file()).text
    assert "Alle 30 geweigerde rijen" in unescape(page)
    link = re.search(r'id="download-refusals" href="(/import/runs/\d+/refusals)"', page)
    assert link, page
    answer = client.get(link.group(1), headers={"accept-language": "nl-BE"})
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Rij", "Naam", "Veld", "Waarom"]
    assert [int(row[0]) for row in rows[1:]] == list(range(2, 2 + REFUSED))
    assert rows[1][1].startswith("'=")  # a spreadsheet shows it, never runs it
    assert all("is geen e-mailadres" in row[3] for row in rows[1:])
