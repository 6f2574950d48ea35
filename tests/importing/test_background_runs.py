"""The page's import runs in the background: "Import" stores the file and answers at once with
a progress page that becomes the report; a run left by a stopped process is finished by the
worker's job without importing anyone twice; only the organiser who started it (or an admin)
sees it; the stored file is gone when the run ends. Over real HTTP against the served app
(`kring serve`), on SQLite and, with KRING_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from html import unescape

import httpx
import pytest

from assembly.worker import JOBS
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Member
from members.importing import runs
from members.importing.runs import execute, fingerprint
from members.importing.tables import ImportRun, RunKind, RunStatus
from tests import factories
from tests.conftest import ON_POSTGRES, run
from tests.importing.helpers import csv_bytes
from tests.served import served

ROWS = 300
BAD = (7, 70, 170)
"""Rows (counted from 1, under the header) with an e-mail address that is none."""
MAPPING = {"Voornaam": "first_name", "Naam": "last_name", "E-mail": "email", "Bedrijf": "company"}


def _file(rows: int = ROWS) -> bytes:
    lines = ["Voornaam;Naam;E-mail;Bedrijf"]
    for n in range(1, rows + 1):
        email = f"lid{n}.voorbeeld" if n in BAD else f"lid{n}@bedrijf{n % 20}.be"
        lines.append(f"Lid;Nummer{n};{email};Bedrijf {n % 20}")
    return csv_bytes(*lines)


@pytest.fixture
def organiser_browser(live_server: str) -> Iterator[httpx.Client]:
    organiser = factories.account(Role.organiser)
    with _browser(live_server, organiser.email) as browser:
        browser.organiser_id = organiser.account_id  # type: ignore[attr-defined]
        yield browser


@contextmanager
def _browser(live_server: str, email: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=live_server,
        headers={"accept": "text/html", "accept-language": "nl-BE"},
        timeout=60,
    ) as browser:
        assert factories.log_in(browser, email).status_code == 303
        yield browser


def _previewed_form(browser: httpx.Client, data: bytes) -> dict[str, str]:
    token = browser.cookies["kring_csrf"]
    preview = browser.post(
        "/import/preview",
        files={"file": ("leden.csv", data)},
        data={"_csrf_token": token},
        follow_redirects=True,  # to the preview's page
    )
    assert preview.status_code == 200, preview.text[:500]
    page = unescape(_until_done(browser, preview.url.path))
    form = dict(re.findall(r'<input type="hidden" name="(preview)" value="(\d+)"', page))
    assert form, page[:2000]
    chosen = dict(
        re.findall(r'<select name="(map-\d+)"[^>]*>.*?<option value="(\w*)" selected', page, re.S)
    )
    return {"_csrf_token": token, **form, **chosen}


def _until_done(browser: httpx.Client, path: str) -> str:
    deadline = time.monotonic() + 240  # 50,000 rows took 21 s on a quiet machine
    while time.monotonic() < deadline:
        page = browser.get(path)
        assert page.status_code == 200, page.text[:500]
        if 'data-status="done"' in page.text or 'data-status="failed"' in page.text:
            return page.text
        time.sleep(0.2)
    raise AssertionError(f"{path} did not finish: {page.text[:500]}")


def test_a_run_answers_at_once_shows_progress_and_then_the_report(organiser_browser):
    form = _previewed_form(organiser_browser, _file())
    posted = organiser_browser.post("/import/run", data=form)
    assert posted.status_code == 303, posted.text[:500]
    path = posted.headers["location"]
    assert re.fullmatch(r"/import/runs/\d+", path)
    again = organiser_browser.post("/import/run", data=form)  # a double click: the same run
    assert again.headers["location"] == path

    report = _until_done(organiser_browser, path)
    assert "Import klaar" in report
    assert re.search(r'data-count="created">297<', report)
    assert re.search(r'data-count="rejected">3<', report)
    assert "“lid70.voorbeeld” is geen e-mailadres" in unescape(report)
    assert run(Member.count()) == ROWS - len(BAD)
    stored = run(
        ImportRun.select(ImportRun.kind, ImportRun.content, ImportRun.status).order_by(ImportRun.id)
    )
    assert stored == [  # the preview's file went with its import's end
        {"kind": RunKind.preview, "content": None, "status": RunStatus.done},
        {"kind": RunKind.run, "content": None, "status": RunStatus.done},
    ]

    refusals = organiser_browser.get(f"{path}/refusals")
    assert refusals.status_code == 200
    assert refusals.headers["content-type"].startswith("text/csv")
    assert [line.split(";")[0] for line in refusals.text.splitlines()[1:]] == ["8", "71", "171"]

    organiser_browser.cookies.set("kring_lang", "en")
    english = unescape(organiser_browser.get(path).text)
    assert "“lid70.voorbeeld” is not an e-mail address" in english
    assert "geen e-mailadres" not in english
    assert "is not an e-mail address" in organiser_browser.get(f"{path}/refusals").text


def test_the_progress_page_polls_itself_and_works_without_scripts(organiser_browser):
    started = _stored_run(organiser_browser.organiser_id, status=RunStatus.running)
    page = organiser_browser.get(f"/import/runs/{started}")
    assert page.status_code == 200
    text = unescape(page.text)
    assert "0 van 300 rijen nagekeken" in text
    assert f'hx-get="/import/runs/{started}" hx-trigger="every 2s"' in text
    assert f'<a href="/import/runs/{started}">' in text  # without scripts: a link to refresh


def test_only_the_organiser_who_started_a_run_or_an_admin_sees_it(organiser_browser, live_server):
    form = _previewed_form(organiser_browser, _file(20))
    path = organiser_browser.post("/import/run", data=form).headers["location"]
    _until_done(organiser_browser, path)
    unknown = "/import/runs/987654321"
    other = factories.account(Role.organiser)
    with _browser(live_server, other.email) as browser:
        theirs, none = browser.get(path), browser.get(unknown)
        assert theirs.status_code == none.status_code == 404
        assert browser.get(f"{path}/refusals").status_code == 404
        assert _without_ids(theirs.text) == _without_ids(none.text)
    member = factories.account(Role.member)
    with _browser(live_server, member.email) as browser:
        assert browser.get(path).status_code == browser.get(unknown).status_code == 403
    admin = factories.account(Role.admin)
    with _browser(live_server, admin.email) as browser:
        assert 'data-status="done"' in browser.get(path).text


def test_the_import_page_lists_the_organisers_runs_to_come_back_to(organiser_browser, live_server):
    """A page left during a run is found again from the import page, not by its address."""
    started = _stored_run(organiser_browser.organiser_id, status=RunStatus.running)
    listed = unescape(organiser_browser.get("/import").text)
    assert "Recente imports" in listed
    assert f'<a href="/import/runs/{started}">' in listed
    assert "0 van 300 rijen nagekeken" in listed
    other = factories.account(Role.organiser)
    with _browser(live_server, other.email) as browser:
        theirs = unescape(browser.get("/import").text)
        assert f"/import/runs/{started}" not in theirs
        assert "Recente imports" not in theirs


def test_a_run_keeps_no_language_of_its_own():
    """Its report is kept in Dutch and in English and read in the reader's language (above):
    the organiser's language, which nothing read, is no longer a column of the table."""
    engine = ImportRun._meta.db
    if ON_POSTGRES:
        query = "SELECT column_name AS name FROM information_schema.columns "
        query += "WHERE table_name = 'import_run'"
    else:
        query = "SELECT name FROM pragma_table_info('import_run')"
    columns = {row["name"] for row in run(engine.run_ddl(query))}
    assert {"report", "started_by"} <= columns
    assert "language" not in columns


def _without_ids(page: str) -> str:
    return re.sub(r"\d+", "N", page)


def _stored_run(
    account_id: int,
    *,
    status: RunStatus = RunStatus.running,
    heartbeat_ago: timedelta = timedelta(0),
    rows: int = ROWS,
    kind: RunKind = RunKind.run,
) -> int:
    """A run as `start_run` stores it, without starting it: what a process left behind."""
    content = _file(rows)
    now = utc_now()
    stored = run(
        ImportRun.insert(
            ImportRun(
                started_by=account_id,
                kind=kind,
                started_at=now - heartbeat_ago,
                heartbeat_at=now - heartbeat_ago,
                filename="leden.csv",
                content=gzip.compress(content),
                mapping=json.dumps(MAPPING),
                fingerprint=fingerprint(account_id, content, MAPPING, kind)
                if status != RunStatus.done
                else None,
                status=status,
                runner="the-dead-process",
                attempts=1 if status == RunStatus.running else 0,
                total=rows,
            )
        ).returning(ImportRun.id)
    )
    return stored[0]["id"]


def test_a_run_left_by_a_stopped_process_is_finished_by_the_worker_once(organiser_browser):
    left = _stored_run(organiser_browser.organiser_id, heartbeat_ago=timedelta(minutes=10))
    fresh = _stored_run(organiser_browser.organiser_id, rows=10)  # its process is alive
    resume = JOBS["import runs left by a stopped process"]
    assert run(resume()) == 1
    assert run(resume()) == 0
    assert run(Member.count()) == ROWS - len(BAD)
    finished = run(ImportRun.select().where(ImportRun.id == left).first())
    assert finished["status"] == RunStatus.done and finished["content"] is None
    assert finished["attempts"] == 2
    still = run(ImportRun.select(ImportRun.status).where(ImportRun.id == fresh).first())
    assert still == {"status": RunStatus.running}
    report = _until_done(organiser_browser, f"/import/runs/{left}")
    assert re.search(r'data-count="created">297<', report)


def _status(run_id: int) -> dict:
    query = ImportRun.select(ImportRun.status, ImportRun.attempts).where(ImportRun.id == run_id)
    return run(query.first())


def test_a_server_takes_over_a_run_left_by_a_stopped_process():
    """`kring serve` alone, without a worker, finishes a run its killed predecessor left."""
    organiser = factories.account(Role.organiser)
    left = _stored_run(organiser.account_id, heartbeat_ago=timedelta(minutes=10))
    with served(env=os.environ | {"KRING_SERVE_RESUMES_IMPORTS": "on"}):
        deadline = time.monotonic() + 60
        while _status(left)["status"] != RunStatus.done and time.monotonic() < deadline:
            time.sleep(0.2)
    assert _status(left) == {"status": RunStatus.done, "attempts": 2}
    assert run(Member.count()) == ROWS - len(BAD)


def test_a_server_told_not_to_leaves_such_runs_to_the_worker():
    """KRING_SERVE_RESUMES_IMPORTS=off, as the tests' shared server has it: the worker's job
    above is then the only one to take the run (the server's minute raced it, 1 in 5,000)."""
    organiser = factories.account(Role.organiser)
    left = _stored_run(organiser.account_id, heartbeat_ago=timedelta(minutes=10))
    with served(env=os.environ | {"KRING_SERVE_RESUMES_IMPORTS": "off"}) as server:
        assert httpx.get(f"{server.url}/health").status_code == 200
        time.sleep(3)  # a server that looks does so as it starts: within milliseconds
        assert _status(left) == {"status": RunStatus.running, "attempts": 1}
    assert run(JOBS["import runs left by a stopped process"]()) == 1
    assert _status(left) == {"status": RunStatus.done, "attempts": 2}


def test_an_attempt_that_was_taken_over_writes_nothing():
    organiser = factories.account(Role.organiser)
    taken = _stored_run(organiser.account_id)
    run(ImportRun.update({ImportRun.runner: "the-new-attempt"}).where(ImportRun.id == taken))
    run(execute(taken, "the-dead-process"))  # the old attempt, still going after all
    assert run(Member.count()) == 0
    left = run(ImportRun.select(ImportRun.status, ImportRun.runner).first())
    assert left == {"status": RunStatus.running, "runner": "the-new-attempt"}


def test_finished_runs_and_their_reports_are_deleted_a_day_after_their_end():
    organiser = factories.account(Role.organiser)
    old, recent = (_stored_run(organiser.account_id, status=RunStatus.done) for _ in range(2))
    run(
        ImportRun.update(
            {
                ImportRun.finished_at: utc_now() - timedelta(days=1, minutes=1),
                ImportRun.fingerprint: None,
            }
        ).where(ImportRun.id == old)
    )
    run(ImportRun.update({ImportRun.finished_at: utc_now()}).where(ImportRun.id == recent))
    assert run(JOBS["finished import runs"]()) == 1
    kept = run(ImportRun.select(ImportRun.id, ImportRun.content))
    assert kept == [{"id": recent, "content": None}]


def test_a_run_that_fails_empties_its_file_and_says_nothing_was_imported(organiser_browser):
    failing = _stored_run(organiser_browser.organiser_id)
    run(ImportRun.update({ImportRun.content: b"no gzip"}).where(ImportRun.id == failing))
    run(execute(failing, "the-dead-process"))
    left = run(ImportRun.select(ImportRun.content, ImportRun.fingerprint, ImportRun.status).first())
    assert left == {"content": None, "fingerprint": None, "status": RunStatus.failed}
    assert run(Member.count()) == 0
    page = unescape(organiser_browser.get(f"/import/runs/{failing}").text)
    assert "Import mislukt" in page and "niets uit het bestand is geïmporteerd" in page


PREVIEWED = 2_000
"""Rows of the preview whose request does not wait for it: seconds of checking on any machine,
and the test's wait for it short."""


@pytest.fixture
def waitless_organiser(client, monkeypatch):
    """An organiser of the app in-process, whose requests never wait for their run
    (`runs.WAIT` 0): whatever the machine's speed, the request answers before its run ends."""
    monkeypatch.setattr(runs, "WAIT", 0.0)
    organiser = factories.account(Role.organiser)
    assert factories.log_in(client, organiser.email).status_code == 303
    client.headers.update({"accept": "text/html", "accept-language": "nl-BE"})
    return client


def test_a_preview_not_done_within_the_wait_answers_with_its_progress_then_shows_itself(
    waitless_organiser,
):
    """The preview of 50,000 rows answered after 21 s, within its request; it is a run now.
    This test assumed a preview of 50,000 rows takes longer than the request's 3 s (8 s here):
    on a faster machine the request would have shown the preview itself, and the test failed
    for the wrong reason. The request's wait is 0 here, so it answers before its run ends."""
    browser = waitless_organiser
    posted = browser.post(
        "/import/preview",
        files={"file": ("leden.csv", _file(PREVIEWED))},
        data={"_csrf_token": factories.csrf_token(browser)},
        follow_redirects=False,
    )
    answered = utc_now()
    assert posted.status_code == 303, posted.text[:500]
    path = posted.headers["location"]
    assert re.fullmatch(r"/import/runs/\d+", path)

    preview = unescape(_until_done(browser, path))
    assert "Voorbeeld van de import" in preview
    assert re.search(rf'data-count="created">{PREVIEWED - len(BAD):,}<'.replace(",", "."), preview)
    assert re.search(r'data-count="rejected">3<', preview)
    assert f'<input type="hidden" name="preview" value="{path.rsplit("/", 1)[1]}">' in preview
    assert 'id="do-import"' in preview
    assert run(Member.count()) == 0  # a preview writes nothing
    kept = run(ImportRun.select(ImportRun.content, ImportRun.kind, ImportRun.finished_at).first())
    assert kept["kind"] == RunKind.preview and kept["content"] is not None  # for its import
    assert kept["finished_at"] > answered  # the request answered before its run ended


def test_a_preview_under_way_shows_its_progress(organiser_browser):
    started = _stored_run(organiser_browser.organiser_id, kind=RunKind.preview)
    page = unescape(organiser_browser.get(f"/import/runs/{started}").text)
    assert 'data-kind="preview"' in page and 'data-status="running"' in page
    assert "Voorbeeld wordt gemaakt" in page and "0 van 300 rijen nagekeken" in page
    assert "tot het voorbeeld klaar is" in page
    assert f'hx-get="/import/runs/{started}" hx-trigger="every 2s"' in page


def test_a_preview_left_by_a_stopped_process_is_taken_over_by_its_page(organiser_browser):
    left = _stored_run(
        organiser_browser.organiser_id, heartbeat_ago=timedelta(minutes=10), kind=RunKind.preview
    )
    preview = unescape(_until_done(organiser_browser, f"/import/runs/{left}"))
    assert "Voorbeeld van de import" in preview
    assert re.search(r'data-count="created">297<', preview)
    assert _status(left) == {"status": RunStatus.done, "attempts": 2}
    assert run(Member.count()) == 0


def test_preview_again_runs_the_same_preview_with_other_fields(organiser_browser):
    form = _previewed_form(organiser_browser, _file(20))
    preview_id = form["preview"]
    without_company = {key: value for key, value in form.items() if value != "company"}
    without_company |= {key: "" for key, value in form.items() if value == "company"}
    again = organiser_browser.post("/import/preview", data=without_company)
    assert again.headers["location"] == f"/import/runs/{preview_id}"  # the same page
    page = unescape(_until_done(organiser_browser, again.headers["location"]))
    assert "nieuwe organisaties: 0" in page
    assert run(ImportRun.count()) == 1  # the file is stored once
    mapping = json.loads(run(ImportRun.select(ImportRun.mapping).first())["mapping"])
    assert "company" not in mapping.values()


def test_a_preview_whose_file_was_imported_says_so(organiser_browser):
    form = _previewed_form(organiser_browser, _file(20))
    path = organiser_browser.post("/import/run", data=form).headers["location"]
    _until_done(organiser_browser, path)
    preview = unescape(organiser_browser.get(f"/import/runs/{form['preview']}").text)
    assert 'id="do-import"' not in preview
    assert "Het bestand van dit voorbeeld wordt niet meer bewaard" in preview
    assert f'<a href="{path}">' in preview
    run(ImportRun.update({ImportRun.finished_at: utc_now() - timedelta(minutes=2)}, force=True))
    late = organiser_browser.post("/import/run", data=form)  # an old tab, minutes later
    assert late.status_code == 400
    assert "het bestand van dit voorbeeld wordt niet meer bewaard" in unescape(late.text)
    assert run(ImportRun.count()) == 2


def test_two_overlapping_imports_at_once_both_finish_and_nobody_is_made_twice():
    """Found by probing two organisers importing at once: the second to write met the people
    the first had just made (the same e-mail addresses) and failed, 'upload the file again'."""
    organiser, other = (factories.account(Role.organiser) for _ in range(2))
    first = _stored_run(organiser.account_id)
    second = _stored_run(other.account_id, rows=ROWS + 100)  # the same 300 and 100 more

    async def at_once() -> None:
        await asyncio.gather(*(execute(each, "the-dead-process") for each in (first, second)))

    run(at_once())
    assert _status(first)["status"] == _status(second)["status"] == RunStatus.done
    assert run(Member.count()) == ROWS + 100 - len(BAD)
    emails = run(Member.select(Member.email).output(as_list=True))
    assert len(set(emails)) == len(emails)


def test_a_file_uploaded_again_after_its_import_gets_a_preview_of_its_own(organiser_browser):
    """The same file, previewed again within the minute a double click is answered in, was
    led to the old preview, whose file its import had emptied ('no longer kept')."""
    data = _file(20)
    form = _previewed_form(organiser_browser, data)
    _until_done(
        organiser_browser, organiser_browser.post("/import/run", data=form).headers["location"]
    )
    again = _previewed_form(organiser_browser, data)
    assert again["preview"] != form["preview"]
    page = unescape(organiser_browser.get(f"/import/runs/{again['preview']}").text)
    assert re.search(r'data-count="created">0<', page)
    assert 'id="do-import"' in page
