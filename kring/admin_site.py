"""Piccolo Admin at /admin, for Kring admins only, with Kring's own login.

Piccolo Admin checks its own session table. Rather than a second login, the mount hands an admin
who is logged into Kring a Piccolo Admin session for a mirror user without a usable password.

Piccolo Admin writes rows directly. What it writes passes the checks the apps declare for each
table (`DomainApp.admin_hooks`: the same validation as Kring's forms and API, and the audit), and
a row is never replaced with PUT, which would pass no hook.

Like every other path, an /admin path answers OPTIONS before any guard, with the methods
Piccolo Admin serves there (read from its own routes), and its 405s name the same methods; its
`{"detail": ...}` errors become Kring's problem documents, keeping `detail`, which its pages show.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from litestar import Request, asgi
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.response import Redirect, Response
from litestar.types import Message, Receive, Scope, Send
from piccolo.apps.user.tables import BaseUser
from piccolo.table import Table
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.session_auth.tables import SessionsBase
from starlette.endpoints import HTTPEndpoint
from starlette.exceptions import HTTPException
from starlette.requests import Request as StarletteRequest
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles

from kring.accounts import end_session
from kring.admin_bodies import changed_table, written_table, yes_or_no_refused
from kring.admin_language import BACK_TO_KRING, admin_translations
from kring.admin_names import (
    SCHEMA_PATH,
    TABLE_LISTS,
    Gettext,
    admin_column_label,
    admin_words,
    ordered_table_list,
    titled_schema,
    with_names,
)
from kring.admin_queries import refuse_other_row_ids, refuse_unreadable_query, whole_number
from kring.choices import Role
from kring.errors import DomainError
from kring.i18n import gettext_for
from kring.messages import N_
from kring.principal import Principal
from kring.settings import get_settings
from kring.tables import (
    Account,
    Activity,
    Challenge,
    Expertise,
    Interaction,
    Member,
    Organisation,
    OrganisationDomain,
)
from kring.validation import MAX_ID, FieldError, briefly
from kring.web.auth import SESSION_COOKIE, requires
from kring.web.errors import TITLES
from kring.web.flash import flash_cookie
from kring.web.inputs import MAX_BODY_BYTES
from kring.web.options import MOUNTED_METHODS, allow
from kring.web.problems import MEDIA_TYPE
from kring.web.templating import language_of

ADMIN_COOKIE = "id"
ADMIN_TABLES: tuple[type[Table], ...] = (
    Organisation,
    OrganisationDomain,
    Member,
    Interaction,
    Activity,
    Challenge,
    Expertise,
)
AdminHooks = Mapping[type[Table], Sequence[Hook]]
_PRINCIPAL = "kring.admin_principal"
_BUILT = "kring.admin_app"


def admin_principal(request: StarletteRequest) -> Principal | None:
    """The Kring admin behind a Piccolo Admin request (Piccolo's own user is their mirror)."""
    return request.scope.get(_PRINCIPAL)


_REFUSALS = "kring.admin_refusals"


def note_refusal(request: StarletteRequest, error: FieldError | DomainError) -> None:
    """Keeps an app's refusal of a row (`DomainApp.admin_hooks`), which the hook answers in
    English as the API does, so that the mount can add it in the reader's language."""
    refusals = request.scope.get(_REFUSALS)
    if refusals is not None:
        refusals.append(error)


def shown_refusal(error: FieldError | DomainError, table: str, gettext: Gettext) -> str:
    """A refusal as the admin's page shows it: each field by its label, as its form names it."""
    errors = getattr(error, "errors", None) or [error]
    return "; ".join(
        f"{admin_column_label(table, e.field, gettext)}: {e.translate(gettext)}"
        if e.field
        else e.translate(gettext)
        for e in errors
    )


def in_readers_words(scope: Scope, table: str, language: str, send: Send) -> Send:
    """`send` for a row's write or deletion: a refusal an app's hook noted (`note_refusal`)
    gets, beside its English `detail`, the `message` the admin's page shows
    (`/static/admin-names.js`)."""
    refusals: list[FieldError | DomainError] = []
    scope[_REFUSALS] = refusals  # type: ignore[literal-required]
    gettext = gettext_for(language)

    def rewritten(body: bytes) -> bytes:
        try:
            said = json.loads(body)
        except ValueError:
            return body
        if not refusals or not isinstance(said, dict) or set(said) != {"detail"}:
            return body
        return json.dumps({**said, "message": shown_refusal(refusals[-1], table, gettext)}).encode()

    return _rewriting(send, rewritten, statuses=frozenset({400, 409}))


def _no_put(piccolo_crud: Any, request: StarletteRequest) -> None:
    """PUT replaces a row past every hook; the admin's own pages write with PATCH."""
    raise HTTPException(405, "replace a row with PATCH, which Kring checks")


def admin_tables(hooks: AdminHooks) -> list[Any]:
    """The tables the admin shows, each with the apps' hooks for what it writes there.

    A function because Piccolo Admin (and FastAPI under it) is imported only when the admin is
    first opened: half a second at every `kring` start."""
    from piccolo_admin.endpoints import TableConfig
    from piccolo_api.crud.validators import Validators

    # Piccolo groups a table's hooks with an unsorted `itertools.groupby`: a second run of
    # pre_patch hooks would replace the first. Sorted by type, the apps' order is kept.
    order = list(HookType)
    return [
        TableConfig(
            table,
            hooks=sorted(hooks.get(table, ()), key=lambda hook: order.index(hook.hook_type)),
            validators=Validators(every=[refuse_unreadable_query], put_single=[_no_put]),
        )
        for table in ADMIN_TABLES
    ]


MIRROR_EMAIL_DOMAIN = "mirror.kring.invalid"


def _mirror_username(principal: Principal) -> str:
    return f"kring-admin-{principal.account_id}"


def mirror_email(username: str) -> str:
    """Piccolo Admin wants a unique e-mail per user; the mirror gets one that names nobody, so
    erasing the admin's account leaves no address of theirs behind (`.invalid` never routes)."""
    return f"{username}@{MIRROR_EMAIL_DOMAIN}"


async def _mirror_id(principal: Principal) -> int | None:
    row = (
        await BaseUser.select(BaseUser.id)
        .where(BaseUser.username == _mirror_username(principal))
        .first()
    )
    return None if row is None else int(row["id"])


async def end_admin_sessions(principal: Principal) -> None:
    """Logging out of Kring ends this admin's Piccolo Admin sessions too: deleting the
    browser's cookie alone left its token valid on the server until it expired (and the
    cookie, kept for /admin, never reaches /logout). Another device of the same admin that
    is still logged in gets a fresh one at its next visit."""
    mirror = await _mirror_id(principal)
    if mirror is not None:
        await SessionsBase.delete().where(SessionsBase.user_id == mirror)


async def admin_session(principal: Principal) -> str:
    """A fresh Piccolo Admin session token for this admin's mirror user."""
    username = _mirror_username(principal)
    user = await BaseUser.objects().get(BaseUser.username == username)
    if user is None:
        user = await BaseUser.create_user(
            username=username,
            password=secrets.token_urlsafe(32),
            email=mirror_email(username),
            admin=True,
            superuser=True,
            active=True,
        )
    # Piccolo's session table keeps naive local times; it compares them with datetime.now().
    expiry = datetime.now() + timedelta(hours=get_settings().session_hours)
    session = await SessionsBase.create_session(
        user_id=user.id, expiry_date=expiry, max_expiry_date=expiry
    )
    return session.token


def build_admin_app(hooks: AdminHooks, language: str = "nl") -> Any:
    """Piccolo Admin opening in `language` (the reader may choose another in its own menu,
    which it remembers in the browser), named Kring, with a link back to Kring's pages in its
    sidebar."""
    from piccolo_admin.endpoints import create_admin

    return create_admin(
        tables=admin_tables(hooks),
        # Piccolo Admin would add every table with a foreign key to these: `account` among
        # them, so password hashes and roles outside Kring's audited account pages.
        auto_include_related=False,
        auth_table=BaseUser,
        session_table=SessionsBase,
        site_name="Kring",
        default_language_code=language,
        translations=admin_translations(),
        sidebar_links={gettext_for(language)(BACK_TO_KRING): "/"},
        production=get_settings().secure_cookies,
        session_expiry=timedelta(hours=get_settings().session_hours),
    )


def admin_app(state: State, language: str) -> Any:
    """Built on first use, once per application and language: creating Piccolo Admin at import
    would slow every CLI command. The hooks are the apps' (`DomainApp.admin_hooks`, in the
    app's state)."""
    built: dict[str, Any] = state.setdefault(_BUILT, {})
    if language not in built:
        built[language] = build_admin_app(state.get("admin_hooks", {}), language)
    return built[language]


JSON = (b"content-type", b"application/json")
PROBLEM_STATUSES = {401, 403, 404, 405}
SERVABLE_METHODS = ("GET", "POST", "PATCH", "DELETE")
"""What Piccolo Admin's routes may serve: not PUT, which every row refuses (`_no_put`); HEAD is
answered wherever GET is (`kring.web.head`)."""


def admin_methods(app: Any, scope: Scope) -> set[str]:
    """The methods `app` (Piccolo Admin) serves at the scope's path, found as Starlette routes
    it: the first route that matches fully takes the request."""
    return {m for m in SERVABLE_METHODS if _serves(app, {**scope, "method": m})}


def _serves(app: Any, scope: dict[str, Any]) -> bool:
    while not hasattr(app, "routes") and hasattr(app, "app"):
        app = app.app  # a middleware around the router
    if isinstance(app, type) and issubclass(app, HTTPEndpoint):
        return hasattr(app, scope["method"].lower())
    if isinstance(app, StaticFiles):
        return scope["method"] == "GET"
    if not hasattr(app, "routes"):
        return True  # another ASGI app: it answers every method itself
    for route in app.routes:
        match, child = route.matches(scope)
        if match is Match.FULL:
            if isinstance(route, Mount):
                return _serves(route.app, {**scope, **child})
            return getattr(route, "methods", None) is not None or _serves(route.endpoint, scope)
    return False


def _any_admin_app(state: State) -> Any:
    """Every language's admin has the same routes."""
    built: dict[str, Any] = state.get(_BUILT) or {}
    return next(iter(built.values()), None) or admin_app(state, "nl")


def _methods_at(scope: Scope) -> set[str]:
    return admin_methods(_any_admin_app(scope["app"].state), scope)


def as_kring_answers(app: Any, scope: Scope, send: Send) -> Send:
    """`send` for Piccolo Admin's answers: a 405 names every method of its path in `Allow`
    (Starlette named the first route's, `_no_put` none), and its refusals of a request as such
    (401, 403, 404, 405: `{"detail": "..."}`) are problem documents, as Kring's own errors are,
    keeping `detail`, which its pages show. Its 400s and 422s stay as they are: its forms show
    a 400's whole body and read a 422's list of fields."""
    asked = dict(scope)  # as it arrives: Starlette's routing changes the scope it is given
    held: dict[str, Any] | None = None
    body = b""

    async def kring_send(message: Message) -> None:
        nonlocal held, body
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = list(message.get("headers", []))
            if status == 405:
                headers = [(k, v) for k, v in headers if k.lower() != b"allow"]
                headers.append((b"allow", allow(admin_methods(app, asked)).encode()))
            message = {**message, "headers": headers}  # type: ignore[assignment]
            if status in PROBLEM_STATUSES and JSON in headers:
                held = dict(message)
                return
        elif held is not None and message["type"] == "http.response.body":
            body += message.get("body", b"")
            if message.get("more_body"):
                return
            start, held = held, None
            problem = _problem(start["status"], body)
            if problem is not None:
                body = problem
                kept = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                start["headers"] = [
                    (k, MEDIA_TYPE.encode() if k.lower() == b"content-type" else v) for k, v in kept
                ] + [(b"content-length", str(len(body)).encode())]
            await send(start)  # type: ignore[arg-type]
            message = {"type": "http.response.body", "body": body}
        await send(message)

    return kring_send


def in_kring_words(scope: Scope, language: str, send: Send) -> Send:
    """`send` for Piccolo Admin's answers that name tables and columns (`kring.admin_names`):
    its page gets the tables' names in `language`, a table's schema Kring's column labels, its
    lists of tables the order of those names.
    Every other answer passes as it is."""
    below = scope["path"].removeprefix("/admin") or "/"
    schema = SCHEMA_PATH.fullmatch(below)
    listing = TABLE_LISTS.fullmatch(below)
    if scope["method"] != "GET" or (below != "/" and schema is None and listing is None):
        return send
    gettext = gettext_for(language)

    def rewritten(body: bytes) -> bytes:
        if listing is not None:
            return ordered_table_list(body, gettext)
        if schema is None:
            columns = {
                table._meta.tablename: [column._meta.name for column in table._meta.columns]
                for table in ADMIN_TABLES
            }
            # `account` too: a contact's staff is chosen from its rows (`STAFF_IDS`).
            named = [*columns, "account"]
            return with_names(body, admin_words(named, gettext, columns, language))
        try:
            described = json.loads(body)
        except ValueError:
            return body
        if not isinstance(described, dict):
            return body
        return json.dumps(titled_schema(schema["table"], described, gettext)).encode()

    return _rewriting(send, rewritten)


def _rewriting(
    send: Send, rewritten: Callable[[bytes], bytes], statuses: frozenset[int] = frozenset({200})
) -> Send:
    """`send` that holds the body of an answer of one of `statuses` (a 200's) and sends
    `rewritten(body)` with its new length."""
    held: dict[str, Any] | None = None
    body = b""

    async def rewriting_send(message: Message) -> None:
        nonlocal held, body
        if message["type"] == "http.response.start" and message["status"] in statuses:
            held = dict(message)
            return
        if held is not None and message["type"] == "http.response.body":
            body += message.get("body", b"")
            if message.get("more_body"):
                return
            start, held = held, None
            body = rewritten(body)
            start["headers"] = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ] + [(b"content-length", str(len(body)).encode())]
            await send(start)  # type: ignore[arg-type]
            message = {"type": "http.response.body", "body": body}
        await send(message)

    return rewriting_send


def _problem(status: int, body: bytes) -> bytes | None:
    try:
        said = json.loads(body)
    except ValueError:
        return None
    if not isinstance(said, dict) or set(said) != {"detail"} or not isinstance(said["detail"], str):
        return None
    title = TITLES.get(status, "Error")
    problem = {"type": "about:blank", "title": title, "status": status, "detail": said["detail"]}
    return json.dumps(problem).encode()


BULK_ROWS = 100
"""A read of more rows than this per page is an export: Piccolo Admin's lists show at most 100
rows a page, its 'Export CSV' reads a table in pages of 1,000."""
_TABLE_ROWS = re.compile(r"(?:^|/admin)/api/tables/(\w+)/?$")


async def _note_export(scope: Scope, principal: Principal) -> None:
    """Audit an admin's read of a table whole (its first page, once per export) where an app
    declared that table's export (`DomainApp.admin_exports`: tables with personal data)."""
    found = _TABLE_ROWS.search(scope["path"])
    if scope["method"] != "GET" or found is None:
        return
    query = parse_qs(scope["query_string"].decode("latin-1"))
    # Every value of a parameter sent twice counts: whichever Piccolo Admin reads, it is noted.
    # Read as Piccolo reads them: `+1000` and ` 1000` are 1,000 rows.
    sizes = [whole_number(v) for v in query.get("__page_size", [])]
    pages = [whole_number(v) for v in query.get("__page", ["1"])]
    bulk = any(size is not None and size > BULK_ROWS for size in sizes)
    first = any(page == 1 for page in pages)
    if not (bulk and first):
        return
    note = scope["app"].state.get("admin_exports", {}).get(found.group(1))
    if note is not None:
        await note(principal.account_id)


@asgi(
    "/admin",
    is_mount=True,
    guards=[requires(Role.admin)],
    copy_scope=True,
    opt={MOUNTED_METHODS: _methods_at},
)
async def admin(scope: Scope, receive: Receive, send: Send) -> None:
    connection: ASGIConnection = ASGIConnection(scope)
    token = connection.cookies.get(ADMIN_COOKIE)
    principal: Principal = scope["user"]
    # A token of another admin's mirror (left in a shared browser) is not this admin's:
    # Piccolo Admin would act, and log, as the other one.
    owner = await SessionsBase.get_user_id(token) if token else None
    if owner is None or owner != await _mirror_id(principal):
        if token:
            await SessionsBase.remove_session(token)
        fresh = await admin_session(principal)
        request: Request = Request(scope, receive)
        target = "/admin/" + request.url.path.removeprefix("/admin").lstrip("/")
        # The request goes on as sent: its query (page 3, an export's 1,000 rows) and, with
        # 307, a change's method and body.
        if query := scope["query_string"]:
            target += "?" + query.decode("latin-1")
        again = 302 if scope["method"] in ("GET", "HEAD") else 307
        redirect = Redirect(target, status_code=again)
        redirect.set_cookie(
            ADMIN_COOKIE,
            fresh,
            path="/admin",
            httponly=True,
            samesite="strict",
            secure=get_settings().secure_cookies,
        )
        await redirect.to_asgi_response(app=None, request=request)(scope, receive, send)
        return
    refuse_other_row_ids(scope["path"])
    scope[_PRINCIPAL] = principal  # type: ignore[literal-required]
    await _note_export(scope, principal)
    asked: Request = Request(scope, receive)
    language = language_of(asked)
    if scope["method"] in ("GET", "HEAD") and STAFF_IDS.search(scope["path"]):
        await (await _staff_choices(asked))(scope, receive, send)
        return
    if scope["method"] == "POST" and CHANGE_PASSWORD_PATH.search(scope["path"]):
        await _password_elsewhere(asked, language)(scope, receive, send)
        return
    written = written_table(scope["method"], scope["path"], ADMIN_TABLES)
    if written is not None:
        body = await whole_body(receive)
        if body is None:
            too_large = {"detail": f"the body is over {MAX_BODY_BYTES:,} bytes".replace(",", " ")}
            await Response(too_large, status_code=413).to_asgi_response(app=None, request=asked)(
                scope, receive, send
            )
            return
        if refusal := yes_or_no_refused(written, body):
            await Response({"detail": refusal}, status_code=400).to_asgi_response(
                app=None, request=asked
            )(scope, receive, send)
            return
        receive = replaying(body, receive)
    if (changed := changed_table(scope["method"], scope["path"], ADMIN_TABLES)) is not None:
        send = in_readers_words(scope, changed._meta.tablename, language, send)
    app = admin_app(scope["app"].state, language)
    answer = as_kring_answers(app, scope, in_kring_words(scope, language, send))
    if scope["method"] == "POST" and LOGOUT_PATH.search(scope["path"]):
        answer = logging_out_of_kring(connection, principal, answer)
    await app(scope, receive, answer)


async def whole_body(receive: Receive) -> bytes | None:
    """The request's body, read as Piccolo would read it (it holds a row), or None past the
    app's limit (`MAX_BODY_BYTES`): held in memory, it is not read on without end."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts)
        part = message.get("body", b"")
        size += len(part)
        if size > MAX_BODY_BYTES:
            return None
        parts.append(part)
        if not message.get("more_body"):
            return b"".join(parts)


def replaying(body: bytes, receive: Receive) -> Receive:
    """`receive` for a request whose body was read already: the body once, then what comes."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


STAFF_IDS = re.compile(r"(?:^|/admin)/api/tables/account/ids/?$")
"""What a network contact's form asks for its `staff` column: the rows of `account`, a table
the admin leaves out (`auto_include_related=False`), so Piccolo answered 404, on which its page
alerts 'Page not found' and leads home: no contact could be added or edited."""


def _once(request: Request, name: str) -> str | None:
    sent = request.query_params.getall(name, [])
    if len(sent) > 1:  # as Piccolo's own lists refuse it (`kring.admin_queries`)
        raise ValueError(f"{name}: was sent more than once; send one value")
    return sent[0] if sent else None


def _paging(request: Request, name: str) -> int | None:
    raw = _once(request, name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_ID)) or int(raw) > MAX_ID:
        raise ValueError(f"{name}: {briefly(raw)!r} is no whole number from 0 to {MAX_ID}")
    return int(raw)


async def staff_choices(
    search: str | None, limit: int | None, offset: int | None
) -> dict[str, str]:
    """The accounts a contact's `staff` can name (every role but member, as the apps' check
    has it), in Piccolo's shape for a column's choices: id to a readable name (number, name
    and address), searched in that name as Piccolo searches, then paged."""
    rows = (
        await Account.select(Account.id, Account.display_name, Account.email)
        .where(Account.role != Role.member)
        .order_by(Account.id)
    )
    named = {
        str(row["id"]): f"{row['id']} · {row['display_name']} ({row['email']})"
        if row["display_name"]
        else f"{row['id']} · {row['email']}"
        for row in rows
    }
    if search:
        named = {key: name for key, name in named.items() if search.casefold() in name.casefold()}
    start = offset or 0
    chosen = list(named.items())[start : None if limit is None else start + limit]
    return dict(chosen)


async def _staff_choices(request: Request) -> Any:
    """The answer to `STAFF_IDS`: a 400 naming a `limit` or `offset` that is no count, or a
    parameter sent twice."""
    try:
        limit, offset = _paging(request, "limit"), _paging(request, "offset")
        search = _once(request, "search")
    except ValueError as refused:
        answer = Response({"detail": str(refused)}, status_code=400)
        return answer.to_asgi_response(app=None, request=request)
    found = await staff_choices(search, limit, offset)
    return Response(found, status_code=200).to_asgi_response(app=None, request=request)


CHANGE_PASSWORD_PATH = re.compile(r"(?:^|/admin)/api/change-password/?$")
PASSWORD_ELSEWHERE = N_(
    "Piccolo Admin does not change your password: its user only stands in for your Kring "
    "account. Change it on Kring's page Change password, /password."
)


def _password_elsewhere(request: Request, language: str) -> Any:
    """Piccolo Admin's *Change password* would set the password of the mirror user, which
    nobody logs in with, never the Kring account's: refused, naming Kring's own page, where
    Kring's rules apply (its length, argon2, every other session ended). Its menu entry leads
    there (`/static/admin-account.js`); this answers the form and the API alike."""
    problem = {
        "type": "about:blank",
        "title": TITLES[403],
        "status": 403,
        "detail": gettext_for(language)(PASSWORD_ELSEWHERE),
    }
    answer = Response(problem, status_code=403, media_type=MEDIA_TYPE)
    return answer.to_asgi_response(app=None, request=request)


LOGOUT_PATH = re.compile(r"(?:^|/admin)/public/logout/?$")
LOGGED_OUT = N_("You are logged out.")


def logging_out_of_kring(connection: ASGIConnection, principal: Principal, send: Send) -> Send:
    """`send` for Piccolo Admin's *Log out*: once it has ended its own session (its CSRF check
    passed: 200), the Kring session ends too, as Kring's /logout ends it, and both cookies go.
    Else its page reloads, the Kring login hands it a fresh session and the admin who logged
    out is still in. Its page then reloads /admin/, which leads to the login: that page says
    the admin is logged out, as after Kring's /logout."""

    async def kring_send(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 200:
            if token := connection.cookies.get(SESSION_COOKIE):
                await end_session(token)
            await end_admin_sessions(principal)
            gone = "Max-Age=0; HttpOnly; SameSite=Lax"
            message = {  # type: ignore[assignment]
                **message,
                "headers": [
                    *message.get("headers", []),
                    (b"set-cookie", f"{SESSION_COOKIE}=; Path=/; {gone}".encode()),
                    (b"set-cookie", f"{ADMIN_COOKIE}=; Path=/admin; {gone}".encode()),
                    flash_cookie(LOGGED_OUT).to_encoded_header(),
                ],
            }
        await send(message)

    return kring_send
