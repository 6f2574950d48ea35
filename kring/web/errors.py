"""Every error becomes a clear answer: JSON problems (RFC 9457) for the API, a page for people."""

from __future__ import annotations

import logging
import re
import sqlite3
from enum import Enum
from functools import cache
from typing import Any, get_args, get_type_hints
from urllib.parse import quote

import asyncpg
import msgspec
from litestar import Request, Response
from litestar.exceptions import (
    ClientException,
    HTTPException,
    MethodNotAllowedException,
    NotAuthorizedException,
    NotFoundException,
    ValidationException,
)
from litestar.exceptions.http_exceptions import InternalServerException, RequestEntityTooLarge
from litestar.params import ParameterKwarg
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from kring.commands import NOT_MIGRATED, is_not_migrated
from kring.errors import DomainError, TooManyAttempts
from kring.i18n import gettext_for
from kring.messages import field_label
from kring.validation import FieldError, FieldErrors, briefly
from kring.vocabulary import N_
from kring.web.areas import Area, area_of
from kring.web.auth import bearer_token, current
from kring.web.closed_paths import closed_to_visitors
from kring.web.options import allow
from kring.web.problems import MEDIA_TYPE, FieldProblem, Problem
from kring.web.uploads import body_too_large
from kring.web.validation_text import EMPTY_BODY, REQUIRED, for_people, plain_english

log = logging.getLogger("kring.web")
# A restarting or unreachable PostgreSQL: the pool reconnects on the next request, so the
# answer is "try again", not "we failed".
DATABASE_UNAVAILABLE = (
    ConnectionError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,  # shutting down, starting up, crash recovery
    asyncpg.InterfaceError,
    # A connection that broke mid-query leaves asyncpg's protocol in a state it cannot reset
    # ("cannot switch to state 15; another operation is in progress") when the pool takes it
    # back; seen while PostgreSQL shuts down under load.
    asyncpg.InternalClientError,
)
# What Litestar's Request.stream raises when the client disconnects in the middle of a body.
CLIENT_GONE = "client disconnected prematurely"
_QUOTED = re.compile(r'"[^"]*"')
_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")
_ENUM_VALUE = re.compile(r"(Invalid enum value )'(.*)'", re.DOTALL)
"""msgspec quotes a refused choice whole: 5000 characters sent come back 5000 times over."""

TITLES = {
    400: "Bad request",
    401: "Not logged in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}

# What each error page says first, in the viewer's language; the detail follows when it helps.
EXPLANATIONS = {
    400: N_("Something in what was sent cannot be used. Go back, check it and try again."),
    401: N_("Log in first."),
    403: N_("Your account may not open this page or do this."),
    404: N_("This page does not exist, or it is not there for you."),
    405: N_("This page cannot be used this way. Go back and use the buttons on the page."),
    409: N_("This cannot be done: it clashes with what is already stored."),
    413: N_("What you sent is too large."),
    415: N_("This kind of file or content cannot be sent here."),
    422: N_("Something in what was sent cannot be used. Go back, check it and try again."),
    429: N_("Too many attempts in a short time. Wait a moment and try again."),
    500: N_("Something went wrong on our side; it has been logged. Try again later."),
    503: N_("The service is unavailable for a moment. Try again shortly."),
}


REALM = "kring"
"""The protection space named in the API's `WWW-Authenticate` challenge."""

CSRF_FAILED = "CSRF token verification failed"
"""Litestar's detail when a form's CSRF token is missing or wrong."""
CSRF_EXPLANATION = N_(
    "This form has expired or did not come from this site. Go back, reload the page and try again."
)
"""Said instead of 403's explanation: the account's rights are not the problem."""


def _validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            message = _ENUM_VALUE.sub(
                lambda found: f"{found.group(1)}{briefly(found.group(2))!r}",
                str(item.get("message", exc.detail)),
            )
            named = _NAMED_FIELD.search(message)
            key = str(item.get("key") or "")
            if key and message == f"'{key}'":  # Litestar's KeyError: nothing was sent
                body = key in ("data", "body")
                errors.append(
                    {
                        "field": "body" if body else key,
                        "message": EMPTY_BODY if body else REQUIRED,
                    }
                )
                continue
            if named is None:  # the whole value: a body is `data` to its handler only
                field = "body" if key in ("", "data") else key
            elif key in ("", "data", "body"):  # a field of the body itself
                field = named.group(1)
            else:  # a field inside a nested object: its whole path, `criteria[0].order`
                field = f"{key}.{named.group(1)}"
            errors.append({"field": field, "message": message})
    return errors


def describe(exc: Exception) -> tuple[int, str, list[dict[str, str]], dict[str, str]]:
    """Status, detail, field errors and extra headers for any exception."""
    if isinstance(exc, FieldErrors):  # 409 for a save refused as edited meanwhile (kring.seen)
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return getattr(exc, "status_code", 400), str(exc), errors, {}
    if isinstance(exc, FieldError):
        return 400, str(exc), [{"field": exc.field, "message": exc.message}], {}
    if isinstance(exc, TooManyAttempts):
        return 429, exc.message, [], {"Retry-After": str(exc.retry_after)}
    if isinstance(exc, DomainError):
        fields = [exc.field, *getattr(exc, "also", ())] if exc.field else []
        errors = [{"field": field, "message": exc.message} for field in fields]
        return exc.status_code, exc.message, errors, {}
    if isinstance(exc, ValidationException):
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or exc.detail
        return 400, detail, errors, {}
    if isinstance(exc, InternalServerException) and exc.detail == CLIENT_GONE:
        # The client hung up before its body was complete: nothing broke here, and nobody is
        # left to read the answer; not worth an error and a traceback in the log.
        return 400, N_("the request body ended before its announced length"), [], {}
    if isinstance(exc, HTTPException):
        errors = []
        if type(exc) is ClientException and exc.status_code == 400:
            # The body could not be read as what its Content-Type says (truncated JSON...).
            errors = [{"field": "body", "message": exc.detail}]
        return exc.status_code, exc.detail, errors, dict(exc.headers or {})
    if isinstance(exc, DATABASE_UNAVAILABLE):
        log.warning("database unavailable: %s", type(exc).__name__)
        return (
            503,
            N_("the database is not reachable right now; retry in a moment"),
            [],
            {"Retry-After": "1"},
        )
    if is_not_migrated(exc):
        # Served against a database that `kring migrate` has not brought up to date (`kring
        # serve` refuses to start so; a migration run beside it can still leave this).
        log.error("database not migrated: %s", exc)
        return 503, NOT_MIGRATED, [], {"Retry-After": "60"}
    if isinstance(exc, UnicodeDecodeError):
        return (
            400,
            N_("the request body is not valid UTF-8"),
            # Not Python's text: its "position" counts from whatever it was decoding, not
            # from the body (JSON bodies name the byte's offset: `inputs.broken_utf8`).
            [{"field": "body", "message": "is not valid UTF-8"}],
            {},
        )
    if isinstance(exc, RecursionError):
        return (
            400,
            N_("the request body is nested too deeply"),
            [{"field": "body", "message": "too deep"}],
            {},
        )
    if isinstance(exc, OverflowError):
        # Bounded parameter types prevent this; a route that forgot one still answers 400.
        return 400, OUT_OF_RANGE, [], {}
    if isinstance(exc, asyncpg.DataError):
        return 400, database_refusal(exc), [], {}
    if isinstance(exc, sqlite3.IntegrityError | asyncpg.IntegrityConstraintViolationError):
        # Checks run before writes; this only answers a race between two writers.
        return 409, N_("this conflicts with data that was saved at the same moment; retry"), [], {}
    return 500, "something went wrong on our side; it has been logged", [], {}


OUT_OF_RANGE = N_("a number in the request is out of range")
NOT_AS_EXPECTED = N_("a value in the request is not written the way its field expects")
NULL_CHARACTER = N_("a text in the request holds a null character (code 0), which cannot be stored")
DATA_REFUSALS: tuple[tuple[type[asyncpg.DataError], str], ...] = (
    (
        asyncpg.StringDataRightTruncationError,
        N_("a text in the request is longer than can be stored"),
    ),
    (asyncpg.NumericValueOutOfRangeError, OUT_OF_RANGE),
    (asyncpg.InvalidTextRepresentationError, NOT_AS_EXPECTED),
    (asyncpg.InvalidBinaryRepresentationError, NOT_AS_EXPECTED),
    (asyncpg.InvalidDatetimeFormatError, N_("a date or time in the request cannot be read")),
    (asyncpg.DatetimeFieldOverflowError, N_("a date or time in the request does not exist")),
    (asyncpg.CharacterNotInRepertoireError, NULL_CHARACTER),  # in a text: 0x00 in UTF-8
    (asyncpg.UntranslatableCharacterError, NULL_CHARACTER),  # in JSON: \u0000
)
"""What PostgreSQL refused in a value, said as what it is. Fields refuse such values by their
own checks first (a bound, a type, a control character at the edge): reaching the database,
it is a route that forgot one, or a value of ours that does not fit (a mail's refusal code
too long for its column once), which SQLite lets through."""


def database_refusal(exc: asyncpg.DataError) -> str:
    """The 400's words for a value PostgreSQL (or asyncpg, encoding an argument) refused, and
    the refusal in the log: PostgreSQL's words up to a colon, after which they quote the value,
    and none of what they quote before it ('value "40000" is out of range…')."""
    said = next(
        (message for kind, message in DATA_REFUSALS if isinstance(exc, kind)),
        N_("a value in the request cannot be stored"),
    )
    words = _QUOTED.sub('"…"', str(exc).partition(":")[0])
    log.error("a value the database refused (%s, %s): %s", type(exc).__name__, exc.sqlstate, words)
    return said


def problem(request: Request, exc: Exception) -> Response[Any]:
    if isinstance(exc, RequestEntityTooLarge):  # say the route's limit, in the viewer's language
        exc = body_too_large(request)
    if isinstance(exc, ValidationException):
        _name_parameters_as_sent(exc, request)
    exc = _log_in_first(request, exc)
    status, detail, errors, headers = describe(exc)
    if area_of(request.scope) is Area.api and errors:  # msgspec's wording, however it came
        plain = [
            {**error, "message": plain_english(error["message"], _choices(request, error))}
            for error in errors
        ]
        if plain != errors:
            errors = plain
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    headers = _protocol_headers(request, status, headers)
    if area_of(request.scope) is Area.api and (missed := _routing_miss(request, exc, headers)):
        detail, errors = missed
    detail = printable(detail)
    errors = [{key: printable(text) for key, text in error.items()} for error in errors]
    if status == 500:
        route = request.scope.get("path_template") or "(no route)"
        log.error("unhandled error on %s %s", request.method, route, exc_info=exc)
    if area_of(request.scope) is Area.api or "text/html" not in request.headers.get("accept", ""):
        body = Problem(
            type="about:blank",
            title=TITLES.get(status, "Error"),
            status=status,
            detail=detail,
            errors=[FieldProblem(**error) for error in errors],
        )
        return Response(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)
    if status == 401 and request.method == "GET":
        return Redirect(f"/login?next={quote(_asked_for(request), safe='/')}")
    from kring.web.templating import language_of, render_error

    language = language_of(request)
    shown, shown_in = _detail_for_people(exc, detail, status, language)
    explanation = EXPLANATIONS.get(status, EXPLANATIONS[500])
    if status == 403 and detail == CSRF_FAILED:
        explanation, shown = CSRF_EXPLANATION, ""
    return render_error(
        request,
        status,
        TITLES.get(status, "Error"),
        shown,
        headers,
        explanation=explanation,
        detail_language=shown_in,
        back_to=exc.back_to if isinstance(exc, DomainError) else None,
    )


def _choices(request: Request, error: dict[str, str]) -> list[str]:
    """The values a field of the operation's JSON body takes when msgspec refused one of its
    fixed set (an enum), so the refusal can name them; none for any other error."""
    if not error["message"].startswith("Invalid enum value"):
        return []
    data = request.route_handler.parsed_data_field
    body = data.annotation if data is not None else None
    if not (isinstance(body, type) and issubclass(body, msgspec.Struct)):
        return []
    try:
        hint = get_type_hints(body).get(error["field"])
    except (NameError, TypeError):  # a hint that does not resolve: say it without the choices
        return []
    for candidate in get_args(hint) or (hint,):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def _log_in_first(request: Request, exc: Exception) -> Exception:
    """A visitor who did not log in hears that first, whatever the id in a closed path: a miss
    (no number, another spelling, beyond every id) is answered as the route's guard would."""
    missed = isinstance(exc, NotFoundException) or (
        isinstance(exc, DomainError) and exc.status_code == 404
    )
    if not missed or request.method == "OPTIONS" or request.scope.get("user") is not None:
        return exc  # OPTIONS: a preflight carries no credential, and needs none
    if not closed_to_visitors(request.scope["litestar_app"], request.scope.get("path", "")):
        return exc
    try:
        current(request)
    except NotAuthorizedException as refused:
        return refused
    return exc


SHOWN_PATH = 80
"""The characters of a path a routing miss repeats; a longer one ends in an ellipsis."""


def _routing_miss(
    request: Request, exc: Exception, headers: dict[str, str]
) -> tuple[str, list[dict[str, str]]] | None:
    """What an API request no operation took did wrong, for Litestar's bare "Method Not
    Allowed" and the router's "Not Found" (a missing record keeps its own detail)."""
    path = request.scope.get("path", "")
    if len(path) > SHOWN_PATH:
        path = path[:SHOWN_PATH] + "…"
    if isinstance(exc, MethodNotAllowedException) and "Allow" in headers:
        said = f"{request.method[:20]} is not a method of {path}; it takes {headers['Allow']}"
        return said, [{"field": "method", "message": said}]
    if isinstance(exc, NotFoundException) and request.scope.get("route_handler") is None:
        said = (
            f"no API operation has the path {path}; an id in a path is a whole number, and "
            "every operation is listed in /schema/openapi.json"
        )
        return said, [{"field": "path", "message": said}]
    return None


def printable(text: str) -> str:
    """`text` with each character that prints as nothing (control and format characters, line
    and paragraph separators) written as its escape: a field name or value sent with them is
    not echoed back raw into a client's log or screen."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _asked_for(request: Request) -> str:
    """The path and query the browser asked for, as it sent them, to come back to after the
    login: a mounted app (Piccolo Admin at /admin) sees only its part of the path, and the
    query (a search, a filter) was dropped. The login page checks it is a path of this site."""
    raw = request.scope.get("raw_path")
    # A test client's raw path holds the query too.
    path = raw.partition(b"?")[0].decode("latin-1") if raw else request.url.path
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _name_parameters_as_sent(exc: ValidationException, request: Request) -> None:
    """Litestar names a refused parameter by its Python name (`in_state`); the client sent
    it by the name the route declares (`state`), which is the one to report."""
    handler = request.scope.get("route_handler")
    if handler is None or not isinstance(exc.extra, list):
        return
    names = declared_names(handler)
    for item in exc.extra:
        if isinstance(item, dict) and item.get("key") in names:
            item["key"] = names[item["key"]]


@cache
def declared_names(handler: Any) -> dict[str, str]:
    """A handler's parameters that a client sends under another name: Python name -> name."""
    names = {}
    for name, field in handler.parsed_fn_signature.parameters.items():
        declared = getattr(field.kwarg_definition, "name", None)
        if isinstance(field.kwarg_definition, ParameterKwarg) and declared and declared != name:
            names[name] = declared
    return names


def _protocol_headers(request: Request, status: int, headers: dict[str, str]) -> dict[str, str]:
    """What HTTP asks of a 401 and a 405 beyond a status: the 401 names the scheme that would
    succeed (RFC 9110 section 11.6.1; for the API a bearer token, with `invalid_token` when the one
    sent was refused, RFC 6750 section 3), the 405 every method the path takes, HEAD included."""
    methods = [v for k, v in headers.items() if k.lower() == "allow"]
    headers = {k: v for k, v in headers.items() if k.lower() != "allow"}
    if methods:
        headers["Allow"] = allow(m.strip() for m in methods[0].split(","))
    if status == 401 and area_of(request.scope) is Area.api:
        challenge = f'Bearer realm="{REALM}"'
        if bearer_token(request):
            challenge += ', error="invalid_token"'
        headers["WWW-Authenticate"] = challenge
    return headers


def _detail_for_people(exc: Exception, detail: str, status: int, language: str) -> tuple[str, str]:
    """The detail in the viewer's language, and that language. An English detail nobody has
    translated yet is shown to a Dutch reader only where it says what to change (400, 409,
    422); elsewhere the page's own explanation says enough."""
    gettext = gettext_for(language)
    if isinstance(exc, FieldError):  # no form around it: say which field, by its label
        said = getattr(exc, "errors", [exc])
        return "; ".join(
            f"{field_label(e.field, gettext)}: {e.translate(gettext)}" for e in said
        ), language
    if isinstance(exc, ValidationException):  # Litestar's own refusal of a parameter
        said = [for_people(e["field"], e["message"], gettext) for e in _validation_errors(exc)]
        if said and all(said):
            return "; ".join(s for s in said if s), language
    if isinstance(exc, DomainError):  # one without Dutch yet is shown as an English detail
        if language == "en" or gettext(exc.template) != exc.template:
            return exc.translate(gettext), language
    elif callable(translate := getattr(exc, "translate", None)):
        return translate(gettext), language
    if detail and gettext(detail) != detail:
        return gettext(detail), language
    if status == 500:  # the explanation says it: "something went wrong…" twice in English
        return "", language
    if language == "en" or status in (400, 409, 422):
        return detail, "en"
    return "", language


EXCEPTION_HANDLERS = {Exception: problem, HTTP_500_INTERNAL_SERVER_ERROR: problem}
