"""The error answers of the API as the OpenAPI document describes them.

Every error is an RFC 9457 problem document (`kring.web.errors.problem` writes it). Litestar
would document its own `{status_code, detail, extra}` shape instead, so every API operation is
given the answers it can really give, each with the `Problem` schema, worked out from what
the operation is: who may call it, whether it has path parameters and a body, and whether its
body carries a password or a code (those are rate limited).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Litestar
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import ParameterKwarg
from msgspec import Struct

from kring.web.areas import AREA_KEY, Area
from kring.web.auth import public
from kring.web.inputs import reads_body, takes_json
from kring.web.openapi import JSON_BODY
from kring.web.params import MAX_ID
from kring.web.preconditions import MATCHED

MEDIA_TYPE = "application/problem+json"


class FieldProblem(Struct):
    field: str
    message: str


class Problem(Struct, omit_defaults=True):
    """An RFC 9457 problem document; `errors` names each field at fault."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = msgspec.field(default_factory=list)


DESCRIPTIONS = {
    400: "The request is not valid; `errors` names each field at fault.",
    401: "Not logged in: send `Authorization: Bearer <token>` (or the login failed).",
    403: "Logged in, but this account may not do this.",
    404: "The resource does not exist, or this account may not know of it.",
    409: "The request conflicts with the current state (or with a write at the same moment).",
    412: "`If-Match` does not match the record's current `ETag`: it was changed since it was "
    "read. GET it again, apply the change to what it holds now, and send that ETag.",
    413: "The request body is larger than allowed.",
    415: "The body is not of the type this operation reads: send `application/json`, or no "
    "body where the operation takes none.",
    429: "Too many attempts; the `Retry-After` header says how many seconds to wait.",
    503: "The database is not reachable right now; retry after `Retry-After` seconds.",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
THROTTLED_FIELDS = {"password", "code"}
ALSO_ANSWERS = "also_answers"
"""A route's `opt` key: error statuses it answers beyond those its shape says (`statuses`),
such as a GET that refuses a record in the wrong state with a 409."""


def statuses(handler: Any, path: str) -> set[int]:
    """The error statuses an API operation can answer."""
    found = {400, 503}  # any parameter can be refused; any query can meet a dead database
    guarded = public not in [getattr(g, "func", g) for g in handler.resolve_guards()]
    if guarded:
        found |= {401, 403}
    if "{" in path or handler.http_methods & WRITES or _takes_query_id(handler):
        found.add(404)  # a path id, or an id in the body or the query, that does not exist
    if handler.http_methods & WRITES:
        found |= {409, 413}
    body = handler.parsed_fn_signature.parameters.get("data")
    if takes_json(handler) or (handler.http_methods & WRITES and not reads_body(handler)):
        found.add(415)  # `kring.web.inputs.refuse_other_media_types`, `refuse_unread_bodies`
    if handler.opt.get(JSON_BODY) is not None:
        found.add(415)  # an upload that also takes JSON refuses any other type (the import)
    fields = set(getattr(body.annotation, "__struct_fields__", ())) if body else set()
    if fields & THROTTLED_FIELDS:
        found |= {401, 429}
    if handler.opt.get(MATCHED):
        found.add(412)  # `kring.web.preconditions`
    return found | set(handler.opt.get(ALSO_ANSWERS, ()))


def _takes_query_id(handler: Any) -> bool:
    """Whether a query parameter names a row by its id (`kring.web.params.QueryId`)."""
    return any(
        isinstance(declared := field.kwarg_definition, ParameterKwarg)
        and (declared.ge, declared.le) == (1, MAX_ID)
        for field in handler.parsed_fn_signature.parameters.values()
    )


def document_problems(app: Litestar) -> None:
    """Give every API operation its error answers, each described by `Problem`."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if handler.opt.get(AREA_KEY) is not Area.api or handler.http_methods <= {
                "HEAD",
                "OPTIONS",
            }:
                continue
            handler.responses = {
                **(handler.responses or {}),
                **{
                    status: ResponseSpec(
                        data_container=Problem,
                        description=DESCRIPTIONS[status],
                        media_type=MEDIA_TYPE,
                        generate_examples=False,
                    )
                    for status in sorted(statuses(handler, route.path))
                },
            }
