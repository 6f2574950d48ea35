"""A body sent as JSON that is no JSON is a 400 naming `body` on every route that reads JSON,
the import included: the import reads its body itself (`request.json()`), and Litestar turns
a decode error into a 400 only for the `data` parameter it fills, so `{` or `1e400` sent to
`POST /api/import/members` was a 500 with a traceback. `kring.web.inputs.CheckedRequest.json`
now answers every body the same way. Spoken to `kring serve` over real HTTP; its log is read
for tracebacks."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import _app, run
from tests.served import raw_request

ROW = '{"email": "an@peeters.be", "first_name": "An", "last_name": "Peeters"}'
MALFORMED = {
    "open brace": b"{",
    "no json": b"abc",
    "trailing comma": b'{"rows": [],}',
    "text after the object": b'{"rows": [' + ROW.encode() + b'], "dry_run": true} x',
    "single quotes": b"{'rows': []}",
    "spaces only": b"   ",
    "utf-8 bom": b"\xef\xbb\xbf" + b'{"rows": [' + ROW.encode() + b"]}",
    "utf-16": ('{"rows": [' + ROW + "]}").encode("utf-16"),
    "number beyond a float": b'{"rows": [{"email": "a@b.be", "first_name": 1e400}]}',
    "5000 digits": b'{"rows": [{"email": "a@b.be", "first_name": ' + b"7" * 5000 + b"}]}",
}
JSON = {"content-type": "application/json"}


@cache
def json_routes() -> list[tuple[str, str]]:
    """(method, path) of every POST, PUT and PATCH of the OpenAPI document that takes a JSON
    body, its path parameters filled with 1, and the import, which the document describes by
    its upload only."""
    found = [("POST", "/api/import/members")]
    for path, item in _app().openapi_schema.to_schema()["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method in ("post", "put", "patch") and "application/json" in content:
                found.append((method.upper(), re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(found)


def test_the_import_and_other_routes_are_in_the_document():
    routes = json_routes()
    assert ("POST", "/api/challenges") in routes and ("PATCH", "/api/members/1") in routes
    assert len(routes) > 20


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_json_is_a_400_naming_the_body_on_every_json_route(served_app, name):
    admin = factories.account(Role.admin, factories.member(factories.organisation()))
    headers = admin.headers | JSON
    body = MALFORMED[name]
    wrong = []
    for method, path in json_routes():
        answer = raw_request(served_app.url, method, path, headers, body)
        problem = json.loads(answer.body)
        fields = [error["field"] for error in problem.get("errors", [])]
        if answer.status != 400 or fields != ["body"]:
            wrong.append((method, path, answer.status, problem))
    assert not wrong, wrong
    assert "Traceback" not in served_app.stderr()
    assert "unhandled error" not in served_app.stderr()
    assert run(Member.count()) == 1  # the admin's own: nothing imported


@pytest.mark.parametrize("name", MALFORMED)
def test_the_import_says_what_the_other_routes_say(served_app, name):
    organiser = factories.account(Role.organiser, factories.member(factories.organisation()))
    headers = organiser.headers | JSON
    said = {
        path: json.loads(raw_request(served_app.url, "POST", path, headers, MALFORMED[name]).body)
        for path in ("/api/import/members", "/api/challenges", "/api/organisations")
    }
    assert len({json.dumps(problem, sort_keys=True) for problem in said.values()}) == 1, said


def test_invalid_utf8_names_its_offset_in_the_body(served_app):
    organiser = factories.account(Role.organiser)
    body = b'{"rows": [{"email": "\xff@b.be"}]}'
    assert body.index(b"\xff") == 21
    answer = raw_request(
        served_app.url, "POST", "/api/import/members", organiser.headers | JSON, body
    )
    assert answer.status == 400, answer.body
    problem = json.loads(answer.body)
    message = (
        "is not valid UTF-8: the byte 0xFF at offset 21 (counted from 0) "
        "is not part of a UTF-8 character"
    )
    assert problem["errors"] == [{"field": "body", "message": message}], problem
    assert problem["detail"] == f"body: {message}"
    assert "position" not in answer.body.decode()
