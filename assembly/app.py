"""The Litestar application: API, pages, admin and OpenAPI docs, wired once."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from litestar import Litestar, get
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi.config import OpenAPIConfig
from litestar.response import File
from litestar.static_files import create_static_files_router
from piccolo.engine import engine_finder

from assembly.apps import (
    admin_exports,
    admin_hooks,
    calendar_entries,
    home_panels,
    member_sections,
    menu,
    record_closed,
    record_uses,
    routes,
)
from introductions.jobs import stand_in_forever
from introductions.rounds import serve_stands_in
from kring import logs
from kring.database import KringPostgresEngine, is_postgres
from kring.settings import Settings, get_settings
from kring.web.areas import stamp_areas
from kring.web.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    AuthenticationMiddleware,
    identify_unrouted,
    public,
)
from kring.web.docs import documentation_pages
from kring.web.errors import EXCEPTION_HANDLERS
from kring.web.head import answer_head_as_get
from kring.web.headers import add_security_headers
from kring.web.inputs import MAX_BODY_BYTES, CheckedRequest, check_request
from kring.web.openapi import (
    StructBounds,
    document_bodies,
    document_security,
    security_components,
)
from kring.web.options import OptionsMiddleware
from kring.web.path_ids import CanonicalIdsMiddleware
from kring.web.preconditions import (
    PreconditionsMiddleware,
    document_preconditions,
    mark_routes,
)
from kring.web.problems import document_problems
from kring.web.templating import STATIC, template_config
from matching.text import STOP_WORDS
from members.importing.runs import resume_while_serving, serve_resumes, stop_all


@get("/health", guards=[public], include_in_schema=False)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/favicon.ico", guards=[public], include_in_schema=False)
async def favicon() -> File:
    """The tab's icon where a browser asks for it without reading a page's link (a PDF, a
    JSON answer): the same picture, never a 404 in the log for every first visit."""
    return File(
        STATIC / "favicon.svg", media_type="image/svg+xml", content_disposition_type="inline"
    )


def read_stop_words() -> None:
    """The stop-word lists are read while the server starts: read by the first library search
    or new challenge instead, their import of scikit-learn held that request and every other
    one of the process for seconds (4 to 18 s under load). Commands other than `kring serve`
    still read them only when they need them."""
    for language in STOP_WORDS:
        STOP_WORDS[language]


def freeze_startup_objects() -> None:
    """Everything loaded at start-up (modules, routes, templates, vocabularies) lives as long as
    the process, yet every full garbage collection walked it all again: a worker stalled for
    about 100 ms each time, which was the p99 of the load benchmark. Frozen, the collector
    skips it (`gc.freeze`; what the Python docs advise for long-running servers)."""
    gc.collect()
    gc.freeze()


def database_pool(size: int) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """PostgreSQL gets a connection pool per process; SQLite readers are opened when first used
    (`kring.database`)."""

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        engine = engine_finder()
        pooled = engine is not None and is_postgres(engine) and size > 0
        if pooled:
            await engine.start_connection_pool(min_size=1, max_size=size)
        try:
            yield
        finally:
            if pooled:
                await engine.close_connection_pool()
            elif isinstance(engine, KringPostgresEngine):
                await engine.close_idle_connections()

    return lifespan


def stale_rounds(settings: Settings) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """On SQLite, unless KRING_SERVE_MATCHING is off, the app runs the round of stale
    proposals itself while no `kring worker` does: `make demo` starts none, and a new
    challenge's page says its proposals are being prepared (`introductions.rounds`)."""
    stands_in = serve_stands_in(os.environ, settings.is_postgres)

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        task = asyncio.create_task(stand_in_forever()) if stands_in else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

    return lifespan


def import_runs() -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """Import runs left by a stopped process are taken over at start and every minute (a
    server alone, without `kring worker`, finishes them too) unless KRING_SERVE_RESUMES_IMPORTS
    is off; this process's own runs stop with it, to be taken over in turn
    (`members.importing.runs`)."""
    resumes = serve_resumes()

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        resuming = asyncio.create_task(resume_while_serving()) if resumes else None
        try:
            yield
        finally:
            if resuming is not None:
                resuming.cancel()
                with suppress(asyncio.CancelledError):
                    await resuming
            await stop_all()

    return lifespan


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    # The database's first connection, before a server takes the app (`assembly.piccolo_conf`:
    # one line naming KRING_DATABASE_URL and exit code 2). Under `uvicorn assembly.app:app` it
    # came in the lifespan, where the refusal was followed by uvicorn's traceback of it.
    engine_finder()
    logging.basicConfig(level=logging.INFO)
    logs.install()  # no e-mail address or phone number in any log line
    app = Litestar(
        route_handlers=stamp_areas(
            [
                health,
                favicon,
                *routes(),
                create_static_files_router(
                    path="/static",
                    directories=[STATIC],
                    guards=[public],
                    include_in_schema=False,
                ),
            ]
        ),
        state=State(
            {
                "menu": tuple(menu()),
                "home_panels": tuple(home_panels()),
                "calendar_entries": tuple(calendar_entries()),
                "member_sections": tuple(member_sections()),
                "record_uses": tuple(record_uses()),
                "record_closed": tuple(record_closed()),
                "admin_hooks": admin_hooks(),
                "admin_exports": admin_exports(),
            }
        ),
        middleware=[
            DefineMiddleware(CanonicalIdsMiddleware),
            DefineMiddleware(OptionsMiddleware),
            DefineMiddleware(AuthenticationMiddleware),
            DefineMiddleware(PreconditionsMiddleware),
        ],
        before_send=[add_security_headers],
        request_class=CheckedRequest,
        before_request=check_request,
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name=CSRF_COOKIE,
            cookie_secure=settings.secure_cookies,
            cookie_httponly=False,
            cookie_samesite="lax",
            # Exempt by route, not by path pattern: `kring.web.areas.stamp_areas`.
        ),
        template_config=template_config(),
        openapi_config=OpenAPIConfig(
            title="Kring API",
            version="1.0.0",
            description=(
                "The Kring platform's API. Authenticate with `Authorization: Bearer <token>`; "
                "get a token from `POST /api/tokens`. Errors are RFC 9457 problem documents "
                "naming the field at fault."
            ),
            path="/schema",
            components=security_components(),
            render_plugins=documentation_pages(),
        ),
        exception_handlers=EXCEPTION_HANDLERS,
        after_exception=[identify_unrouted],
        lifespan=[
            database_pool(settings.database_pool_size),
            stale_rounds(settings),
            import_runs(),
        ],
        on_startup=[read_stop_words, freeze_startup_objects],
        request_max_body_size=MAX_BODY_BYTES,
        plugins=[StructBounds()],
    )
    mark_routes(app)
    document_problems(app)
    document_bodies(app)
    document_preconditions(app)
    document_security(app)
    app.asgi_handler = answer_head_as_get(app.asgi_handler)  # routing would refuse HEAD
    return app


app = create_app()

__all__ = ["SESSION_COOKIE", "app", "create_app"]
