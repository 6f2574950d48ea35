"""Entity tags and `If-Match` on the API: a client that read a record cannot overwrite, without
knowing, what someone else saved in it since (a lost update).

The pages compare the values a form showed (`kring.seen`); the API does it the HTTP way (RFC
9110, 8.8.3 and 13.1.1). The single-record GET of every path that can also be changed or
deleted answers an `ETag`: a strong tag, a digest of the very bytes of its answer, so it
changes when anything the caller sees of the record changes, and only then. A PUT, PATCH or
DELETE of such a path that carries `If-Match` is first compared with what that GET answers now
(the same GET, asked on the caller's behalf inside the server, so no route keeps a copy of the
rule): a tag that is no longer current is refused with 412, before anything is written; `*`
matches any record that exists. A PUT or PATCH answers the record's new `ETag`. A path that
has no GET of its own (a project's milestone, a library item's `retired`, a juror's scores)
is guarded by the GET of the nearest path above it that has one (the milestones, the item,
the dossier): its tag is the one to send.

`If-Match` stays optional: an update without it writes as it did before (428 Precondition
Required would break every client written before); the README recommends it. A change with
`If-Match` is compared and written in one write transaction, so of two sent at once with the
same tag one is written and the other refused (on PostgreSQL only changes with `If-Match` take
its lock: one sent without at that very moment is not held back).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from litestar import Litestar, MediaType, Response
from litestar.datastructures import Headers
from litestar.enums import ParamType
from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Schema,
)
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import CONNECTION_STATE_KEY
from msgspec import Struct
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from kring.database import is_postgres, write_transaction
from kring.errors import DomainError
from kring.messages import N_
from kring.web.areas import AREA_KEY, Area
from kring.web.head import HEAD_MARK

HEADER = "If-Match"
ETAG = "ETag"
UPDATES = frozenset({"PUT", "PATCH"})
WRITES = UPDATES | {"DELETE"}

TAGGED = "kring_etag"
"""A route handler's `opt` key: its 200 answer carries an `ETag` (a GET that guards changes,
and a PUT or PATCH that answers the same record as that GET)."""
MATCHED = "kring_if_match"
"""A route handler's `opt` key: it takes `If-Match`, compared with what the GET of the path
held here answers now (`mark_routes`)."""

_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
PRECONDITION_LOCKS = 7302
"""The first key of the advisory locks a change with `If-Match` takes on PostgreSQL (the
second is its guarding path's hash); `kring.member_lock` uses 7301."""
_REFUSED = (401, 403, 404)
"""What the guarding GET may answer for the write to answer as it would have without
`If-Match`: the caller may not see it, or it is not there."""
_NOT_QUERIES = {"self", "request", "state", "scope", "headers", "cookies"}
_ENTITY_TAG = re.compile(r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"')
_EXCLUDED_HEADERS = {b"content-length", b"content-type", b"transfer-encoding", b"if-match"}
_ASGI_KEYS = (
    "type",
    "asgi",
    "http_version",
    "scheme",
    "path",
    "raw_path",
    "root_path",
    "client",
    "server",
    "extensions",
)


class PreconditionFailed(DomainError):
    status_code = 412


class _Undone(Exception):
    """The route refused the write (its answer is sent): what it wrote is undone."""


def entity_tag(body: bytes) -> str:
    """The strong entity tag of an answer's body: equal bodies, equal tags."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def parse_if_match(values: Iterable[str]) -> list[str] | None:
    """The tags an `If-Match` lists (its lines joined as one list), each as sent with its
    quotes and `W/`; None for `*`. Anything else is a 400 naming the header."""
    text = ",".join(values).strip()
    if text == "*":
        return None
    tags: list[str] = []
    for item in text.split(","):
        item = item.strip(" \t")
        if not item:  # an empty element of a list is ignored (RFC 9110, 5.6.1)
            continue
        if not _ENTITY_TAG.fullmatch(item):
            raise DomainError(
                N_(
                    "If-Match must be * or a list of entity tags in double quotes, as the "
                    'ETag header gives them ("…"); %(item)s is not one'
                ),
                field=HEADER,
                item=repr(item[:80]),
            )
        tags.append(item)
    if not tags:
        raise DomainError(
            N_('If-Match is empty: send * or the ETag a GET answered ("…")'), field=HEADER
        )
    return tags


def matches(tags: list[str] | None, current: str) -> bool:
    """Strong comparison (RFC 9110, 8.8.3.2): a weak tag never matches."""
    return tags is None or current in tags


def mark_routes(app: Litestar) -> None:
    """Stamp every API path that has a PUT, PATCH or DELETE with the GET whose answer guards
    it (`MATCHED`, its path): its own GET when that answers one record, else the GET of the
    nearest path above it that answers JSON without taking a query (the list a milestone is
    in, the library item whose file it is). That GET answers an `ETag`; a PUT or PATCH that
    answers the same record carries the new tag too."""
    readers = {
        route.path: reader
        for route in app.routes
        if (reader := _reader(route)) is not None and _answers_json(reader)
    }
    for route in app.routes:
        writers = [
            h
            for h in getattr(route, "route_handlers", ())
            if h.http_methods & WRITES and h.opt.get(AREA_KEY) is Area.api
        ]
        guard = _guard(route.path, readers) if writers else None
        if guard is None:
            continue
        reader = readers[guard]
        reader.opt[TAGGED] = True
        shown = reader.parsed_fn_signature.return_type.annotation
        for writer in writers:
            writer.opt[MATCHED] = guard
            answered = writer.parsed_fn_signature.return_type.annotation
            if writer.http_methods & UPDATES and answered == shown and _is_record(shown):
                writer.opt[TAGGED] = True


def _reader(route: Any) -> Any:
    return next((h for h in getattr(route, "route_handlers", ()) if "GET" in h.http_methods), None)


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Struct)


def _answers_json(reader: Any) -> bool:
    """A GET whose answer is JSON and the whole of what its path holds: no file, no query."""
    if reader.opt.get(AREA_KEY) is not Area.api or reader.media_type != MediaType.JSON:
        return False
    answer = reader.parsed_fn_signature.return_type
    if answer.is_subclass_of(Response) or answer.annotation is None:
        return False
    in_path = set(_PARAMETER.findall((reader.paths and sorted(reader.paths)[0]) or ""))
    return all(
        name in in_path or name in _NOT_QUERIES for name in reader.parsed_fn_signature.parameters
    )


def _guard(path: str, readers: dict[str, Any]) -> str | None:
    """The path of the GET that guards the writes of `path`: its own when it answers one
    record, else the nearest path above it with a GET of JSON (none above `/api/…`)."""
    own = readers.get(path)
    if own is not None and _is_record(own.parsed_fn_signature.return_type.annotation):
        return path
    parts = path.split("/")
    for end in range(len(parts) - 1, 2, -1):  # "", "api", "<name>", … : never "/api" itself
        above = "/".join(parts[:end])
        if above in readers:
            return above
    return None


def guarded_path(guard: str, path_params: dict[str, Any]) -> str:
    """The guarding GET's path for one request: its parameters filled from the write's."""
    return _PARAMETER.sub(lambda m: str(path_params[m.group(1)]), guard)


class PreconditionsMiddleware:
    """Answers `ETag` and checks `If-Match` on the routes `mark_routes` stamped. A record the
    guarding GET does not show the caller (401, 403, 404) is left to the route, which answers
    as it always did."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = scope.get("route_handler") if scope["type"] == "http" else None
        opt = getattr(handler, "opt", None) or {}
        if scope["type"] != "http" or not (opt.get(TAGGED) or opt.get(MATCHED)):
            await self.app(scope, receive, send)
            return
        sent = Headers.from_scope(scope).getall(HEADER, []) if opt.get(MATCHED) else []
        if sent and scope["method"] in WRITES:
            await self._write_if_matched(scope, receive, send, parse_if_match(sent))
            return
        await self._answer(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> int:
        """Runs the route, with an `ETag` on its answer where it carries one; its status."""
        opt = scope["route_handler"].opt  # type: ignore[typeddict-item]
        status = 0

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        tagged = opt.get(TAGGED) and scope["method"] in {"GET", *UPDATES}
        await self.app(scope, receive, _tagging(noting) if tagged else noting)
        return status

    async def _write_if_matched(
        self, scope: Scope, receive: Receive, send: Send, tags: list[str] | None
    ) -> None:
        """Compares and writes in one write transaction, which a second change of the same
        path with `If-Match` waits for: on SQLite its lock is taken at BEGIN, on PostgreSQL
        an advisory lock on the guarding path. A refused write is undone, as the route's own
        transaction would have undone it."""
        guard = guarded_path(scope["route_handler"].opt[MATCHED], scope.get("path_params", {}))  # type: ignore[typeddict-item]
        engine = engine_finder()
        try:
            async with write_transaction(engine):
                if is_postgres(engine):
                    await engine.run_querystring(
                        QueryString(
                            "SELECT pg_advisory_xact_lock({}, hashtext({}))",
                            PRECONDITION_LOCKS,
                            guard,
                        )
                    )
                status, body = await self._read_now(scope, guard)
                if status == 200 and not matches(tags, entity_tag(body)):
                    raise PreconditionFailed(
                        N_(
                            "this record was changed since you read it (If-Match does not "
                            "match its ETag, which is now %(current)s): read it again with GET "
                            "and apply your change to what it holds now"
                        ),
                        field=HEADER,
                        current=entity_tag(body),
                    )
                if status not in (200, *_REFUSED):  # cannot be compared: write nothing
                    raise PreconditionFailed(
                        N_("this record cannot be read now, so If-Match cannot be checked"),
                        field=HEADER,
                    )
                if await self._answer(scope, receive, send) >= 400:
                    raise _Undone
        except _Undone:
            pass

    @staticmethod
    async def _read_now(scope: Scope, path: str) -> tuple[int, bytes]:
        """The status and body a GET of this path answers the same caller now. It goes
        through the whole app (its own authentication, guards and checks), marked as a HEAD so
        the few GETs that record a read record nothing (`kring.web.head`)."""
        app = scope["litestar_app"]
        state = {k: v for k, v in scope.get("state", {}).items() if k != CONNECTION_STATE_KEY}
        reading: dict[str, Any] = {key: scope[key] for key in _ASGI_KEYS if key in scope}  # type: ignore[literal-required]
        reading |= {
            "method": "GET",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": [(k, v) for k, v in scope["headers"] if k.lower() not in _EXCLUDED_HEADERS],
            "state": state,
            HEAD_MARK: True,
        }
        status = 500
        chunks: list[bytes] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def keep(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await app(reading, receive, keep)  # type: ignore[arg-type]
        return status, b"".join(chunks)


def _tagging(send: Send) -> Send:
    """`send` with an `ETag` added to a 200 answer: the digest of its body, held back until
    the body is complete."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def tagged(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start" and message["status"] == 200:
            start = message
            return
        if start is None or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        headers = [*start.get("headers", ()), (b"etag", entity_tag(body).encode())]
        await send({**start, "headers": headers})  # type: ignore[typeddict-item]
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return tagged


IF_MATCH_DOC = (
    "Optional: the `ETag` that `GET %s` answered (or `*`: anything that exists). When that "
    "has changed since, nothing is written and the answer is a 412; without this header the "
    "request writes whatever is there now. Recommended."
)
ETAG_DOC = (
    "A strong entity tag of this answer: send it back as `If-Match` with a change to this path "
    "(or to one below it that has no GET of its own, as the OpenAPI document says there), so a "
    "change someone saved meanwhile is not overwritten."
)


def document_preconditions(app: Litestar) -> None:
    """The OpenAPI document names `If-Match` on each operation that takes it and `ETag` on
    each answer that carries it (after `kring.web.openapi.document_bodies`, whose operation
    each wraps); the 412 is among the errors (`kring.web.problems.statuses`)."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if handler.opt.get(TAGGED) or handler.opt.get(MATCHED):
                handler.operation_class = _documented(handler)


def _documented(handler: Any) -> Any:
    declared = handler.operation_class
    matched, tagged = handler.opt.get(MATCHED), bool(handler.opt.get(TAGGED))

    def operation(**fields: Any) -> Operation:
        made = declared(**fields)
        if matched:
            made.parameters = [
                *(made.parameters or []),
                Parameter(
                    name=HEADER,
                    param_in=ParamType.HEADER,
                    required=False,
                    schema=Schema(type=OpenAPIType.STRING),
                    description=IF_MATCH_DOC % _PARAMETER.sub(r"{\1}", matched),
                ),
            ]
        answer = (made.responses or {}).get("200")
        if tagged and isinstance(answer, OpenAPIResponse):
            answer.headers = {
                **(answer.headers or {}),
                ETAG: OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), description=ETAG_DOC),
            }
        return made

    return operation
