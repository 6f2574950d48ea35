"""A whole number in a query string has one spelling, the digits 0-9 without a leading zero,
as an id in a path and a number in a JSON body have (`kring.web.query.refuse_loose_integers`).

Found from outside: `/api/members?limit=1e0`, `limit=2.0`, `offset=1e3` and
`/api/challenges?member=1e0` were read as 1, 2, 1000 and 1, while `member=01`, `limit=+2` and
`limit=1_0` were refused with "Expected `int`", naming no rule. Every API operation the OpenAPI
document gives an integer query parameter is tried with each spelling.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from kring.choices import Role
from tests import factories

OTHER_SPELLINGS = ["1e0", "2.0", "1e3", "01", "+2", "1_0", " 2", "2 ", "-1", "0x1", "١", "２", "x"]


def _integer(schema: dict) -> bool:
    """An integer, an integer or null, or a list of either."""
    if schema.get("type") == "integer":
        return True
    if schema.get("type") == "array":
        return _integer(schema.get("items", {}))
    return any(_integer(branch) for branch in schema.get("oneOf", []) + schema.get("anyOf", []))


def _integer_query_parameters(client) -> list[tuple[str, str, str]]:
    """(method, path with ids filled in, parameter) of every API operation with one."""
    document = client.get("/schema/openapi.json").json()
    found = []
    for template, item in document["paths"].items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and _integer(parameter.get("schema", {})):
                    found.append((method.upper(), path, parameter["name"]))
    return found


def test_every_integer_query_parameter_takes_only_digits(client):
    admin = factories.account(Role.admin)
    found = _integer_query_parameters(client)
    names = {(path, name) for _, path, name in found}
    assert {("/api/members", "limit"), ("/api/members", "offset")} <= names
    assert ("/api/challenges", "member") in names
    for method, path, name in found:
        for spelling in OTHER_SPELLINGS:
            answer = client.request(
                method, f"{path}?{name}={quote(spelling)}", headers=admin.headers
            )
            assert answer.status_code == 400, (method, path, name, spelling, answer.text)
            problem = answer.json()
            assert [error["field"] for error in problem["errors"]] == [name], problem
            assert repr(spelling) in problem["detail"], problem
            assert "digits 0-9" in problem["detail"], problem


@pytest.mark.parametrize("query", ["limit=2", "limit=10&offset=0", "offset=1000", "limit=1"])
def test_digits_are_still_read(client, query):
    admin = factories.account(Role.admin)
    answer = client.get(f"/api/members?{query}", headers=admin.headers)
    assert answer.status_code == 200, answer.text
