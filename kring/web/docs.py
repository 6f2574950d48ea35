"""The API documentation pages (Swagger UI at `/schema`, Redoc at `/schema/redoc`), served
from the app's own copies in `kring/static/vendor` so that no page of ours asks anything of
another site: the defaults load the scripts, a favicon and Google's fonts from public CDNs.

Redoc 2.5.4 draws its sidebar's "API docs by Redocly" with a logo it always loads from
cdn.redoc.ly, with no option to leave it out. The vendored file stays as published; the page
gets `REDOC_JS` instead (served by `redoc_script`, not a file): the same bundle with that one
address replaced by an empty image (Redoc drops an image that does not load, so only the link
text remains)."""

from __future__ import annotations

from functools import cache

from litestar import Response, get
from litestar.openapi.plugins import (
    OpenAPIRenderPlugin,
    RedocRenderPlugin,
    SwaggerRenderPlugin,
)

from kring.web.auth import public
from kring.web.templating import STATIC

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


def documentation_pages() -> list[OpenAPIRenderPlugin]:
    """Swagger UI and Redoc from the app's own copies, with no favicon or font from elsewhere."""
    favicon = "<link rel='icon' href='data:,'>"
    return [
        SwaggerRenderPlugin(
            js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
            css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
            standalone_preset_js_url=f"{VENDOR}/swagger-ui/swagger-ui-standalone-preset.js",
            favicon=favicon,
        ),
        RedocRenderPlugin(path="/redoc", js_url=REDOC_JS, google_fonts=False, favicon=favicon),
    ]
