"""The API documentation pages (Swagger UI at `/schema`, Redoc at `/schema/redoc`), served
from the app's own copies in `kring/static/vendor` so that no page of ours asks anything of
another site: the defaults load the scripts, a favicon and Google's fonts from public CDNs.

Redoc 2.5.4 draws its sidebar's "API docs by Redocly" with a logo it always loads from
cdn.redoc.ly, with no option to leave it out. The vendored file stays as published; the page
gets `REDOC_JS` instead (served by `redoc_script`, not a file): the same bundle with that one
address replaced by an empty image (Redoc drops an image that does not load, so only the link
text remains).

Both pages open with a small Kring bar (`KringBar`) whose name leads home: the pages are not
Kring's templates, and a reader who came from the API link had no way back but the browser's."""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any

from litestar import Request, Response, get
from litestar.openapi.plugins import (
    OpenAPIRenderPlugin,
    RedocRenderPlugin,
    SwaggerRenderPlugin,
)

from kring.i18n import gettext_for
from kring.messages import N_
from kring.web.auth import public
from kring.web.templating import STATIC, language_of

VENDOR = "/static/vendor"
REDOC_BUNDLE = STATIC / "vendor" / "redoc" / "redoc.standalone.js"
REDOC_LOGO = b'"https://cdn.redoc.ly/redoc/logo-mini.svg"'
NO_IMAGE = b'"data:,"'
REDOC_JS = f"{VENDOR}/redoc/redoc.kring.js"


@cache
def redoc_bundle() -> bytes:
    """The vendored Redoc bundle without its one outside address; a new Redoc that loads its
    logo elsewhere must be looked at again, so a missing address is an error, not a no-op."""
    published = REDOC_BUNDLE.read_bytes()
    if published.count(REDOC_LOGO) != 1:
        raise RuntimeError(f"{REDOC_BUNDLE} no longer loads its logo from {REDOC_LOGO!r}")
    return published.replace(REDOC_LOGO, NO_IMAGE)


@get(REDOC_JS, guards=[public], include_in_schema=False, sync_to_thread=False)
def redoc_script() -> Response[bytes]:
    return Response(redoc_bundle(), media_type="text/javascript; charset=utf-8")


BAR_ID = "kring-docs-bar"
BAR_STYLE = (
    "<style>body { margin: 0; padding: 0 }"
    f"#{BAR_ID} {{ position: sticky; top: 0; z-index: 100; display: flex; flex-wrap: wrap;"
    " gap: .25rem 1rem; align-items: baseline; padding: .5rem 1.25rem; background: #fff;"
    " border-bottom: 1px solid #d9e0e4; font: 16px/1.5 system-ui, sans-serif; color: #1d2a33 }"
    f"#{BAR_ID} a {{ font-weight: 700; font-size: 1.25rem; color: #0b6e4f;"
    " text-decoration: none }"
    f"#{BAR_ID} a:hover, #{BAR_ID} a:focus {{ text-decoration: underline }}"
    f"#{BAR_ID} a:focus-visible {{ outline: 3px solid #1a56c4; outline-offset: 2px }}"
    "</style>"
)
"""Kring's header (`header.top` and `.brand` in kring.css) in a few lines: the documentation
pages do not load kring.css, whose rules for `body`, `nav a` or `table` would restyle them."""
TITLE = N_("API documentation")


class KringBar:
    """A documentation page with Kring's bar above it, in the reader's language: Kring's name
    leading home, and what the page is."""

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        language = language_of(request)
        _ = gettext_for(language)
        bar = f'<header id="{BAR_ID}"><a href="/">Kring</a><span>{escape(_(TITLE))}</span></header>'
        page: bytes = super().render(request, openapi_schema)  # type: ignore[misc]
        page = page.replace(b"<html>", f'<html lang="{language}">'.encode(), 1)
        start = page.index(b"<body>") + len(b"<body>")
        return page[:start] + bar.encode() + page[start:]


class KringSwagger(KringBar, SwaggerRenderPlugin):
    """Swagger UI with Kring's bar."""


class KringRedoc(KringBar, RedocRenderPlugin):
    """Redoc with Kring's bar; Redoc keeps its sidebar and the sections it scrolls to below the
    bar (`scrollYOffset`)."""

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        page = super().render(request, openapi_schema)
        no_options = b",undefined,document.getElementById('redoc-container')"
        options = f",{{scrollYOffset: '#{BAR_ID}'}},document.getElementById('redoc-container')"
        if page.count(no_options) != 1:
            raise RuntimeError("Litestar's Redoc page no longer calls Redoc.init without options")
        return page.replace(no_options, options.encode())


def documentation_pages() -> list[OpenAPIRenderPlugin]:
    """Swagger UI and Redoc from the app's own copies, with no favicon or font from elsewhere,
    each under Kring's bar."""
    favicon = "<link rel='icon' href='data:,'>"
    return [
        KringSwagger(
            js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
            css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
            standalone_preset_js_url=f"{VENDOR}/swagger-ui/swagger-ui-standalone-preset.js",
            favicon=favicon,
            style=BAR_STYLE,
        ),
        KringRedoc(
            path="/redoc", js_url=REDOC_JS, google_fonts=False, favicon=favicon, style=BAR_STYLE
        ),
    ]
