"""The import's JSON rows are refused as precisely as its report speaks: a cell of the wrong
type names its row (counted as the report counts rows) and its column, a key no path can show
as it is (`""`, `a.b`) is shown quoted, and only a body declared JSON is read as JSON
(`application/jsonx` ran a real import). Spoken to `kring serve` over real HTTP."""

from __future__ import annotations

import json

import pytest

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.served import raw_request

JSON = {"content-type": "application/json"}
ROW = {"email": "an@peeters.be", "first_name": "An", "last_name": "Peeters"}


def _import(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, dict]:
    organiser = factories.account(Role.organiser)
    headers = organiser.headers | {"content-type": content_type}
    answer = raw_request(url, "POST", "/api/import/members", headers, body)
    return answer.status, json.loads(answer.body)


def _rows(*rows: dict, dry_run: bool = True) -> bytes:
    return json.dumps({"dry_run": dry_run, "rows": list(rows)}).encode()


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (5, "must be text, not a whole number"),
        (None, "must be text, not null"),
        ("x" * 2001, "must be at most 2000 characters long"),
    ],
)
def test_a_cell_of_the_wrong_kind_names_its_row_and_column(live_server, cell, said):
    status, problem = _import(live_server, _rows(ROW, ROW | {"first_name": cell}))
    assert status == 400, problem
    assert problem["errors"] == [
        {"field": "rows[1].first_name", "message": f"row 2, column 'first_name': {said}"}
    ], problem


def test_a_row_that_is_no_object_is_named_by_its_number(live_server):
    status, problem = _import(live_server, _rows(ROW, 5))  # type: ignore[arg-type]
    assert status == 400, problem
    assert problem["errors"] == [
        {"field": "rows[1]", "message": "row 2: must be a JSON object, not a whole number"}
    ], problem


def test_a_column_name_too_long_is_named_briefly(live_server):
    column = "kolom" * 50
    status, problem = _import(live_server, _rows(ROW | {column: "x"}))
    assert status == 400, problem
    [error] = problem["errors"]
    assert error["field"] == f"rows[0].{column}"
    assert error["message"] == (
        "row 1, column 'kolomkolomkolomkolom…': must be at most 200 characters long"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"rows": [], "": 1, "": 2}', '""'),
        (b'{"rows": [{"email": "a@b.be", "": "x", "": "y"}]}', 'rows[0].""'),
        (b'{"a.b": {"c": 1, "c": 2}}', '"a.b".c'),
        (b'{"a": {"b": {"c": 1, "c": 2}}}', "a.b.c"),
        (b'{"rows": [{"e mail": "a", "e mail": "b"}]}', 'rows[0]."e mail"'),
    ],
)
def test_a_key_sent_twice_is_named_visibly_and_unambiguously(live_server, body, field):
    status, problem = _import(live_server, body)
    assert status == 400, problem
    assert [error["field"] for error in problem["errors"]] == [field], problem
    assert not problem["errors"][0]["message"].startswith(":"), problem


@pytest.mark.parametrize(
    "content_type", ["application/jsonx", "application/json-seq", "text/json5", "text/plain"]
)
def test_only_a_body_declared_json_is_read_as_json(live_server, content_type):
    status, problem = _import(live_server, _rows(ROW, dry_run=False), content_type)
    assert status == 415, problem
    assert problem["errors"][0]["field"] == "Content-Type", problem
    assert run(Member.count().where(Member.email == "an@peeters.be")) == 0


@pytest.mark.parametrize(
    "content_type", ["application/json", "Application/JSON; charset=utf-8", "application/x+json"]
)
def test_json_by_any_spelling_of_its_type_is_read(live_server, content_type):
    status, problem = _import(live_server, _rows(ROW), content_type)
    assert status == 201, problem
    assert problem["dry_run"] is True
