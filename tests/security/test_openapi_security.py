"""The OpenAPI document says which operations need a token, and the server agrees.

Found from outside: `/schema/openapi.json` declared no security at all, so generated clients
and Swagger UI's "Authorize" knew nothing of `Authorization: Bearer <token>`. Now the bearer
scheme is in the components and every operation an anonymous call meets with a 401 requires it;
the public ones (the token route, the privacy codes' `/verify`) require nothing.
"""

from __future__ import annotations

import re

BODIES = ("post", "put", "patch", "delete")


def test_the_bearer_scheme_is_declared(client):
    document = client.get("/schema/openapi.json").json()
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"


def test_each_operation_requires_the_token_exactly_when_anonymous_calls_get_401(client):
    document = client.get("/schema/openapi.json").json()
    public, checked = set(), 0
    for template, item in document["paths"].items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method, operation in item.items():
            if not isinstance(operation, dict) or method in ("head", "options"):
                continue
            body = {"json": {}} if method in BODIES else {}
            answer = client.request(method.upper(), path, **body)
            required = operation.get("security")
            if answer.status_code == 401:
                assert required == [{"bearer": []}], (method, template, required)
            else:
                assert not required, (method, template, answer.status_code, answer.text)
                public.add((method, template))
            checked += 1
    assert checked > 100
    assert ("post", "/api/tokens") in public
    assert ("post", "/api/privacy/access-requests/{request_id}/verify") in public
    assert ("post", "/api/privacy/erasure-requests/{request_id}/verify") in public
