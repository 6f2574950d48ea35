"""A request no API operation takes says what is wrong with it: a wrong method names itself and
the methods the path takes, a path that matches no operation names the path and where the
operations are listed. Both answered Litestar's bare "Method Not Allowed" and "Not Found",
which a client's log could not tell from a missing record."""

from __future__ import annotations

import json

import pytest

from kring.choices import Role
from tests import factories
from tests.served import raw_request


def _problem(live_server: str, method: str, path: str) -> tuple[int, dict, dict]:
    member = factories.account(Role.member)
    answer = raw_request(live_server, method, path, member.headers)
    return answer.status, dict(answer.headers), json.loads(answer.body)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/me", "GET, HEAD, OPTIONS"),
        ("DELETE", "/api/members", "GET, HEAD, OPTIONS, POST"),
        ("GET", "/api/tokens/1", "DELETE, OPTIONS"),
    ],
)
def test_a_wrong_method_is_named_with_the_methods_the_path_takes(
    live_server, method, path, allowed
):
    status, headers, problem = _problem(live_server, method, path)
    assert status == 405 and headers["allow"] == allowed
    assert problem["detail"] == f"{method} is not a method of {path}; it takes {allowed}"
    assert problem["errors"] == [{"field": "method", "message": problem["detail"]}]


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/members/abc", "/api/me/x"])
def test_a_path_no_operation_has_is_named_with_where_the_operations_are(live_server, path):
    status, _, problem = _problem(live_server, "GET", path)
    assert status == 404
    assert problem["detail"] == (
        f"no API operation has the path {path}; an id in a path is a whole number, and "
        "every operation is listed in /schema/openapi.json"
    )
    assert problem["errors"] == [{"field": "path", "message": problem["detail"]}]


def test_a_path_is_named_briefly_and_printably(live_server):
    status, _, problem = _problem(live_server, "GET", "/api/" + "%E2%80%AE" + "x" * 500)
    assert status == 404
    named = problem["detail"].split(" has the path ")[1].split(";")[0]
    assert named == "/api/\\u202e" + "x" * 74 + "…"


def test_a_missing_record_keeps_its_own_detail(live_server):
    status, _, problem = _problem(live_server, "GET", "/api/members/2147483646")
    assert status == 404 and "/schema/openapi.json" not in problem["detail"]


@pytest.mark.parametrize("path", ["/API/awards/editions", "/Api/me"])
def test_a_path_spelt_in_capitals_is_named_like_any_other_miss(live_server, path):
    """Found by the awards probe: '/API/…' answered a bare 'Not Found', unlike every other
    path no operation has (paths are case-sensitive; the answer says where they are listed)."""
    member = factories.account(Role.member)
    answer = raw_request(live_server, "GET", path, member.headers)
    assert answer.status == 404
    problem = json.loads(answer.body)
    assert problem["detail"].startswith(f"no API operation has the path {path};"), problem
