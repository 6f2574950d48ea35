"""Two columns of a file with the same header (a CRM's two 'E-mail' or 'Telefoon' columns):
the second was read as 'E-mail (2)', which no field is recognised by, and left out of the
import without a word. The preview, the report, the CLI and the API now say which columns
share which header and what happens with the second: it is imported only when a field is
chosen for it (the page's field, `--map "E-mail (2)=…"`). A header that the renaming would
make twice ('E-mail', 'E-mail', 'E-mail (2)') no longer loses a column."""

from __future__ import annotations

import re
import time
from html import unescape

from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from kring.tables import Member
from members.importing.rows import read_file
from tests import factories
from tests.conftest import run
from tests.importing.helpers import csv_bytes

TWICE = csv_bytes(
    "Voornaam;Naam;E-mail;Tel;E-mail",
    "An;Peeters;an@peeters.be;0470 12 34 56;an.prive@voorbeeld.be",
)


def test_the_second_column_of_a_header_is_named_in_a_notice():
    table = read_file(TWICE, "leden.csv")
    assert table.headers == ["Voornaam", "Naam", "E-mail", "Tel", "E-mail (2)"]
    assert [str(notice) for notice in table.notices] == [
        "columns 3 and 5 are both named 'E-mail': the import reads column 5 as 'E-mail (2)' "
        "and imports it only if you choose a field for it"
    ]


def test_a_renamed_column_never_takes_the_name_of_another():
    table = read_file(csv_bytes("Naam;E-mail;E-mail;E-mail (2)", "An;a@b.be;c@d.be;e@f.be"))
    assert len(set(table.headers)) == 4, table.headers
    assert sorted(table.rows[0][1].values()) == ["An", "a@b.be", "c@d.be", "e@f.be"]


def test_the_preview_page_says_it_in_the_organisers_language(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("leden.csv", TWICE)},
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html", "accept-language": "nl-BE"},
    )
    deadline = time.monotonic() + 30
    while 'data-status="done"' not in answer.text and time.monotonic() < deadline:
        time.sleep(0.1)
        answer = client.get(answer.url.path, headers={"accept-language": "nl-BE"})
    page = unescape(answer.text)
    assert (
        "kolommen 3 en 5 heten allebei “E-mail”: de import leest kolom 5 als “E-mail (2)” en "
        "importeert ze alleen als je er een veld voor kiest"
    ) in page
    assert re.search(r'<select name="map-4" aria-label="E-mail \(2\)">', page)


def test_the_cli_reads_the_second_column_when_it_is_mapped(tmp_path):
    path = tmp_path / "leden.csv"
    path.write_bytes(TWICE)
    told = CliRunner().invoke(main, ["import", "members", str(path), "--dry-run"])
    assert "note: columns 3 and 5 are both named 'E-mail'" in told.output
    mapped = CliRunner().invoke(
        main, ["import", "members", str(path), "--map", "E-mail=", "--map", "E-mail (2)=email"]
    )
    assert mapped.exit_code == 0, mapped.output
    assert run(Member.select(Member.email).output(as_list=True)) == ["an.prive@voorbeeld.be"]
