"""A stored file is answered in its own type (a PNG as image/png, a PDF as application/pdf), and
the OpenAPI document lists those types: schemathesis found a project document served as
image/png where the document said application/octet-stream, and the jury's attachment was
documented as a JSON string, which a generated client would try to parse."""

from __future__ import annotations

import httpx
import pytest

from kring.choices import Role
from kring.uploads import CONTENT_TYPES
from tests import factories
from tests.kring.upload_samples import png
from tests.library import helpers as library

DOWNLOADS = [
    "/api/library/{item_id}/file",
    "/api/projects/{project_id}/documents/{document_id}",
    "/api/awards/candidacies/{candidacy_id}/attachments/{attachment_id}",
    "/api/awards/jury/{edition_id}/candidacies/{candidacy_id}/attachments/{attachment_id}",
]
TIMEOUT = 60  # the document is built on its first request


@pytest.fixture
def document(live_server: str) -> dict:
    return httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()


@pytest.mark.parametrize("path", DOWNLOADS)
def test_a_stored_file_download_documents_each_type_a_file_is_stored_as(document, path):
    content = document["paths"][path]["get"]["responses"]["200"]["content"]
    assert set(content) == set(CONTENT_TYPES.values())
    for media_type in content.values():
        assert media_type["schema"] == {"type": "string", "format": "binary"}


def test_a_stored_png_is_answered_in_a_type_the_document_lists(live_server, document):
    organiser = factories.account(Role.organiser)
    item_id = library.item(organiser)
    stored = httpx.post(
        f"{live_server}/api/library/{item_id}/file",
        files={"file": ("schema.png", png(), "image/png")},
        headers=organiser.headers,
        timeout=TIMEOUT,
    )
    assert stored.status_code == 201, stored.text
    answer = httpx.get(
        f"{live_server}/api/library/{item_id}/file", headers=organiser.headers, timeout=TIMEOUT
    )
    assert answer.status_code == 200 and answer.content == png()
    listed = document["paths"]["/api/library/{item_id}/file"]["get"]["responses"]["200"]
    assert answer.headers["content-type"] in listed["content"]
