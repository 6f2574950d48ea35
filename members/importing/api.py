"""The import API: upload or rows, duplicates, merges and exports. Organisers only."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import JSONBody, PathParameter, QueryParameter

from kring.choices import Role
from kring.messages import N_
from kring.validation import FieldError, briefly, key_path
from kring.web.auth import current, requires
from kring.web.downloads import answers_file
from kring.web.head import is_head
from kring.web.inputs import UnsupportedMediaType, is_json
from kring.web.json_keys import DuplicateKey
from kring.web.openapi import FORM_FIELDS, JSON_BODY
from kring.web.uploads import FORM_ALLOWANCE, TOO_LARGE
from kring.web.validation_text import plain_english
from members.importing.columns import (
    FIELDS,
    check_mapping,
    detect_mapping,
    merge_mapping,
    parse_mapping,
)
from members.importing.duplicates import find_member_duplicates, find_organisation_duplicates
from members.importing.export import FORMATS, NAMES, export_download
from members.importing.importer import import_rows
from members.importing.limits import MAX_UPLOAD, file_too_large
from members.importing.merge import merge_members
from members.importing.rows import read_file
from members.importing.schemas import (
    DuplicatePair,
    ImportReportOut,
    ImportRows,
    MergeOut,
    MergeRequest,
    Row,
    merge_out,
    pair_out,
    report_out,
)

organiser = requires(Role.organiser)
MinScore = Annotated[float, QueryParameter(ge=0, le=1)]
Limit = Annotated[int, QueryParameter(ge=1, le=1000)]


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


async def _from_upload(request: Request) -> tuple[list, dict[str, str], bool, dict, list]:
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise FieldError("file", N_("send the CSV or XLSX file in the multipart field 'file'"))
    # In a thread: a workbook of 50,000 rows takes half a minute to read, which the other
    # requests would otherwise wait for.
    table = await asyncio.to_thread(read_file, await upload.read(), upload.filename or "")
    pairs = [str(v) for v in form.getall("map")] if "map" in form else []
    mapping = merge_mapping(detect_mapping(table.headers), parse_mapping(pairs, table.headers))
    return table.rows, mapping, _flag(form.get("dry_run", "")), table.extra_cells, table.notices


ROW = re.compile(r"rows\[(\d+)\]")
AT = re.compile(r"^(?P<detail>.*) - at (?:`key` in )?`\$(?P<path>[^`]*)`$", re.DOTALL)


async def _json(request: Request) -> Any:
    """A column sent twice in one row is named by the row's number, as the report counts rows,
    with both cells briefly: the organiser finds the row by them."""
    try:
        return await request.json()
    except DuplicateKey as error:
        row = ROW.fullmatch(error.parent)
        if row is None or not isinstance(error.first, str) or not isinstance(error.second, str):
            raise
        raise FieldError(
            error.field,
            N_(
                "row %(row)s: column %(column)r was sent more than once in one row "
                "(%(first)r, then %(second)r); send it once"
            ),
            row=int(row.group(1)) + 1,
            column=briefly(error.key),
            first=briefly(error.first),
            second=briefly(error.second),
        ) from None


def _refusal(error: msgspec.ValidationError, value: Any) -> FieldError:
    """msgspec's refusal of the rows as a field error. A row is named as the report counts
    rows and a cell by its column: msgspec says `$.rows[0][...]`, naming neither."""
    found = AT.match(str(error))
    if found is None:
        return FieldError("body", N_("%(detail)s"), detail=error)
    detail, path = plain_english(found.group("detail")), found.group("path").removeprefix(".")
    row = ROW.match(path)
    if row is None:
        return FieldError(path.split("[")[0] or "body", N_("%(detail)s"), detail=detail)
    index = int(row.group(1))
    cells = value["rows"][index]
    found_in = cells.items() if isinstance(cells, dict) else ()
    column = next((key for key, cell in found_in if not _fits(key, cell)), None)
    if column is None:  # the row itself: no object, too many columns
        return FieldError(row.group(), N_("row %(row)s: %(detail)s"), row=index + 1, detail=detail)
    return FieldError(
        key_path(row.group(), column),
        N_("row %(row)s, column %(column)r: %(detail)s"),
        row=index + 1,
        column=briefly(column),
        detail=detail,
    )


def _fits(column: str, cell: Any) -> bool:
    try:
        msgspec.convert({column: cell}, Row, strict=True)
    except msgspec.ValidationError:
        return False
    return True


async def _from_json(request: Request) -> tuple[list, dict[str, str], bool, dict, list]:
    """The rows read as every JSON body is (`CheckedRequest.json`: a key sent twice, a
    control character), then checked against `ImportRows`."""
    if not await request.body():
        raise FieldError("body", N_("is empty: send a JSON object"))
    value = await _json(request)
    try:
        data = msgspec.convert(value, ImportRows, strict=True)
    except msgspec.ValidationError as error:
        raise _refusal(error, value) from None
    headers = list(dict.fromkeys(k for row in data.rows for k in row))
    explicit = data.mapping or {}
    check_mapping(explicit, headers)
    identity = {h: h for h in headers if h in FIELDS}
    mapping = merge_mapping(
        identity | detect_mapping([h for h in headers if h not in identity]), explicit
    )
    rows = [(i, row) for i, row in enumerate(data.rows, start=1)]
    return rows, mapping, data.dry_run, {}, []


@post(
    "/api/import/members",
    guards=[organiser],
    request_max_body_size=MAX_UPLOAD + FORM_ALLOWANCE,
    summary="Import members: a CSV/XLSX upload (multipart 'file', 'map', 'dry_run') or JSON rows",
    tags=["import"],
    opt={
        FORM_FIELDS: {
            "map": "column=field, to map a column the import does not recognise (repeatable)",
            "dry_run": "true to check the rows without saving them",
        },
        JSON_BODY: ImportRows,
        TOO_LARGE: file_too_large,
    },
)
async def import_members(request: Request) -> ImportReportOut:
    if request.content_type[0] == RequestEncodingType.MULTI_PART:
        rows, mapping, dry_run, extra_cells, notices = await _from_upload(request)
    elif is_json(request):
        rows, mapping, dry_run, extra_cells, notices = await _from_json(request)
    else:
        raise UnsupportedMediaType(
            N_("send multipart/form-data with a file, or application/json rows"),
            field="Content-Type",
        )
    if not mapping:
        raise FieldError("map", N_("no column was recognised; map columns with column=field"))
    report = await import_rows(
        rows,
        mapping,
        dry_run=dry_run,
        actor=current(request).account_id,
        extra_cells=extra_cells,
        notices=notices,
    )
    return report_out(report)


@get(
    "/api/members/duplicates",
    guards=[organiser],
    tags=["import"],
    summary="Likely duplicate members, scored, with the signals that matched",
)
async def member_duplicates(min_score: MinScore = 0.6, limit: Limit = 100) -> list[DuplicatePair]:
    return [pair_out(p) for p in await find_member_duplicates(min_score, limit)]


@get(
    "/api/organisations/duplicates",
    guards=[organiser],
    tags=["import"],
    summary="Likely duplicate organisations, scored, with the signals that matched",
)
async def organisation_duplicates(
    min_score: MinScore = 0.6, limit: Limit = 100
) -> list[DuplicatePair]:
    return [pair_out(p) for p in await find_organisation_duplicates(min_score, limit)]


@post(
    "/api/members/merge",
    guards=[organiser],
    tags=["import"],
    status_code=200,
    summary="Merge the loser into the survivor, field by field; linked records move",
)
async def merge(request: Request, data: JSONBody[MergeRequest]) -> MergeOut:
    actor = current(request).account_id
    return merge_out(await merge_members(actor, data.survivor, data.loser, data.fields))


ExportName = Annotated[str, PathParameter(schema_extra={"enum": list(NAMES)})]


@get(
    "/api/export/{name:str}",
    guards=[organiser],
    tags=["import"],
    summary="members.csv, members.xlsx, organisations.csv or organisations.xlsx",
    response_description="The file named: text/csv for .csv, a spreadsheet for .xlsx",
    operation_class=answers_file(*FORMATS.values()),
)
async def export(request: Request, name: ExportName) -> Response[bytes]:
    return await export_download(name, current(request).account_id, head=is_head(request.scope))


ROUTES = [import_members, member_duplicates, organisation_duplicates, merge, export]
