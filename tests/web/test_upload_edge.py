"""The upload edge over HTTP, in Kring's real app (its CSRF check, request class, body limits,
error answers and security headers), with two routes of this test's own: the apps that take
files add theirs, and their tests, themselves."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from litestar import Request, Response, get, post
from litestar.testing import TestClient

from kring.i18n import gettext_for
from kring.uploads import FileKind
from kring.web.areas import stamp_areas
from kring.web.auth import public
from kring.web.templating import LANGUAGE_COOKIE
from kring.web.uploads import UPLOAD_BODY_BYTES, download, read_upload
from tests import factories
from tests.kring import upload_samples as samples

HTML = {"accept": "text/html"}
PDF_AND_IMAGES = frozenset({FileKind.pdf, FileKind.png, FileKind.jpeg})


async def _received(request: Request) -> dict[str, Any]:
    checked, fields = await read_upload(request, "attachment", PDF_AND_IMAGES)
    return {"filename": checked.filename, "kind": checked.kind, "size": checked.size} | fields


@post("/upload-edge", guards=[public], request_max_body_size=UPLOAD_BODY_BYTES)
async def page_upload(request: Request) -> dict[str, Any]:
    return await _received(request)


@post("/api/upload-edge", guards=[public], request_max_body_size=UPLOAD_BODY_BYTES)
async def api_upload(request: Request) -> dict[str, Any]:
    return await _received(request)


@post("/upload-edge/small", guards=[public])
async def small_page(request: Request) -> dict[str, Any]:
    """A route that keeps the app's body limit (so do the next)."""
    return await _received(request)


@post("/api/upload-edge/small", guards=[public])
async def small_api(request: Request) -> dict[str, Any]:
    return await _received(request)


@get("/upload-edge/file", guards=[public])
async def served_file(request: Request) -> Response[bytes]:
    return download(request.query_params["name"], "application/pdf", samples.pdf())


@pytest.fixture(scope="module")
def edge() -> Iterator[TestClient]:
    from assembly.app import create_app

    app = create_app()
    for handler in stamp_areas([page_upload, api_upload, small_page, small_api, served_file]):
        app.register(handler)
    with TestClient(app=app, base_url="http://testserver.local") as client:
        yield client


def _form(client: TestClient, **extra: str) -> dict[str, str]:
    return {"_csrf_token": factories.csrf_token(client), "title": " Jaarverslag ", **extra}


def test_a_page_form_with_its_csrf_token_sends_a_file(edge):
    answer = edge.post(
        "/upload-edge",
        data=_form(edge),
        files={"attachment": ("../verslag.pdf", samples.pdf(), "text/html")},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json() == {
        "filename": "verslag.pdf",
        "kind": "pdf",
        "size": len(samples.pdf()),
        "title": "Jaarverslag",
    }


def test_a_page_form_without_its_csrf_token_is_refused(edge):
    factories.csrf_token(edge)  # the cookie alone is not enough
    answer = edge.post(
        "/upload-edge",
        data={"title": "Zonder token"},
        files={"attachment": ("verslag.pdf", samples.pdf(), "application/pdf")},
        headers=HTML,
    )
    assert answer.status_code == 403


def test_the_api_takes_the_same_form_without_a_csrf_token(edge):
    answer = edge.post(
        "/api/upload-edge", files={"attachment": ("logo", samples.png(), "image/png")}
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["filename"] == "logo.png"


def test_a_refused_file_is_a_400_naming_the_field(edge):
    answer = edge.post(
        "/api/upload-edge",
        files={"attachment": ("verslag.pdf", samples.plain_zip(), "application/pdf")},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {
            "field": "attachment",
            "message": "the file is not a real PDF file: its content does not match its name",
        }
    ]


def test_a_kind_the_route_does_not_take_is_refused(edge):
    answer = edge.post(
        "/api/upload-edge", files={"attachment": ("brief.docx", samples.docx(), "x/y")}
    )
    assert answer.status_code == 400
    assert (
        "Word (.docx) files are not accepted here; the accepted kinds are: PDF, PNG, JPEG"
        in answer.text
    )


def test_a_page_shows_a_refused_file_in_dutch(edge):
    answer = edge.post(
        "/upload-edge",
        data=_form(edge),
        files={"attachment": ("leeg.pdf", b"", "application/pdf")},
        headers=HTML,
    )
    assert answer.status_code == 400
    assert 'lang="nl"' in answer.text
    dutch = gettext_for("nl")("the file is empty; choose a file with content")
    assert html.escape(dutch, quote=False) in answer.text


def test_a_form_without_a_file_or_not_multipart_is_refused(edge):
    empty_choice = edge.post(
        "/api/upload-edge",
        files={"attachment": ("", b"", "application/octet-stream"), "title": (None, "x")},
    )
    assert empty_choice.status_code == 400
    assert empty_choice.json()["errors"][0] == {
        "field": "attachment",
        "message": "choose a file to send",
    }
    as_json = edge.post("/api/upload-edge", json={"attachment": "JVBERi0="})
    assert as_json.status_code == 400
    assert "multipart/form-data" in as_json.text


def test_two_files_in_one_field_are_refused(edge):
    answer = edge.post(
        "/api/upload-edge",
        files=[
            ("attachment", ("a.pdf", samples.pdf(), "application/pdf")),
            ("attachment", ("b.pdf", samples.pdf(), "application/pdf")),
        ],
    )
    assert answer.status_code == 400
    assert "send one file at a time" in answer.text


def test_a_50_mb_body_is_a_413_naming_the_limit_and_the_app_keeps_serving(edge):
    body = b"0" * (50 * 1024 * 1024)
    answer = edge.post(
        "/api/upload-edge", files={"attachment": ("groot.pdf", body, "application/pdf")}
    )
    assert answer.status_code == 413
    assert answer.json()["detail"] == (
        "the file is larger than the limit of 20 MB; send a smaller file"
    )
    page = edge.post(
        "/upload-edge",
        data=_form(edge),
        files={"attachment": ("groot.pdf", body, "application/pdf")},
        headers=HTML | {"cookie": f"{LANGUAGE_COOKIE}=en; kring_csrf={edge.cookies['kring_csrf']}"},
    )
    assert page.status_code == 413
    assert "The file is larger than the limit of 20 MB" in page.text  # a sentence on the page
    assert edge.get("/health").json() == {"status": "ok"}
    again = edge.post("/api/upload-edge", files={"attachment": ("a.png", samples.png(), "")})
    assert again.status_code == 201


def test_a_body_sent_without_its_length_is_cut_off_at_the_limit(edge):
    """Chunked, so nothing announces the size: Litestar counts what it reads and stops."""
    boundary = "kringgrens"
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=attachment; filename=g.pdf\r\n"
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:
        yield head
        for _ in range(UPLOAD_BODY_BYTES // (1024 * 1024) + 2):
            yield b"0" * (1024 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = edge.post(
        "/api/upload-edge",
        content=chunks(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413


def test_a_route_that_keeps_the_app_limit_says_its_own_limit(edge):
    answer = edge.post(
        "/upload-edge/small",
        data=_form(edge),
        files={"attachment": ("a.pdf", b"0" * 2_000_000, "application/pdf")},
    )
    assert answer.status_code == 413
    assert answer.json()["detail"] == "what you sent is larger than the limit of 1 MB"
    api = edge.post(
        "/api/upload-edge/small",
        files={"attachment": ("a.pdf", b"0" * 2_000_000, "application/pdf")},
    )
    assert api.status_code == 413
    assert api.json()["detail"] == "what you sent is larger than the limit of 1 MB"


def test_a_download_is_always_an_attachment_that_is_never_rendered(edge):
    answer = edge.get("/upload-edge/file", params={"name": "Jaarverslag “2025” é.pdf"})
    assert answer.status_code == 200, answer.text
    assert answer.content == samples.pdf()
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"Jaarverslag 2025 e.pdf\"; filename*=UTF-8''"
        + quote("Jaarverslag “2025” é.pdf", safe="")
    )
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-security-policy"] == "sandbox"
    assert answer.headers["cache-control"] == "private, no-store"
