"""The organiser's pages: upload, map and preview, import; duplicates and field-by-field merge.

"Preview" and "Import" store the file as a background run (`runs`) and lead to its page,
which shows the progress and becomes the preview or the report (a file checked within a few
seconds shows it at once). A preview keeps its file for its import and for "Preview again", so
its page carries an id, not the file. Only a file none of whose columns is recognised travels
back in the form (compressed, as base64) while the organiser chooses a field for each column.
A preview or a report shows the counts and the first rows of each kind; every refusal
downloads as a CSV.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import gzip
import json
import zlib
from dataclasses import dataclass
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import DomainError, NotFound
from kring.i18n import gettext_for
from kring.pages.forms import see_other
from kring.tables import Member
from kring.validation import FieldError, is_id, refuse_beyond_ids
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.head import is_head
from kring.web.params import QueryId
from kring.web.templating import language_of, page
from kring.web.uploads import TOO_LARGE, content_disposition
from members.importing.columns import FIELDS, check_mapping, detect_mapping
from members.importing.duplicates import find_member_duplicates
from members.importing.export import export_download, to_csv
from members.importing.limits import (
    FORM_MAX,
    MAX_UPLOAD,
    file_too_large,
    file_too_large_beside_its_field,
)
from members.importing.merge import MERGEABLE, merge_members, mergeable
from members.importing.rows import Table, check_workbook, is_workbook, read_file
from members.importing.runs import (
    NOTHING_RECOGNISED,
    SHOWN_ROWS,
    error_in,
    file_in,
    first_values,
    imports_of,
    is_stale,
    is_unrecognised,
    just_imported,
    keeps_its_file,
    preview_again,
    preview_file,
    recent_runs,
    report_in,
    settled,
    spawn,
    start_run,
    visible_run,
)
from members.importing.tables import RunKind, RunStatus

organiser = requires(Role.organiser)


@get("/import", guards=[organiser], name="import")
async def upload_page(request: Request) -> Template:
    who = current(request)
    runs = await recent_runs(who.account_id, who.role == Role.admin)
    return page(request, "importing/upload.html", error=None, runs=runs)


def _carried(content: bytes) -> str:
    """The file as the page's form carries it back: compressed (a CSV to a fifth), base64."""
    return base64.b64encode(gzip.compress(content, compresslevel=6)).decode()


def _uncarried(text: str) -> bytes:
    """`_carried` undone, never to more than one byte over the limit (a crafted form)."""
    lost = FieldError("file", N_("the file was lost on the way; upload it again"))
    try:
        packed = base64.b64decode(text, validate=True)
        unpacker = zlib.decompressobj(wbits=31)
        content = unpacker.decompress(packed, MAX_UPLOAD + 1)
    except (binascii.Error, zlib.error):
        raise lost from None
    if len(content) <= MAX_UPLOAD and not unpacker.eof:
        raise lost
    return content


def _too_large(content: bytes) -> None:
    if len(content) > MAX_UPLOAD:  # the form takes more: the file travels in it as base64
        raise file_too_large_beside_its_field()


async def _previewed(request: Request, form: Any) -> tuple[dict[str, Any], bytes] | None:
    """The preview the form names (`preview`: its id) with the file it keeps; None when the
    form names none."""
    typed = str(form.get("preview", "")).strip()
    if not typed:
        return None
    refuse_beyond_ids(typed, "preview")
    who = current(request)
    content = None
    if is_id(typed):
        content = await preview_file(int(typed), who.account_id, who.role == Role.admin)
    if content is None:
        raise FieldError(
            "file",
            N_(
                "the file of this preview is no longer kept (it was imported, or the preview "
                "is more than a day old); upload it again"
            ),
        )
    run = await visible_run(int(typed), who.account_id, who.role == Role.admin)
    return (run, content) if run is not None else None


@dataclass
class Posted:
    """What a form to preview or import brings: the file, the fields of its columns (None:
    the run recognises them, having read the file), its rows (0 until read) and the preview it
    comes from; `table` when the request read the file (a CSV)."""

    content: bytes
    filename: str
    mapping: dict[str, str] | None
    total: int
    source: dict[str, Any] | None = None
    table: Table | None = None


async def _posted(request: Request, form: Any) -> Posted:
    """The file (uploaded, kept by the preview the form names, or carried back by the form)
    and the fields of its columns (chosen in the form, else recognised). A workbook is read by
    its run, not here: 50,000 rows take half a minute, which the browser would wait for; only
    its zip directory is checked (a zip bomb). A preview's columns are those its run read."""
    upload = form.get("file")
    source = None
    if isinstance(upload, UploadFile) and upload.filename:
        content, filename = await upload.read(), upload.filename
    elif previewed := await _previewed(request, form):
        source, content = previewed
        filename = source["filename"]
    else:
        if not form.get("content"):
            raise FieldError("file", N_("choose a CSV or XLSX file"))
        content = _uncarried(str(form.get("content", "")))
        filename = str(form.get("filename", ""))
    _too_large(content)
    chosen = any(key.startswith("map-") for key in form)
    table = None
    if source is not None:
        headers, total = file_in(source).get("columns", []), source["total"]
    elif is_workbook(content) and not chosen:
        check_workbook(content)
        return Posted(content, filename, None, 0)
    else:
        # In a thread: a CSV of 50,000 rows takes a second or two to read, which the server's
        # other requests would otherwise wait for. A chosen file that is empty is said to be.
        table = await asyncio.to_thread(read_file, content, filename)
        headers, total = table.headers, len(table.rows)
    if chosen:
        fields = {h: str(form.get(f"map-{i}", "")) for i, h in enumerate(headers)}
        mapping = check_mapping(fields, headers)
    else:
        mapping = detect_mapping(headers)
    return Posted(content, filename, mapping, total, source, table)


async def _start(request: Request, kind: RunKind) -> Template | Redirect:
    form = await request.form()
    typed = str(form.get("preview", "")).strip()
    if kind == RunKind.run and is_id(typed):
        started = await just_imported(int(typed), current(request).account_id)
        if started is not None:  # a double click after a quick import's end
            return Redirect(f"/import/runs/{started}", status_code=303)
    try:
        posted = await _posted(request, form)
    except FieldError as error:
        return page(request, "importing/upload.html", status_code=400, error=error)
    source = posted.source
    if posted.mapping == {}:  # the columns to choose a field for, not the bare upload form
        error = FieldError("map", NOTHING_RECOGNISED)
        if source is not None:  # the preview's own page, its fields to choose again
            return await _run_page(request, source, error=error, status_code=400)
        table = posted.table
        assert table is not None  # read here: its columns are known
        return page(
            request,
            "importing/preview.html",
            status_code=400,
            error=error,
            columns=table.headers,
            unnamed=table.unnamed,
            mapping=posted.mapping,
            fields=FIELDS,
            content=_carried(posted.content),
            filename=posted.filename,
            sample=first_values(table),
        )
    if kind == RunKind.preview and source is not None:
        await preview_again(source["id"], posted.mapping or {})
        run_id = source["id"]
    else:
        run_id = await start_run(
            current(request).account_id,
            posted.content,
            posted.filename,
            posted.mapping,
            posted.total,
            kind=kind,
            source=source["id"] if source is not None and kind == RunKind.run else None,
        )
    await settled(run_id)
    return await _ended_at_once(request, run_id) or Redirect(
        f"/import/runs/{run_id}", status_code=303
    )


async def _ended_at_once(request: Request, run_id: int) -> Template | None:
    """The answer of a run that ended within the request's wait and that the organiser must
    act on: a file its run refused (a workbook, read there) beside the file field; a file none
    of whose columns was recognised, with its columns to choose a field for. None otherwise
    (the run's page shows its progress, preview or report)."""
    who = current(request)
    run = await visible_run(run_id, who.account_id, who.role == Role.admin)
    if run is None:
        return None
    error = error_in(run) if run["status"] == RunStatus.failed else None
    if error is not None:
        return page(request, "importing/upload.html", status_code=400, error=error)
    if run["status"] == RunStatus.done and is_unrecognised(run):
        return await _run_page(request, run, status_code=400)
    return None


LIMITED = {"request_max_body_size": FORM_MAX, "opt": {TOO_LARGE: file_too_large}}
"""A form carrying a file: its limit, and a 413 that names the file's and leads back."""


@post("/import/preview", guards=[organiser], **LIMITED)
async def preview(request: Request) -> Template | Redirect:
    """Stores the preview and answers with its page: the preview itself when it was made within
    a few seconds, else its progress (`runs`)."""
    return await _start(request, RunKind.preview)


@post("/import/run", guards=[organiser], **LIMITED)
async def run_import(request: Request) -> Template | Redirect:
    """Stores the run and answers with its page: the report when it was done within a few
    seconds, else its progress (`runs`)."""
    return await _start(request, RunKind.run)


async def _visible_run(request: Request, run_id: int) -> dict[str, Any]:
    """The run if this organiser started it (or an admin asks); else the 404 of an unknown id."""
    who = current(request)
    run = await visible_run(run_id, who.account_id, who.role == Role.admin)
    if run is None:
        raise NotFound(N_("import %(run_id)s not found"), field="run_id", run_id=run_id)
    return run


@get("/import/runs/{run_id:int}", guards=[organiser])
async def run_page(request: Request, run_id: FromPath[int]) -> Template:
    """The run's progress, polled by the page itself, and its preview or report once done. A
    run whose process is gone is taken over by the process showing it."""
    run = await _visible_run(request, run_id)
    if is_stale(run):
        spawn(run_id)
    return await _run_page(request, run)


async def _run_page(
    request: Request, run: dict[str, Any], error: FieldError | None = None, status_code: int = 200
) -> Template:
    """A run's page: its progress; its preview or report; the refusal of its file; or, when
    none of the file's columns was recognised, the columns to choose a field for."""
    language = language_of(request)
    previewed: dict[str, Any] = {}
    unrecognised = run["status"] == RunStatus.done and is_unrecognised(run)
    if unrecognised and error is None:
        error = FieldError("map", NOTHING_RECOGNISED)
    if run["kind"] == RunKind.preview and run["status"] == RunStatus.done:
        file = file_in(run)
        previewed = {
            "columns": file.get("columns", []),
            "unnamed": frozenset(file.get("unnamed", [])),
            "sample": file.get("sample", []),
            "mapping": json.loads(run["mapping"]) or {},
            "fields": FIELDS,
            "keeps_file": await keeps_its_file(run["id"]),
            "imports": await imports_of(run["id"]),
        }
    refusal = error_in(run) if run["status"] == RunStatus.failed else None
    return page(
        request,
        "importing/run.html",
        status_code=status_code,
        error=error,
        run=run,
        report=report_in(run, language),
        unrecognised=unrecognised,
        refusal=refusal.translate(gettext_for(language)) if refusal else "",
        shown_count=SHOWN_ROWS,
        **previewed,
    )


@get("/import/runs/{run_id:int}/refusals", guards=[organiser])
async def run_refusals(request: Request, run_id: FromPath[int]) -> Response[bytes]:
    """Every refused row of a finished preview or import with its reasons, as its report kept
    them."""
    run = await _visible_run(request, run_id)
    if run["status"] != "done":  # the refusals are known at the end
        raise NotFound(N_("import %(run_id)s not found"), field="run_id", run_id=run_id)
    language = language_of(request)
    refused = report_in(run, language)["refused"]
    _ = gettext_for(language)
    header = (_("Row"), _("Name"), _("Field"), _("Why"))
    return Response(
        to_csv(header, refused),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition(_("refused-rows.csv"))},
    )


@get("/import/export/{name:str}", guards=[organiser])
async def export(request: Request, name: FromPath[str]) -> Response[bytes]:
    return await export_download(name, current(request).account_id, head=is_head(request.scope))


@get("/import/duplicates", guards=[organiser])
async def duplicates(request: Request) -> Template:
    pairs = await find_member_duplicates(0.6, 200)
    return page(request, "importing/duplicates.html", pairs=pairs)


async def _members(*ids: int) -> list[dict[str, Any]]:
    rows = []
    for member_id in ids:
        row = (
            await Member.select(*Member.all_columns(), Member.organisation.name)
            .where(Member.id == member_id)
            .first()
        )
        if row is None:
            raise NotFound(
                N_("member %(member_id)s not found"), field="member", member_id=member_id
            )
        rows.append(row)
    return rows


async def _merge_page(request: Request, survivor: int, loser: int, **extra: Any) -> Template:
    left, right = await _members(survivor, loser)
    context = {"survivor": left, "loser": right, "fields": MERGEABLE, "error": None} | extra
    return page(request, "importing/merge.html", **context)


@get("/import/merge", guards=[organiser])
async def merge_page(request: Request, survivor: QueryId = None, loser: QueryId = None) -> Template:
    if survivor is None or loser is None:
        raise FieldError("survivor" if survivor is None else "loser", N_("is required"))
    await mergeable(survivor, loser)  # a pair that cannot be merged gets no form to fill in
    return await _merge_page(request, survivor, loser)


@post("/import/merge", guards=[organiser])
async def merge(request: Request) -> Template | Redirect:
    form = await request.form()
    typed = [str(form.get("survivor", "")).strip(), str(form.get("loser", "")).strip()]
    for field, number in zip(("survivor", "loser"), typed, strict=True):
        refuse_beyond_ids(number, field)
    if not all(is_id(number) for number in typed):
        raise FieldError("survivor", N_("choose two members"))
    survivor, loser = (int(number) for number in typed)
    choices = {f: str(form.get(f"take-{f}")) for f in MERGEABLE if form.get(f"take-{f}")}
    try:
        await merge_members(current(request).account_id, survivor, loser, choices)
    except (FieldError, DomainError) as error:
        status = 400 if isinstance(error, FieldError) else error.status_code
        return await _merge_page(request, survivor, loser, error=error, status_code=status)
    return see_other(f"/members/{survivor}", N_("Merged: the two records are one now."))


ROUTES = [
    upload_page,
    preview,
    run_import,
    run_page,
    run_refusals,
    export,
    duplicates,
    merge_page,
    merge,
]
