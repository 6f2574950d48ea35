"""The web edge of uploads: reading a file from a multipart form, and serving one back.

A route that takes a file raises its body limit to the upload limit
(`@post(..., request_max_body_size=UPLOAD_BODY_BYTES)`); the app's limit stays small for every
other route. Litestar stops reading a body at the route's limit (at once when Content-Length
announces more), and `body_too_large` turns that into a 413 that names the limit.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions.http_exceptions import RequestEntityTooLarge

from kring.errors import TooLarge
from kring.messages import N_
from kring.uploads import (
    CONTENT_TYPES,
    DOCUMENTS,
    CheckedFile,
    FileKind,
    UploadTooLarge,
    check_upload,
    max_upload_bytes,
    upload_too_large,
)
from kring.validation import FieldError
from kring.web.downloads import answers_file
from kring.web.inputs import form_text

CSRF_FIELD = "_csrf_token"
# Room for the form's other fields and the multipart headers around the file.
FORM_ALLOWANCE = 1024 * 1024
UPLOAD_BODY_BYTES = max_upload_bytes() + FORM_ALLOWANCE
TOO_LARGE = "too_large"
"""A route's `opt` key for a function making its own answer to a body above its limit: a
route whose limit is not the uploads' (the import's file travels in a form) names its own."""


async def read_upload(
    request: Request[Any, Any, Any], field: str = "file", allowed: frozenset[FileKind] = DOCUMENTS
) -> tuple[CheckedFile, dict[str, str]]:
    """The one file sent in `field`, checked, and the form's other fields (the first value of
    each, stripped; the CSRF token left out). Pages and the API send the same form."""
    content_type, _ = request.content_type
    if content_type != RequestEncodingType.MULTI_PART:
        raise FieldError(field, N_("send the file as a multipart/form-data form"))
    try:
        form = await request.form()
    except RequestEntityTooLarge:  # an API route reads here; a page's CSRF check read before
        raise body_too_large(request, field) from None
    sent = form.getall(field, [])
    files = [value for value in sent if isinstance(value, UploadFile)]
    try:
        if not files and any(sent):  # content without a plain `filename` is text to the
            # reader; an empty part (a form sent with no file chosen) is asked for below
            raise FieldError(
                field,
                N_(
                    "this part holds no file: send it with a file name, as Content-Disposition: "
                    'form-data; name="%(name)s"; filename="name.pdf" (a filename* alone is '
                    "not read)"
                ),
                name=field,
            )
        if not files:
            raise FieldError(field, N_("choose a file to send"))
        if len(files) > 1:
            raise FieldError(field, N_("send one file at a time"))
        content = await files[0].read()
        checked = check_upload(files[0].filename or "", content, allowed)
    except (FieldError, UploadTooLarge) as error:
        raise _renamed(error, field) from None
    finally:
        for upload in files:
            await upload.close()
    return checked, _other_fields(form, field)


def _renamed(error: FieldError | UploadTooLarge, field: str) -> FieldError | UploadTooLarge:
    """The domain names the file `file`; the form may call it otherwise."""
    error.field = field
    return error


def _other_fields(form: Any, field: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key in form:
        if key in (field, CSRF_FIELD) or key in fields:
            continue
        fields[key] = form_text(key, form.getall(key)[0]).strip()
    return fields


def body_too_large(request: Request[Any, Any, Any], field: str = "file") -> TooLarge:
    """What a body above its route's limit is told: on an upload route, the file limit."""
    handler = request.scope.get("route_handler")
    if handler is not None and TOO_LARGE in handler.opt:  # the route says its own limit
        return handler.opt[TOO_LARGE]()
    limit = handler.resolve_request_max_body_size() if handler is not None else None
    if limit is not None and limit >= UPLOAD_BODY_BYTES:
        too_large = upload_too_large()
        too_large.field = field
        return too_large
    if not limit:
        return TooLarge(N_("what you sent is too large"))
    return TooLarge(
        N_("what you sent is larger than the limit of %(limit)s MB"),
        limit=f"{limit / 1_000_000:g}",
    )


STORED_FILE = answers_file(*CONTENT_TYPES.values())
"""The operation class of a route answering a stored file (`download`): one of the types an
upload is stored as, each documented as binary."""


def download(filename: str, content_type: str, content: bytes) -> Response[bytes]:
    """A stored file, always as a download: the browser never renders it in Kring's origin."""
    return Response(
        content,
        media_type=content_type,
        headers={
            "Content-Disposition": content_disposition(filename),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, no-store",
        },
    )


def content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII `filename` for old clients and the exact name as `filename*`."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(
        char if 0x20 <= ord(char) < 0x7F and char not in '"\\;' else "_" for char in ascii_name
    ).strip()
    if not fallback.strip("._ "):
        fallback = "file"
    elif fallback.startswith("."):
        fallback = "file" + fallback
    encoded = quote(filename, safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
