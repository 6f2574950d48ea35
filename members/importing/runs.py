"""The page's preview and import as background runs: stored, started in the serving process,
resumable.

The request that posts "Preview" or "Import" stores the file and its fields (`ImportRun`, of
kind preview or run) and answers as soon as the run is done or after `WAIT` at most; the same
process runs it as an asyncio task, recording rows done and a heartbeat every few seconds. A
preview keeps its file for the import started from it (and for "Preview again", which runs the
same preview anew with other fields); that import's end empties it.

A run whose heartbeat went stale (its process died or was stopped) is taken over
by `kring worker`, by a server (at its start and every minute), or by the serving process that
shows its progress page, and run again from its first row: the import writes every member in one
transaction at its end, together with the run's end, so a run that died wrote nothing, and the
attempt that took the run over alone can write (the others' `runner` no longer matches and
their write is undone). Works the same on SQLite with `kring serve` alone and on PostgreSQL
with several app processes and workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
import logging
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import asyncpg

from kring.clock import utc_now
from kring.i18n import LANGUAGES, gettext_for
from kring.messages import N_, Quantity, field_label, shown
from kring.settings import own_flag
from kring.validation import FieldError, briefly
from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import ImportReport, Outcome
from members.importing.rows import Table, read_file
from members.importing.tables import ImportRun, RunKind, RunStatus

log = logging.getLogger("kring.import")

HEARTBEAT_SECONDS = 2.0
STALE = timedelta(minutes=2)
"""A heartbeat older than this: the run's process is gone. Longer than SQLite's write of
50,000 rows (some 50 s), during which the heartbeat waits for the write lock."""
DOUBLE_CLICK = timedelta(minutes=1)
"""How long after its end a run still answers for the same file posted again."""
KEPT = timedelta(days=1)
"""How long a finished run's report (names and reasons of refused rows) is kept."""
RESUME_EVERY_SECONDS = 60
"""How often a server looks for runs whose process is gone (one indexed query)."""
MAX_ATTEMPTS = 3
DECIDED_AGAIN = 3
"""Times an attempt decides its rows again when its write meets people another import wrote
after it decided them (two organisers importing overlapping files at once): the database
refuses the second e-mail address, and the rows are matched to those people the next time."""
WAIT = 3.0
"""How long the request that starts a run waits for it: a file checked in that time (a few
thousand rows) shows its preview or report at once, a larger one its progress."""
SHOWN_ROWS = 20
"""Rows of each kind (created, updated, skipped, rejected) the report shows."""
SHOWN_CHARACTERS = 100
"""Of a column's first values, and of a row's name, the report keeps and shows this many
characters: a CRM's free-text cells of 100,000 characters made a preview's page of 8 MB."""
UNDER_WAY = (RunStatus.pending, RunStatus.running)
INTEGRITY = (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError)

_tasks: dict[int, asyncio.Task[None]] = {}
"""Runs this process holds, by id; kept referenced until they end (asyncio keeps only weak
ones)."""


class TakenOver(Exception):
    """Another attempt holds the run now: this one's write is undone."""


NAME_CHARACTERS = 80
"""Of a file's name, the characters kept before its extension (the page lists the runs by it)."""


def shown_filename(filename: str) -> str:
    """The name a browser sent, as the page lists it: its last part (a path is no part of it),
    a control character a space, a format character (a bidi override) gone, and no longer than
    `NAME_CHARACTERS` and its extension."""
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", filename))[-1]
    kept = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in name
        if unicodedata.category(c) != "Cf"
    )
    kept = " ".join(kept.split())
    stem, dot, extension = kept.rpartition(".")
    if not dot or len(extension) > 5:
        stem, extension = kept, ""
    if len(stem) > NAME_CHARACTERS:
        stem = f"{stem[:NAME_CHARACTERS]}…"
    return f"{stem}.{extension}" if extension else stem


def fingerprint(
    account_id: int,
    content: bytes,
    mapping: Mapping[str, str] | None,
    kind: RunKind = RunKind.run,
) -> str:
    digest = hashlib.sha256(f"{account_id}\n{kind}\n".encode())
    digest.update(json.dumps(None if mapping is None else dict(mapping), sort_keys=True).encode())
    digest.update(content)
    return digest.hexdigest()


async def start_run(
    account_id: int,
    content: bytes,
    filename: str,
    mapping: dict[str, str] | None,
    total: int,
    kind: RunKind = RunKind.run,
    source: int | None = None,
) -> int:
    """Stores the run and starts it in this process; the same file and fields posted again by
    the same organiser while it runs (a double click) answer the run already started.
    `mapping` None: the run reads the file and recognises its columns itself (a workbook,
    which takes half a minute to read at 50,000 rows); `total` is then 0 until it has read it.
    `source`: the preview an import is started from."""
    print_ = fingerprint(account_id, content, mapping, kind)
    imported = (ImportRun.kind == RunKind.preview) & ImportRun.content.is_null()
    await ImportRun.update({ImportRun.fingerprint: None}).where(
        (ImportRun.fingerprint == print_)
        & ((ImportRun.finished_at < utc_now() - DOUBLE_CLICK) | imported)
    )
    now = utc_now()
    try:
        rows = await ImportRun.insert(
            ImportRun(
                started_by=account_id,
                kind=kind,
                source=source,
                started_at=now,
                heartbeat_at=now,
                filename=shown_filename(filename),
                content=gzip.compress(content, compresslevel=6),
                mapping=json.dumps(mapping),
                fingerprint=print_,
                total=total,
            )
        ).returning(ImportRun.id)
    except INTEGRITY:
        same = await ImportRun.select(ImportRun.id).where(ImportRun.fingerprint == print_).first()
        if same is None:
            raise
        return same["id"]
    run_id = rows[0]["id"]
    spawn(run_id)
    return run_id


async def preview_again(run_id: int, mapping: dict[str, str]) -> None:
    """A finished preview run anew with other fields, in place: its page shows the progress
    and then the new preview, and its file is not stored twice. A preview under way is left
    as it is (a double click on "Preview again" starts it once)."""
    now = utc_now()
    again = (
        await ImportRun.update(
            {
                ImportRun.mapping: json.dumps(mapping),
                ImportRun.status: RunStatus.pending,
                ImportRun.attempts: 0,
                ImportRun.runner: "",
                ImportRun.done: 0,
                ImportRun.started_at: now,
                ImportRun.heartbeat_at: now,
                ImportRun.finished_at: None,
                ImportRun.fingerprint: None,
                ImportRun.report: "",
            }
        )
        .where(
            (ImportRun.id == run_id)
            & (ImportRun.kind == RunKind.preview)
            & ImportRun.status.not_in(list(UNDER_WAY))
            & ImportRun.content.is_not_null()
        )
        .returning(ImportRun.id)
    )
    if again:
        spawn(run_id)


def spawn(run_id: int) -> None:
    """Runs `run_id` in this process if it can take it (it is new, or its heartbeat is stale)."""
    held = _tasks.get(run_id)
    if held is not None and not held.done():  # this process is at it already
        return
    task = asyncio.create_task(_take_and_run(run_id))
    _tasks[run_id] = task

    def forget(done: asyncio.Task[None]) -> None:
        if _tasks.get(run_id) is done:
            del _tasks[run_id]

    task.add_done_callback(forget)


async def settled(run_id: int, seconds: float | None = None) -> None:
    """Waits until this process's attempt at the run ends, `seconds` (`WAIT`) at most."""
    task = _tasks.get(run_id)
    if task is not None:
        await asyncio.wait({task}, timeout=WAIT if seconds is None else seconds)


async def stop_all() -> None:
    """At a server's shutdown: its runs stop where they are, to be taken over when stale."""
    for task in list(_tasks.values()):
        task.cancel()
    for task in list(_tasks.values()):
        with contextlib.suppress(asyncio.CancelledError):
            await task


def is_stale(run: Mapping[str, Any]) -> bool:
    return run["status"] in UNDER_WAY and run["heartbeat_at"] < utc_now() - STALE


async def _claim(run_id: int) -> str | None:
    """Takes the run for a new attempt if nobody holds it; atomic, so one of several processes
    asking at once gets it. Returns the attempt's token."""
    runner = secrets.token_hex(16)
    now = utc_now()
    free = (ImportRun.status == RunStatus.pending) & (ImportRun.attempts == 0)
    stale = ImportRun.status.is_in(list(UNDER_WAY)) & (ImportRun.heartbeat_at < now - STALE)
    taken = (
        await ImportRun.update(
            {
                ImportRun.status: RunStatus.running,
                ImportRun.runner: runner,
                ImportRun.attempts: ImportRun.attempts + 1,
                ImportRun.heartbeat_at: now,
                ImportRun.done: 0,
            }
        )
        .where((ImportRun.id == run_id) & (free | stale))
        .returning(ImportRun.attempts)
    )
    if not taken:
        return None
    if taken[0]["attempts"] > MAX_ATTEMPTS:
        await _fail(run_id, runner)
        return None
    return runner


async def _take_and_run(run_id: int) -> None:
    try:
        runner = await _claim(run_id)
        if runner is not None:
            await execute(run_id, runner)
    except Exception:  # the run stays stale and is taken over later
        log.exception("import run %s could not be taken", run_id)


async def execute(run_id: int, runner: str) -> None:
    """One attempt at the run, from its first row; the members and the run's end are written
    in one transaction."""
    run = await ImportRun.select().where(ImportRun.id == run_id).first()
    if run is None:
        return
    if run["content"] is None:  # emptied: nothing left to import
        await _fail(run_id, runner)
        return
    rows_done = [0]
    beat = asyncio.create_task(_beat(run_id, runner, rows_done))
    preview = run["kind"] == RunKind.preview
    try:
        content = gzip.decompress(run["content"])
        try:
            table = await asyncio.to_thread(read_file, content, run["filename"])
        except FieldError as error:  # the file's fault, said on the run's page
            log.info("import run %s: the file was refused: %s", run_id, error.message)
            await _end(run_id, runner, RunStatus.failed, {"error": stored_error(error)}, run)
            return
        mapping = json.loads(run["mapping"])
        if mapping is None:  # recognised here, from the file the request did not read
            mapping = detect_mapping(table.headers)
            await ImportRun.update(
                {ImportRun.mapping: json.dumps(mapping), ImportRun.total: len(table.rows)}
            ).where((ImportRun.id == run_id) & (ImportRun.runner == runner))
        if not mapping:  # (also when an attempt that recognised nothing was stopped)
            await _unrecognised(run_id, runner, table, run)
            return

        async def finish(report: ImportReport) -> None:
            stored = summaries(report) | ({"file": file_of(table)} if preview else {})
            ended = await _end(run_id, runner, RunStatus.done, stored, run)
            if not ended:
                raise TakenOver

        for decided in range(1, DECIDED_AGAIN + 2):
            try:
                await import_rows(
                    table.rows,
                    mapping,
                    dry_run=preview,
                    actor=run["started_by"],
                    progress=lambda done, _total: rows_done.__setitem__(0, done),
                    extra_cells=table.extra_cells,
                    notices=table.notices,
                    finish=finish,
                )
                break
            except INTEGRITY:  # nothing was written: its transaction was undone
                if decided > DECIDED_AGAIN:
                    raise
                log.info("import run %s met people another import wrote meanwhile", run_id)
    except TakenOver:
        log.info("import run %s was taken over by another attempt", run_id)
    except Exception:
        log.exception("import run %s failed", run_id)
        await _fail(run_id, runner)
    finally:
        beat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beat


NOTHING_RECOGNISED = N_("no column was recognised; choose a field for each column")


async def _unrecognised(run_id: int, runner: str, table: Table, run: Mapping[str, Any]) -> None:
    """A file none of whose columns is recognised: a preview ends with its columns and first
    values, keeping its file, for the organiser to choose a field for each and preview it
    again; an import has nothing to import."""
    if run["kind"] == RunKind.preview:
        stored = {"file": file_of(table), "unrecognised": True}
        await _end(run_id, runner, RunStatus.done, stored, run)
    else:
        error = stored_error(FieldError("map", NOTHING_RECOGNISED))
        await _end(run_id, runner, RunStatus.failed, {"error": error}, run)


def stored_error(error: FieldError) -> dict[str, Any]:
    """A refusal of the file as the run's report keeps it (JSON), to be shown in the reader's
    language: its message id and parameters, a count as a count."""
    params = {
        key: {"quantity": value.value} if isinstance(value, Quantity) else value
        for key, value in error.params.items()
    }
    return {"field": error.field, "template": error.template, "params": params}


def error_in(run: Mapping[str, Any]) -> FieldError | None:
    """The refusal of the file a failed run stored (None for any other run)."""
    stored = json.loads(run["report"]) if run["report"] else {}
    if "error" not in stored:
        return None
    error = stored["error"]
    params = {
        key: Quantity(value["quantity"]) if isinstance(value, dict) else value
        for key, value in error["params"].items()
    }
    return FieldError(error["field"], error["template"], **params)


def is_unrecognised(run: Mapping[str, Any]) -> bool:
    """A finished preview of a file none of whose columns was recognised."""
    stored = json.loads(run["report"]) if run["report"] else {}
    return bool(stored.get("unrecognised"))


async def _beat(run_id: int, runner: str, rows_done: list[int]) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        with contextlib.suppress(*INTEGRITY, sqlite3.OperationalError, asyncpg.PostgresError):
            await ImportRun.update(
                {ImportRun.done: rows_done[0], ImportRun.heartbeat_at: utc_now()}
            ).where(
                (ImportRun.id == run_id)
                & (ImportRun.runner == runner)
                & (ImportRun.status == RunStatus.running)
            )


async def _end(
    run_id: int,
    runner: str,
    status: RunStatus,
    report: dict[str, Any],
    run: Mapping[str, Any] | None = None,
) -> bool:
    """The run's end, by the attempt that holds it: an import's file is emptied, and that of
    the preview it was started from; a preview that did not fail keeps its file for its import
    (the fingerprint is kept a minute against a double click, unless the run failed)."""
    now = utc_now()
    values: dict[Any, Any] = {
        ImportRun.status: status,
        ImportRun.finished_at: now,
        ImportRun.heartbeat_at: now,
        ImportRun.report: json.dumps(report),
    }
    kept = run is not None and run["kind"] == RunKind.preview and status == RunStatus.done
    if not kept:
        values[ImportRun.content] = None
    if status == RunStatus.done:
        values[ImportRun.done] = ImportRun.total
    else:
        values[ImportRun.fingerprint] = None
    ended = (
        await ImportRun.update(values)
        .where((ImportRun.id == run_id) & (ImportRun.runner == runner))
        .returning(ImportRun.id)
    )
    if ended and run is not None and run["source"] is not None and run["kind"] == RunKind.run:
        await ImportRun.update({ImportRun.content: None}).where(ImportRun.id == run["source"])
    return bool(ended)


async def _fail(run_id: int, runner: str) -> None:
    run = await ImportRun.select(ImportRun.kind, ImportRun.source).where(ImportRun.id == run_id)
    await _end(run_id, runner, RunStatus.failed, {}, run[0] if run else None)


def file_of(table: Table) -> dict[str, Any]:
    """What a preview's page shows of the file beside its fields: its columns (those without
    a name, which the page names in its language) and the first values of each."""
    return {
        "columns": table.headers,
        "unnamed": sorted(table.unnamed),
        "sample": first_values(table),
    }


def first_values(table: Table) -> list[list[Any]]:
    """The first rows of the file, each cell shortened, beside the fields to choose."""
    return [
        [number, {column: briefly(cell, SHOWN_CHARACTERS) for column, cell in row.items()}]
        for number, row in table.rows[:3]
    ]


def file_in(run: Mapping[str, Any]) -> dict[str, Any]:
    """`file_of` as a finished preview stored it ({} otherwise)."""
    stored = json.loads(run["report"]) if run["report"] else {}
    return stored.get("file", {})


def summaries(report: ImportReport) -> dict[str, dict[str, Any]]:
    """The report in every language a page may be read in: the organiser may switch language
    before opening it, and another admin may read it (no page mixes two languages)."""
    return {language: summary(report, language) for language in LANGUAGES}


def report_in(run: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The stored report as a page in `language` shows it ({} while the run is under way or
    after it failed)."""
    stored = json.loads(run["report"]) if run["report"] else {}
    return stored.get(language, {})


def summary(report: ImportReport, language: str) -> dict[str, Any]:
    """What the report page shows, its texts in the organiser's language: the counts, the
    file's notices, the first rows of each kind, and every refused row for the download."""
    _ = gettext_for(language)
    left = dict.fromkeys(Outcome, SHOWN_ROWS)
    shown_rows = []
    for row in report.rows:
        if left[row.outcome]:
            left[row.outcome] -= 1
            shown_rows.append(
                {
                    "row": row.row,
                    "name": briefly(row.name, SHOWN_CHARACTERS),
                    "outcome": row.outcome.value,
                    "reasons": [
                        f"{field_label(p.field, _)}: {p.translate(_)}" for p in row.reasons
                    ],
                    "notices": [
                        f"{field_label(p.field, _)}: {p.translate(_)}" for p in row.notices
                    ],
                }
            )
    return {
        "counts": report.counts,
        "organisations_created": report.organisations_created,
        "notices": [shown(notice, _) for notice in report.notices],
        "rows": shown_rows,
        "row_count": len(report.rows),
        "refused": [
            [row.row, briefly(row.name, SHOWN_CHARACTERS), field_label(p.field, _), p.translate(_)]
            for row in report.rows
            if row.outcome == Outcome.rejected
            for p in row.reasons
        ],
    }


async def resume_stale() -> int:
    """Takes over and runs every run whose process is gone, one after the other: the job of
    `kring worker` (several workers share them out) and of a server when it starts."""
    stale = await ImportRun.select(ImportRun.id).where(
        ImportRun.status.is_in(list(UNDER_WAY)) & (ImportRun.heartbeat_at < utc_now() - STALE)
    )
    resumed = 0
    for run in stale:
        runner = await _claim(run["id"])
        if runner is not None:
            await execute(run["id"], runner)
            resumed += 1
    return resumed


def serve_resumes() -> bool:
    """Whether a server looks for runs left by a stopped process (KRING_SERVE_RESUMES_IMPORTS,
    on unless set off; read at start): off leaves them to `kring worker` and to the run's
    page. The tests' shared server has it off, so a test about the worker's job is not raced
    by the server's minute (tests/conftest.py)."""
    return own_flag("KRING_SERVE_RESUMES_IMPORTS")


async def resume_while_serving() -> None:
    """`resume_stale` in a server, at its start and every minute: `kring serve` alone (no
    worker) finishes a run its previous process left. A failure waits for the next round."""
    while True:
        try:
            await resume_stale()
        except Exception:
            log.exception("import runs left by a stopped process could not be resumed")
        await asyncio.sleep(RESUME_EVERY_SECONDS)


async def purge_finished() -> int:
    """Finished runs and their reports are deleted a day after their end, a preview's file
    with it; a file left by an import that ended, or by a failed preview, is emptied at once
    (it should not be: the end empties it)."""
    now = utc_now()
    left = (ImportRun.kind == RunKind.run) | (ImportRun.status == RunStatus.failed)
    await ImportRun.update({ImportRun.content: None}).where(
        ImportRun.status.not_in(list(UNDER_WAY)) & ImportRun.content.is_not_null() & left
    )
    gone = (
        await ImportRun.delete()
        .where(ImportRun.finished_at.is_not_null() & (ImportRun.finished_at < now - KEPT))
        .returning(ImportRun.id)
    )
    return len(gone)


async def visible_run(run_id: int, account_id: int, is_admin: bool) -> dict[str, Any] | None:
    """The run if this organiser started it or an admin asks; None as for an unknown id."""
    where = ImportRun.id == run_id
    if not is_admin:
        where &= ImportRun.started_by == account_id
    columns = [c for c in ImportRun._meta.columns if c._meta.name != "content"]
    return await ImportRun.select(*columns).where(where).first()


async def preview_file(run_id: int, account_id: int, is_admin: bool) -> bytes | None:
    """The file a finished preview keeps for its import, if this organiser may use it; None
    when it is not theirs, not a preview, or no longer kept."""
    where = (
        (ImportRun.id == run_id)
        & (ImportRun.kind == RunKind.preview)
        & (ImportRun.status == RunStatus.done)
    )
    if not is_admin:
        where &= ImportRun.started_by == account_id
    found = await ImportRun.select(ImportRun.content).where(where).first()
    if found is None or found["content"] is None:
        return None
    return gzip.decompress(found["content"])


async def just_imported(preview_id: int, account_id: int) -> int | None:
    """The import this organiser started from the preview if it ended within the minute a
    double click is answered in: its end emptied the preview's file, so the second click
    cannot be matched by the file (`start_run`) and is led to that import instead."""
    found = (
        await ImportRun.select(ImportRun.id)
        .where(
            (ImportRun.source == preview_id)
            & (ImportRun.kind == RunKind.run)
            & (ImportRun.started_by == account_id)
            & (ImportRun.finished_at > utc_now() - DOUBLE_CLICK)
        )
        .order_by(ImportRun.id, ascending=False)
        .first()
    )
    return found["id"] if found else None


async def keeps_its_file(run_id: int) -> bool:
    return await ImportRun.exists().where(
        (ImportRun.id == run_id) & ImportRun.content.is_not_null()
    )


async def imports_of(preview_id: int) -> list[dict[str, Any]]:
    """The imports started from a preview, newest first: its page leads to them."""
    return (
        await ImportRun.select(ImportRun.id, ImportRun.status)
        .where((ImportRun.source == preview_id) & (ImportRun.kind == RunKind.run))
        .order_by(ImportRun.id, ascending=False)
    )


async def recent_runs(account_id: int, is_admin: bool, limit: int = 10) -> list[dict[str, Any]]:
    """The runs the import page lists, newest first: this organiser's (every one for an admin)
    that are under way or ended within the day they are kept, so a page left during a run can
    be found again without its address."""
    where = ImportRun.id.is_not_null()
    if not is_admin:
        where &= ImportRun.started_by == account_id
    return (
        await ImportRun.select(
            ImportRun.id,
            ImportRun.kind,
            ImportRun.filename,
            ImportRun.started_at,
            ImportRun.status,
            ImportRun.done,
            ImportRun.total,
        )
        .where(where)
        .order_by(ImportRun.id, ascending=False)
        .limit(limit)
    )
