"""Two files an organiser gets nothing from, found by an outside probe of `kring serve`:

- a file of column names without one row under them was 'imported': the page showed a preview
  of 0 rows and an 'Import' button, the CLI printed '0 created' and exited 0, the API answered
  200, as if the contacts were in;
- a file whose columns the import does not recognise (`Wie;Bereikbaar op`) was answered on
  the page with 'choose a field for each column' above the bare upload form, which has no place
  to choose one: a dead end.

Spoken to `kring serve` over real HTTP, and the CLI as organisers run it."""

from __future__ import annotations

import base64
import gzip
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

import httpx
from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run

HEADERS_ONLY = b"Voornaam;Naam;E-mail\r\n;;\r\n"
UNKNOWN = "Wie;Bereikbaar op\nAn Peeters;an@peeters.be\n".encode("cp1252")


@contextmanager
def _organiser_browser(url: str) -> Iterator[httpx.Client]:
    organiser = factories.account(Role.organiser)
    with httpx.Client(
        base_url=url, headers={"accept": "text/html", "accept-language": "nl-BE"}, timeout=30
    ) as browser:
        assert factories.log_in(browser, organiser.email).status_code == 303
        yield browser


def _upload(browser: httpx.Client, name: str, content: bytes) -> httpx.Response:
    token = browser.cookies["kring_csrf"]
    return browser.post(
        "/import/preview",
        files={"file": (name, content)},
        data={"_csrf_token": token},
        follow_redirects=True,  # to the preview's page
    )


def test_a_file_of_column_names_only_is_refused_on_the_page_the_api_and_the_cli(
    live_server, tmp_path
):
    with _organiser_browser(live_server) as browser:
        answer = _upload(browser, "leden.csv", HEADERS_ONLY)
    assert answer.status_code == 400, answer.text
    page = unescape(answer.text)
    assert "Het bestand noemt zijn kolommen, maar er staat geen enkele rij onder" in page
    assert 'id="import-form"' not in page

    organiser = factories.account(Role.organiser)
    api = httpx.post(
        live_server + "/api/import/members",
        headers=organiser.headers,
        files={"file": ("leden.csv", HEADERS_ONLY)},
        timeout=30,
    )
    assert api.status_code == 400, api.text
    assert "names its columns but has no row under them" in api.json()["detail"]

    path = tmp_path / "leden.csv"
    path.write_bytes(HEADERS_ONLY)
    cli = CliRunner().invoke(main, ["import", "members", str(path)])
    assert cli.exit_code == 2, cli.output
    assert "names its columns but has no row under them" in cli.output
    assert run(Member.count()) == 0


def test_unknown_columns_lead_to_choosing_their_fields_not_to_a_dead_end(live_server):
    with _organiser_browser(live_server) as browser:
        answer = _upload(browser, "contacts.csv", UNKNOWN)
        assert answer.status_code == 400, answer.text
        page = unescape(answer.text)
        assert "geen enkele kolom werd herkend" in page
        # every column offered with the fields to choose from, and its first values to go by
        assert re.search(r'<select name="map-0" aria-label="Wie"', page), page
        assert re.search(r'<select name="map-1" aria-label="Bereikbaar op"', page)
        assert "an@peeters.be" in page
        content = re.search(r'name="content" value="([^"]+)"', page)
        assert content and gzip.decompress(base64.b64decode(content.group(1))) == UNKNOWN
        assert 'id="do-import"' not in page  # nothing to import until a column is chosen

        chosen = browser.post(
            "/import/preview",
            data={
                "_csrf_token": browser.cookies["kring_csrf"],
                "content": content.group(1),
                "filename": "contacts.csv",
                "map-0": "name",
                "map-1": "email",
            },
            follow_redirects=True,
        )
    assert chosen.status_code == 200, chosen.text
    assert re.search(r'data-count="created">1<', chosen.text)
    assert run(Member.count()) == 0  # a preview


def test_a_column_without_a_name_is_named_in_the_pages_language(live_server):
    """Found by the imports probe: a column whose header cell is empty (a stray cell beside a
    workbook's headers) showed as 'column 3', in English on the Dutch page."""
    data = b"Voornaam;Naam;;E-mail\nAn;Peeters;vip;an@peeters.be\n"
    with _organiser_browser(live_server) as browser:
        answer = _upload(browser, "leden.csv", data)
    assert answer.status_code == 200, answer.text
    cells = re.findall(r'data-label="Kolom in het bestand">([^<]*)<', unescape(answer.text))
    assert cells == ["Voornaam", "Naam", "kolom 3 (zonder naam)", "E-mail"], cells
