"""A workbook is read by its background run, not by the request that posts it: an XLSX of
50,000 rows took 24-43 s to read, and the preview's request waited for it although the preview
itself already ran in the background. The request stores the workbook and answers within its
wait (`runs.WAIT`) as for a CSV; the run reads it, recognises its columns and counts its rows,
and a workbook it refuses is named on the run's page (or, within the wait, beside the file
field as before).

`runs.WAIT` is set to 0 here, so the request never waits for its run, whatever the machine's
speed: had it read the workbook itself, it would have answered its refusal (400) instead of the
run's page (303). In-process (the app and its runs on the test's portal), on SQLite and, with
KRING_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import asyncio
import gzip
import io
import re
import time
from html import unescape

import pytest
from openpyxl import Workbook

from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Member
from members.importing import runs
from members.importing.tables import ImportRun, RunKind, RunStatus
from tests import factories
from tests.conftest import run


def _workbook(*rows: list[str]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTACTS = _workbook(
    ["Voornaam", "Naam", "E-mail"],
    ["An", "Peeters", "an@peeters.be"],
    ["Jan", "Claes", "jan.claes"],
)


@pytest.fixture
def organiser(client, monkeypatch):
    monkeypatch.setattr(runs, "WAIT", 0.0)  # the request never waits for its run
    # Nor may the run end while the request reads its state back (a small workbook's run
    # did, on PostgreSQL under load, and the request answered with its refusal): it starts
    # half a second late, and what it then does is unchanged.
    take_and_run = runs._take_and_run

    async def late(run_id: int) -> None:
        await asyncio.sleep(0.5)
        await take_and_run(run_id)

    monkeypatch.setattr(runs, "_take_and_run", late)
    account = factories.account(Role.organiser)
    assert factories.log_in(client, account.email).status_code == 303
    client.headers.update({"accept": "text/html", "accept-language": "nl-BE"})
    return client


def _post(client, book: bytes, name: str = "leden.xlsx"):
    return client.post(
        "/import/preview",
        files={"file": (name, book)},
        data={"_csrf_token": factories.csrf_token(client)},
        follow_redirects=False,
    )


def _settled(client, path: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = client.get(path)
        assert page.status_code == 200, page.text[:500]
        if re.search(r'data-status="(done|failed)"', page.text):
            return unescape(page.text)
        time.sleep(0.1)
    raise AssertionError(f"{path} did not end: {page.text[:500]}")


def test_the_request_leaves_the_workbook_to_its_run(organiser):
    refused = _workbook(
        ["Voornaam", "Naam", "E-mail"], ["An", "Peeters", "an@peeters.be", *[""] * 600, "x"]
    )
    answer = _post(organiser, refused)
    assert answer.status_code == 303, answer.text[:500]  # not read by the request
    page = _settled(organiser, answer.headers["location"])
    assert 'data-status="failed"' in page
    assert "Rij 2 heeft een cel voorbij kolom 500" in page  # what is wrong, in Dutch
    assert 'href="/import"' in page
    stored = run(ImportRun.select(ImportRun.content, ImportRun.status).first())
    assert stored == {"content": None, "status": RunStatus.failed}  # the file is not kept


def test_a_workbook_read_by_its_run_shows_its_preview_and_imports(organiser):
    answer = _post(organiser, CONTACTS)
    assert answer.status_code == 303, answer.text[:500]
    path = answer.headers["location"]
    page = _settled(organiser, path)
    assert 'data-status="done"' in page and "Voorbeeld van de import" in page
    assert re.search(r'data-count="created">1<', page)
    assert re.search(r'data-count="rejected">1<', page)
    assert re.search(
        r'<select name="map-2" aria-label="E-mail">.*?value="email" selected', page, re.S
    )
    preview = run(ImportRun.select(ImportRun.total, ImportRun.kind).first())
    assert preview == {"total": 2, "kind": RunKind.preview}  # counted by the run

    form = dict(
        re.findall(r'<select name="(map-\d+)"[^>]*>.*?<option value="(\w*)" selected', page, re.S)
    )
    form |= {"preview": path.rsplit("/", 1)[1], "_csrf_token": factories.csrf_token(organiser)}
    imported = organiser.post("/import/run", data=form, follow_redirects=False)
    assert imported.status_code == 303, imported.text[:500]
    report = _settled(organiser, imported.headers["location"])
    assert re.search(r'data-count="created">1<', report)
    assert run(Member.count()) == 1


def test_a_workbook_whose_columns_are_not_recognised_lets_the_organiser_choose(organiser):
    answer = _post(organiser, _workbook(["Wie", "Bereikbaar op"], ["An Peeters", "an@peeters.be"]))
    assert answer.status_code == 303, answer.text[:500]
    path = answer.headers["location"]
    page = _settled(organiser, path)
    assert "geen enkele kolom werd herkend" in page
    assert re.search(r'<select name="map-1" aria-label="Bereikbaar op"', page)
    assert "an@peeters.be" in page
    assert 'id="do-import"' not in page  # nothing to import until a column is chosen
    preview_id = path.rsplit("/", 1)[1]
    assert f'<input type="hidden" name="preview" value="{preview_id}">' in page

    chosen = organiser.post(
        "/import/preview",
        data={
            "_csrf_token": factories.csrf_token(organiser),
            "preview": preview_id,
            "map-0": "name",
            "map-1": "email",
        },
        follow_redirects=False,
    )
    assert chosen.headers["location"] == path  # the same preview, run again
    again = _settled(organiser, path)
    assert re.search(r'data-count="created">1<', again)
    assert 'id="do-import"' in again
    assert run(Member.count()) == 0  # a preview


def test_a_refused_workbook_is_named_beside_the_file_field_when_its_run_ends_within_the_wait(
    organiser, monkeypatch
):
    monkeypatch.setattr(runs, "WAIT", 30.0)
    answer = _post(organiser, _workbook(["Voornaam", "Naam", "E-mail"]))
    assert answer.status_code == 400, answer.text[:500]
    page = unescape(answer.text)
    assert '<p class="field-error" id="field-file-error">' in page
    assert "Het bestand noemt zijn kolommen, maar er staat geen enkele rij onder" in page


def test_a_run_stopped_after_recognising_nothing_ends_as_such_when_taken_over():
    """An attempt stores the columns it recognised before it ends; one that recognised none
    and was stopped right then left `{}`, which the next attempt took for chosen fields."""
    organiser = factories.account(Role.organiser)
    book = _workbook(["Wie", "Bereikbaar op"], ["An Peeters", "an@peeters.be"])
    now = utc_now()
    stored = run(
        ImportRun.insert(
            ImportRun(
                started_by=organiser.account_id,
                kind=RunKind.preview,
                started_at=now,
                heartbeat_at=now,
                filename="leden.xlsx",
                content=gzip.compress(book),
                mapping="{}",
                status=RunStatus.running,
                runner="the-next-attempt",
            )
        ).returning(ImportRun.id)
    )
    run_id = stored[0]["id"]
    run(runs.execute(run_id, "the-next-attempt"))
    ended = run(ImportRun.select().where(ImportRun.id == run_id).first())
    assert ended["status"] == RunStatus.done and runs.is_unrecognised(ended)
    assert ended["content"] is not None  # kept for the fields to be chosen
