"""Everything a request brings in is refused when it holds a control character: query and path
parameters, JSON bodies and form fields, with a 400 naming the field.

One check at the edge, so no text field can be forgotten; the domain's `require_text` applies
the same rule to what comes from the CLI and imports. Bodies are checked when they are parsed,
by the request class, so no handler parses them again; every JSON body is decoded there, the
import's rows included, so each check runs on each body in the same order (its keys, read once
more for a key sent twice, before any schema).
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

import msgspec
from litestar import Request
from litestar.datastructures import FormMultiDict
from litestar.enums import RequestEncodingType
from litestar.exceptions import ClientException, SerializationException, ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import BodyKwarg
from litestar.types import Empty

from kring.errors import DomainError
from kring.messages import N_
from kring.validation import (
    SECRET_FIELDS,
    FieldError,
    briefly,
    refuse_control_characters_in,
    refuse_lost_characters,
    refuse_lost_characters_in,
)
from kring.web.areas import CSRF_EXEMPT_BECAUSE, Area, area_of
from kring.web.json_keys import refuse_duplicate_keys
from kring.web.query import (
    QueryParameters,
    query_parameters,
    refuse_loose_integers,
    refuse_undecodable_parameters,
)

MAX_BODY_BYTES = 1_000_000
"""The largest body a request may bring (uploads aside, which have their own limit): the app's
and Piccolo Admin's alike."""

KEEPS_TYPED_QUERY = "kring_keeps_typed_query"
"""A search page whose `opt` holds this key, with the names of the query parameters it reads
through `kring.pages.forms.query_data`, checks those itself and shows the search form again
with the words typed: their values are left to it, as forms are with `KEEPS_TYPED_FORM`.
Every other parameter is checked here as on any route (`/library?x=%00` is a 400)."""

KEEPS_TYPED_FORM = "kring_keeps_typed_form"
"""A page route whose `opt` holds this key reads its form through `kring.pages.forms.form_data`,
which refuses control characters itself and shows the form again with what was typed: the
request leaves them to it instead of answering a bare 400 before the handler runs."""


class CheckedRequest(Request):
    """Litestar's request whose parsed JSON and form data carry no control character, and whose
    JSON body holds the types its route declares, not values Litestar would coerce into them."""

    async def json(self) -> Any:
        refuse_encoded_bodies(self)
        try:
            value = await super().json()  # no schema yet
        except SerializationException as error:
            # Litestar answers its own `data` parameter so (a 400 naming the body, as
            # `kring.web.errors` words it); a handler reading the body itself, the import,
            # got the exception bare, a 500 with a traceback for `{` or `1e400`.
            raise ClientException(str(error)) from None
        except UnicodeDecodeError:  # msgspec counts from the string it was reading, not the body
            raise broken_utf8(await self.body()) from None
        refuse_duplicate_keys(await self.body())
        refuse_control_characters_in(value, "")
        refuse_lost_characters_in(value, "")
        refuse_coerced_json(value, self)
        return value

    @property
    def query_params(self) -> QueryParameters:
        """One value a name: reading one of a parameter sent twice is a 400 naming it."""
        return QueryParameters(super().query_params)

    async def form(self) -> FormMultiDict:
        refuse_encoded_bodies(self)  # the CSRF check reads a form before any hook
        if self.content_type[0] == RequestEncodingType.URL_ENCODED:
            refuse_broken_url_encoding(await self.body())
        form = await super().form()
        handler = self.scope.get("route_handler")
        if handler is not None and handler.opt.get(KEEPS_TYPED_FORM):
            return form
        for key in form:
            refuse_control_characters_in(key, "body")
            texts = [value for value in form.getall(key) if isinstance(value, str)]
            refuse_control_characters_in(texts[0] if len(texts) == 1 else texts, key)
        return form


def broken_utf8(body: bytes) -> FieldError:
    """The refusal of a body that is not UTF-8, naming the first byte that is no part of a
    UTF-8 character by its offset in the body, as the JSON decoder names a misplaced one."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        return FieldError(
            "body",
            N_(
                "is not valid UTF-8: the byte %(byte)s at offset %(offset)s (counted from 0) "
                "is not part of a UTF-8 character"
            ),
            byte=f"0x{body[error.start]:02X}",
            offset=error.start,
        )
    return FieldError("body", N_("is not valid UTF-8"))


def refuse_coerced_json(value: Any, request: Request) -> None:
    """Litestar converts every parameter, the JSON body included, with msgspec's lax rules
    (``strict=False``, fixed in its signature model): ``{"done": 0}`` and ``{"done": "0"}``
    became ``False``, ``{"member": "5"}`` became 5. Lax rules are right for query strings,
    where everything is text, and wrong for JSON, which has its own booleans and numbers. A
    body the lax rules accept and the strict ones refuse is answered 400 naming the field;
    any other refusal is left to Litestar, which words it as before."""
    handler = request.scope.get("route_handler")
    data = handler.parsed_fn_signature.parameters.get("data") if handler else None
    if data is None or value is None:
        return
    try:
        msgspec.convert(value, data.annotation, strict=True)
    except msgspec.ValidationError as strict:
        try:
            msgspec.convert(value, data.annotation, strict=False)
        except msgspec.ValidationError:
            return
        message, _, at = str(strict).partition(" - at `")
        field = at.rstrip("`").removeprefix("$").removeprefix(".") or "body"
        raise ValidationException(
            detail="Validation failed", extra=[{"key": field, "message": message}]
        ) from None


def refuse_broken_url_encoding(body: bytes) -> None:
    """Litestar reads a URL-encoded body as Latin-1 and its %-escapes with errors replaced:
    an unescaped "é" (curl -d) was stored as "Ã©", and %FF as U+FFFD, silently. Browsers
    escape every byte beyond ASCII, so anything else is refused naming the body; so are
    escapes of bytes that make no UTF-8 text (`%FF`), with a message that says so."""
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        raise FieldError(
            "body", N_("is not URL-encoded UTF-8: every character beyond ASCII must be escaped")
        ) from None
    try:
        parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:  # escaped, but the bytes are no UTF-8 text (`%FF`)
        raise FieldError(
            "body",
            N_("is not valid UTF-8: the escaped byte %(escape)s is not part of a UTF-8 character"),
            escape=f"%{error.object[error.start]:02X}",
        ) from None


class UnsupportedMediaType(DomainError):
    status_code = 415


async def check_request(request: Request) -> None:
    """The app's `before_request` hook: what every route checks before it reads its input."""
    await check_url_parameters(request)
    refuse_encoded_bodies(request)
    area = area_of(request.scope)
    if area is Area.api:
        refuse_other_media_types(request)
        await refuse_unread_bodies(request)
    elif area is Area.pages:
        refuse_bodies_that_are_no_form(request)


def refuse_other_media_types(request: Request) -> None:
    """An API route with a JSON body read any body as JSON whatever its Content-Type said
    (text/plain was taken, a form was "malformed JSON"): a body of another type is a 415
    naming the type to send. A route without a body, an empty body, and the uploads and
    the import (which read their bodies themselves) are left alone."""
    if not takes_json(request.route_handler) or not _has_body(request):
        return
    if not is_json(request):
        raise UnsupportedMediaType(
            N_("send the body as application/json (Content-Type: application/json)"),
            field="Content-Type",
        )


FORM_TYPES = (RequestEncodingType.URL_ENCODED, RequestEncodingType.MULTI_PART)


def refuse_bodies_that_are_no_form(request: Request) -> None:
    """A page reads its form; a body of another type (JSON, text/plain) sent with the CSRF
    token in the header was read as an empty form, so /profile answered 'saved' and changed
    nothing, and a checkbox sent in JSON was read as unticked. Such a body is a 415 naming the
    Content-Type, before the handler runs; the one-click unsubscribe (posted by mail clients,
    exempt from CSRF) is left as it is."""
    if request.method not in ACTS or not _has_body(request):
        return
    if request.route_handler.opt.get(CSRF_EXEMPT_BECAUSE):
        return
    if request.content_type[0] not in FORM_TYPES:
        raise UnsupportedMediaType(
            N_(
                "send the form as application/x-www-form-urlencoded or multipart/form-data "
                "(Content-Type)"
            ),
            field="Content-Type",
        )


def refuse_encoded_bodies(request: Request) -> None:
    """A body is read as sent: with `Content-Encoding: gzip` plain JSON was taken as if the
    header were absent and real gzip was "malformed JSON (byte 0)". A body in any coding but
    `identity` is a 415 naming the header (RFC 9110 § 15.5.16), on pages and the API."""
    coding = request.headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity") or not _has_body(request):
        return
    raise UnsupportedMediaType(
        N_("send the body uncompressed: Content-Encoding %(coding)s is not read"),
        field="Content-Encoding",
        coding=briefly(coding),
    )


NO_BODY = N_("this request takes no body: send none (or {} as application/json)")
ACTS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def refuse_unread_bodies(request: Request) -> None:
    """An API route that reads no body ignored whatever came with it and still acted (`hello`
    as text/plain, `{"x":NaN` or bytes that are no UTF-8 sent to `POST /api/events/14/cancel`
    cancelled the event). A body there is refused before the handler runs: of another type
    than JSON a 415 naming the Content-Type, as on the routes that read JSON; as JSON a 400
    naming `body`, unless it is the empty object `{}`, which clients send for "nothing" and
    which is taken as no body. No body at all is fine; pages (forms with CSRF) are not checked
    here."""
    if request.method not in ACTS or reads_body(request.route_handler) or not _has_body(request):
        return
    body = await request.body()
    if not body:
        return
    if not is_json(request):
        raise UnsupportedMediaType(NO_BODY, field="Content-Type")
    try:
        empty = msgspec.json.decode(body) == {}
    except msgspec.DecodeError:  # what the body holds does not matter: it is not wanted
        empty = False
    if not empty:
        raise FieldError("body", NO_BODY)


@cache
def reads_body(handler: BaseRouteHandler) -> bool:
    """Whether `handler` reads a body: its `data` parameter, or its own (the uploads and the
    import read theirs from the request, and raise the body limit to do so)."""
    if "data" in handler.parsed_fn_signature.parameters:
        return True
    return getattr(handler, "request_max_body_size", Empty) not in (Empty, None)


def is_json(request: Request) -> bool:
    """Whether the body is declared JSON: `application/json` or a `+json` type (parameters such
    as `charset` aside, in any case), and not `application/jsonx`, which a prefix test took."""
    media_type = request.content_type[0]
    return media_type == RequestEncodingType.JSON or media_type.endswith("+json")


@cache
def takes_json(handler: BaseRouteHandler) -> bool:
    """Whether `handler` reads its body (`data`) as JSON."""
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return False
    declared = data.kwarg_definition
    media_type = declared.media_type if isinstance(declared, BodyKwarg) else None
    return media_type in (None, RequestEncodingType.JSON)


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length", "").strip()
    return "transfer-encoding" in request.headers or (length not in ("", "0"))


async def check_url_parameters(request: Request) -> None:
    """Query and path parameters carry no control character and no escape of bytes that make
    no UTF-8 text (a search page that keeps what was typed checks its values itself, U+FFFD
    included), and single-valued query parameters come once."""
    keeps_typed = request.route_handler.opt.get(KEEPS_TYPED_QUERY, frozenset())
    refuse_undecodable_parameters(request.scope.get("query_string", b""), keeps_typed)
    for name, value in request.query_params.multi_items():
        refuse_control_characters_in(name, "query")
        if name not in keeps_typed:
            refuse_control_characters_in(value, name)
    refuse_broken_path_encoding(request.scope.get("raw_path", b""))
    refuse_control_characters_in(request.path_params, "")
    refuse_repeated_query_parameters(request)
    refuse_loose_integers(request.route_handler, request.query_params)


def refuse_broken_path_encoding(raw_path: bytes) -> None:
    """Litestar reads a path's %-escapes with errors replaced: `/events/%FF` reached the route
    as "/events/\ufffd" and its 404 echoed the lost character. A path whose escapes make no
    UTF-8 text is refused naming the escaped byte, as a query's and a form body's are."""
    path = raw_path.partition(b"?")[0]  # a test client's raw path holds the query too
    try:
        unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError as error:
        raise FieldError(
            "path",
            N_("is not valid UTF-8: the escaped byte %(escape)s is not part of a UTF-8 character"),
            escape=f"%{error.object[error.start]:02X}",
        ) from None


def refuse_repeated_query_parameters(request: Request) -> None:
    """Litestar reads `?limit=1&limit=2` as the last value, silently; the pages refuse a field
    sent twice (`kring.pages.forms.form_data`), and so does every route a query parameter it
    declares as one value. Parameters declared as lists, and ones it does not read, may repeat;
    those a handler reads itself are refused when it reads them (`kring.web.query`)."""
    single = single_query_parameters(request.route_handler)
    for name in request.query_params:
        if name in single and len(request.query_params.getall(name)) > 1:
            raise FieldError(name, N_("was sent more than once; send one value"))


@cache
def single_query_parameters(handler: BaseRouteHandler) -> frozenset[str]:
    """The query parameters (by the name a client sends) that `handler` reads as one value."""
    return frozenset(
        name for name, field in query_parameters(handler) if not field.is_non_string_collection
    )


MAX_FIELD = 20_000
"""The longest text a form field may bring (a criterion's text, meeting notes)."""


def form_text(key: str, value: object) -> str:
    """One submitted form value as text: a file where text belongs, text longer than
    `MAX_FIELD`, or text holding U+FFFD, is refused naming the field.

    U+FFFD is refused as everywhere text is stored (`kring.validation.refuse_lost_characters`),
    a password aside (`SECRET_FIELDS`)."""
    if not isinstance(value, str):
        raise FieldError(key, N_("files are not accepted in this field"))
    if len(value) > MAX_FIELD:
        raise FieldError(
            key,
            N_("is %(length)s characters long; at most %(limit)s allowed"),
            length=len(value),
            limit=MAX_FIELD,
        )
    return value if key in SECRET_FIELDS else refuse_lost_characters(value, key)
