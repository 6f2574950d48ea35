"""A record of a CSV that spans lines (a quoted address with a line break, as CRMs export it)
was named by its last line: refused as 'row 3' when it starts on line 2, where an organiser
looking for it finds the name (found by an outside probe of `kring serve`). Every row is named
by the line it starts on, as its first line is what a text editor and the reader show. Over
real HTTP against the served app."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories

FILE = (
    b"Voornaam;Naam;E-mail;Adres\n"
    b'An;Peeters;an@voorbeeld;"Kerkstraat 1\n9000 Gent"\n'
    b"Jan;Janssens;jan@;Dorp 2\n"
    b'Els;Aerts;els@aerts.be;"Markt 3\n\n8000 Brugge"\n'
    b"Els;Aerts;els@aerts.be;\n"
)


def test_a_record_over_several_lines_is_named_by_the_line_it_starts_on(live_server):
    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        live_server + "/api/import/members",
        headers=organiser.headers,
        files={"file": ("contacten.csv", FILE)},
        data={"dry_run": "true"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    rows = {row["row"]: row for row in answer.json()["rows"]}
    assert sorted(rows) == [2, 4, 5, 8], rows
    assert rows[2]["outcome"] == "rejected" and rows[2]["name"] == "An Peeters"
    assert rows[4]["outcome"] == "rejected" and rows[4]["name"] == "Jan Janssens"
    assert rows[5]["outcome"] == "created"
    assert rows[8]["outcome"] == "skipped"
    assert "the same person as row 5 of this file" in str(rows[8])
