"""A JSON body that is not an object (an array, a string, a number, true, null) is refused
naming `body`, as an empty or unreadable body is. It was named `data`, the handler's Python
parameter, which no client sends and no document mentions (the import, which reads its own
body, already said `body`)."""

from __future__ import annotations

import json

import pytest

from kring.choices import Role
from tests import factories
from tests.served import raw_request

JSON = {"content-type": "application/json"}
BODIES = [
    (b"[]", "a list"),
    (b'"x"', "text"),
    (b"1", "a whole number"),
    (b"true", "true or false"),
    (b"null", "null"),
]


@pytest.mark.parametrize(("body", "kind"), BODIES)
def test_a_body_that_is_no_object_is_named_body(live_server, body, kind):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    message = f"must be a JSON object, not {kind}"
    for method, path in [
        ("POST", "/api/challenges"),
        ("PATCH", f"/api/members/{member_id}"),
        ("POST", "/api/tokens"),
        ("POST", "/api/import/members"),
    ]:
        answer = raw_request(live_server, method, path, {**organiser.headers, **JSON}, body)
        assert answer.status == 400, (path, answer.body)
        problem = json.loads(answer.body)
        assert problem["errors"] == [{"field": "body", "message": message}], path
        assert problem["detail"] == f"body: {message}", path
