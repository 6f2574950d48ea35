"""The organiser's pages: upload, map and preview, import; duplicates and field-by-field merge.

Between preview and import the file travels back in the form (base64), so nothing is kept on
the server for a half-finished import.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import DomainError, NotFound
from kring.pages.forms import see_other
from kring.tables import Member
from kring.validation import FieldError, is_id, refuse_beyond_ids
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.head import is_head
from kring.web.params import QueryId
from kring.web.templating import page
from members.importing.api import MAX_UPLOAD
from members.importing.columns import FIELDS, check_mapping, detect_mapping
from members.importing.duplicates import find_member_duplicates
from members.importing.export import export_download
from members.importing.importer import import_rows
from members.importing.merge import MERGEABLE, merge_members, mergeable
from members.importing.report import ImportReport
from members.importing.rows import read_file

organiser = requires(Role.organiser)


@get("/import", guards=[organiser], name="import")
async def upload_page(request: Request) -> Template:
    return page(request, "importing/upload.html", error=None)


async def _file_and_mapping(form: Any) -> tuple[bytes, str, Any, dict[str, str]]:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        content, filename = await upload.read(), upload.filename
    else:
        try:
            content = base64.b64decode(str(form.get("content", "")), validate=True)
        except binascii.Error:
            raise FieldError("file", N_("the file was lost on the way; upload it again")) from None
        filename = str(form.get("filename", ""))
        if not content:
            raise FieldError("file", N_("choose a CSV or XLSX file"))
    if len(content) > MAX_UPLOAD:  # the form takes more: the file travels in it as base64
        raise FieldError(
            "file",
            N_("the file is larger than the limit of %(limit)s MB; send a smaller file"),
            limit=f"{MAX_UPLOAD / 1_000_000:g}",
        )
    table = read_file(content, filename)  # a chosen file that is empty is said to be
    if any(key.startswith("map-") for key in form):
        chosen = {h: str(form.get(f"map-{i}", "")) for i, h in enumerate(table.headers)}
        mapping = check_mapping(chosen, table.headers)
    else:
        mapping = detect_mapping(table.headers)
    return content, filename, table, mapping


async def _import(request: Request, dry_run: bool) -> Template:
    form = await request.form()
    try:
        content, filename, table, mapping = await _file_and_mapping(form)
    except FieldError as error:
        return page(request, "importing/upload.html", status_code=400, error=error)
    shown = {
        "columns": table.headers,
        "unnamed": table.unnamed,
        "mapping": mapping,
        "fields": FIELDS,
        "content": base64.b64encode(content).decode(),
        "filename": filename,
        "sample": table.rows[:3],
    }
    if not mapping:  # the columns to choose a field for, not the bare upload form
        error = FieldError("map", N_("no column was recognised; choose a field for each column"))
        empty = ImportReport(dry_run=True, mapping={})
        return page(
            request, "importing/preview.html", status_code=400, error=error, report=empty, **shown
        )
    report = await import_rows(
        table.rows,
        mapping,
        dry_run=dry_run,
        actor=current(request).account_id,
        extra_cells=table.extra_cells,
        notices=table.notices,
    )
    return page(request, "importing/preview.html", report=report, **shown)


FORM_MAX = 14_000_000
"""What the page's form may carry: a file of MAX_UPLOAD as base64 (a third more: 13.3 MB)
between preview and import, with its choices of fields."""


@post("/import/preview", guards=[organiser], request_max_body_size=FORM_MAX)
async def preview(request: Request) -> Template:
    return await _import(request, dry_run=True)


@post("/import/run", guards=[organiser], request_max_body_size=FORM_MAX)
async def run_import(request: Request) -> Template:
    return await _import(request, dry_run=False)


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


ROUTES = [upload_page, preview, run_import, export, duplicates, merge_page, merge]
