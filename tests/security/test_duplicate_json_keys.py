"""A JSON body that names a key twice in one object is refused with a 400 naming the key by its
whole path (`rows[1].email`). JSON parsers keep the last value silently (`{"title": "a",
"title": "b"}` stored "b"), so what the client meant is unknown; one check where every JSON body
is decoded (`kring.web.inputs.CheckedRequest.json`, the import's rows included), before any
schema looks at the body. Most tests speak to `kring serve` over real HTTP."""

from __future__ import annotations

import json

import pytest

from kring.choices import Role
from kring.tables import Challenge, Member
from privacy import retention
from tests import factories
from tests.conftest import run
from tests.served import raw_request

JSON = {"content-type": "application/json"}


def _refused(answer, key: str) -> None:
    assert answer.status_code == 400, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [key], answer.text
    assert "more than once" in answer.json()["errors"][0]["message"]


def test_a_key_sent_twice_is_refused_and_nothing_is_stored(client):
    member = factories.account(Role.member, factories.member(factories.organisation()))
    body = b'{"title": "Eerste titel", "body": "Warmtepomp", "title": "Tweede titel"}'
    answer = client.post("/api/challenges", content=body, headers={**member.headers, **JSON})
    _refused(answer, "title")
    assert run(Challenge.count()) == 0
    once = b'{"title": "Eerste titel", "body": "Warmtepomp"}'
    made = client.post("/api/challenges", content=once, headers={**member.headers, **JSON})
    assert made.status_code == 201, made.text


def test_a_key_sent_twice_in_a_nested_object_is_refused(client):
    organiser = factories.account(Role.organiser)
    body = (
        b'{"rows": [{"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be",'
        b' "email": "an@elders.be"}], "dry_run": false}'
    )
    answer = client.post("/api/import/members", content=body, headers={**organiser.headers, **JSON})
    _refused(answer, "rows[0].email")
    assert run(Member.count()) == 0


def test_a_retention_period_sent_twice_changes_nothing(client):
    officer = factories.account(Role.privacy_officer)
    body = b'{"months": 600, "months": 12}'
    answer = client.put(
        "/api/privacy/retention/login_months", content=body, headers={**officer.headers, **JSON}
    )
    _refused(answer, "months")
    assert run(retention.rules())["login_months"] == 24


def test_the_same_key_in_two_objects_is_no_duplicate(client):
    organiser = factories.account(Role.organiser)
    body = (
        b'{"rows": [{"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be"},'
        b' {"first_name": "Bram", "last_name": "Claes", "email": "bram@claes.be"}],'
        b' "dry_run": true}'
    )
    answer = client.post("/api/import/members", content=body, headers={**organiser.headers, **JSON})
    assert answer.status_code == 201, answer.text


def _post(live_server: str, path: str, login, body: bytes) -> tuple[int, dict]:
    answer = raw_request(live_server, "POST", path, {**login.headers, **JSON}, body)
    return answer.status, json.loads(answer.body)


def _only_error(status: int, problem: dict) -> dict:
    assert status == 400, problem
    assert len(problem["errors"]) == 1, problem
    return problem["errors"][0]


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (
            b'{"title": "T", "body": "B", "address": {"street": "a", "street": "b"}}',
            "address.street",
        ),
        (b'{"title": "T", "body": "B", "x": [1, {"y": [{"z": 1, "z": 2}]}]}', "x[1].y[0].z"),
        (b'[{"title": "T"}, {"title": "T", "title": "U"}]', "body[1].title"),
        (b'{"a": {"b": 1, "b": 2}, "a": 3}', "a.b"),  # the first in reading order
    ],
)
def test_a_nested_key_sent_twice_is_named_by_its_whole_path(live_server, body, path):
    member = factories.account(Role.member)
    error = _only_error(*_post(live_server, "/api/challenges", member, body))
    assert error == {
        "field": path,
        "message": "was sent more than once in one object; send it once",
    }
    assert run(Challenge.count()) == 0


def test_a_column_sent_twice_in_an_import_row_names_its_row_and_cells(live_server):
    organiser = factories.account(Role.organiser)
    long_address = "an.peeters@" + "heel-lange-naam" * 10 + ".be"
    body = json.dumps(
        {"rows": [{"first_name": "Bram", "last_name": "Claes", "email": "bram@claes.be"}]}
    ).encode()
    body = body.replace(
        b"}]}",
        b'}, {"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be",'
        b' "email": "' + long_address.encode() + b'"}]}',
    )
    error = _only_error(*_post(live_server, "/api/import/members", organiser, body))
    assert error["field"] == "rows[1].email", error
    message = error["message"]
    # Counted as the import's report counts rows (`"row": 2` for the second), both cells shown
    # briefly: the long one cut, not repeated whole.
    assert message.startswith(
        "row 2: column 'email' was sent more than once in one row ('an@peeters.be', then "
    ), message
    assert "'an.peeters@heel-lang…'" in message and long_address not in message
    assert run(Member.count()) == 0


@pytest.mark.parametrize(
    ("path", "body", "key"),
    [
        # Each `rows` alone is refused by the schema (empty; not a list): the key comes first.
        ("/api/import/members", b'{"rows": [], "rows": [{"first_name": "An"}]}', "rows"),
        ("/api/import/members", b'{"rows": [{"first_name": "An"}], "rows": 5}', "rows"),
        ("/api/import/members", b'{"dry_run": "yes", "rows": [], "dry_run": 1}', "dry_run"),
        ("/api/challenges", b'{"title": 5, "body": "B", "title": []}', "title"),
        ("/api/challenges", b'{"title": "T", "body": "B", "nope": 1, "nope": 2}', "nope"),
    ],
)
def test_a_key_sent_twice_is_refused_before_the_schema_is_checked(live_server, path, body, key):
    organiser = factories.account(Role.organiser, factories.member(factories.organisation()))
    error = _only_error(*_post(live_server, path, organiser, body))
    assert error["field"] == key, error
    assert "more than once" in error["message"], error
