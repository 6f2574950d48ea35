"""The OpenAPI document says what the server does (`kring.web.openapi`, `kring.web.problems`):
schemathesis found uploads without a body, bounds and refused keys left out, a body documented
as required that may be left out, and answers (404, 415) that were not listed."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from kring.choices import Role
from tests import factories

UPLOADS = [
    "/api/awards/candidacies/{candidacy_id}/attachments",
    "/api/projects/{project_id}/documents",
    "/api/library/{item_id}/file",
    "/api/import/members",
]


@functools.cache
def _document() -> dict[str, Any]:
    from tests.conftest import _app

    return _app().openapi_schema.to_schema()


def _schemas() -> dict[str, Any]:
    return _document()["components"]["schemas"]


@pytest.mark.parametrize("path", UPLOADS)
def test_an_upload_documents_its_multipart_file(path):
    body = _document()["paths"][path]["post"]["requestBody"]
    form = body["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"] == {"type": "string", "format": "binary"}
    assert form["required"] == ["file"] and body["required"] is True


def test_the_import_documents_its_other_form_fields():
    body = _document()["paths"]["/api/import/members"]["post"]["requestBody"]
    fields = body["content"]["multipart/form-data"]["schema"]["properties"]
    assert {"map", "dry_run"} <= set(fields)


def test_a_body_that_may_be_left_out_is_not_required():
    operation = _document()["paths"]["/api/events/{event_id}/registration"]["post"]
    assert operation["requestBody"]["required"] is False
    create = _document()["paths"]["/api/organisations"]["post"]
    assert create["requestBody"]["required"] is True


def test_every_bound_the_server_enforces_is_documented():
    score = _schemas()["ScoreIn"]["properties"]["score"]
    assert (score["minimum"], score["maximum"]) == (0, 10)
    texts = _schemas()["CandidacyIn"]["properties"]["texts"]
    assert texts["additionalProperties"]["maxLength"] == 10_000
    assert texts["maxProperties"] == 20


def test_a_struct_refusing_unknown_keys_says_so_and_others_do_not():
    from awards.api_jury import ScoreIn
    from kring.web.problems import Problem

    assert ScoreIn.__struct_config__.forbid_unknown_fields
    assert _schemas()["ScoreIn"]["additionalProperties"] is False
    assert _schemas()["CandidacyIn"]["additionalProperties"] is False
    assert not Problem.__struct_config__.forbid_unknown_fields
    assert "additionalProperties" not in _schemas()["Problem"]


def test_the_idempotency_key_documents_its_length():
    create = _document()["paths"]["/api/introductions"]["post"]
    (key,) = [p for p in create["parameters"] if p["name"] == "Idempotency-Key"]
    assert (key["schema"]["minLength"], key["schema"]["maxLength"]) == (1, 100)


@pytest.mark.parametrize("path", ["/api/challenges", "/api/expertise"])
def test_a_list_filtered_by_a_member_id_documents_its_404(client, path):
    assert "404" in _document()["paths"][path]["get"]["responses"]
    member = factories.account(Role.member)
    answer = client.get(f"{path}?member=2147483646", headers=member.headers)
    assert answer.status_code == 404


def test_every_json_body_documents_its_415_and_no_upload_of_a_file_only_does():
    """An upload refuses a body of another type with a 400 naming `file`; the import, which
    also reads JSON rows, with a 415 (`tests/importing/test_api_document.py`)."""
    paths = _document()["paths"]
    assert "415" in paths["/api/organisations"]["post"]["responses"]
    for path in UPLOADS:
        documented = "415" in paths[path]["post"]["responses"]
        assert documented is (path == "/api/import/members"), path
