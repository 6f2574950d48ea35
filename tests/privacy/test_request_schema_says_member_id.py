"""The OpenAPI schema of a new access or erasure request says what the API does: `member_id`
may be left out by a member (the request is theirs) and is required for staff, who get a 400
naming it without it."""

from __future__ import annotations

from kring.choices import Role
from tests import factories


def _member_id_schema(client, path: str) -> dict:
    spec = client.get("/schema/openapi.json").json()
    body = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[1]
    return spec["components"]["schemas"][name]["properties"]["member_id"]


def test_the_schema_says_staff_must_name_the_member_as_the_api_answers(client):
    officer = factories.account(Role.privacy_officer)
    for path in ("/api/privacy/access-requests", "/api/privacy/erasure-requests"):
        described = str(_member_id_schema(client, path))
        assert "Required for staff" in described and "A member leaves it out" in described
        answer = client.post(path, json={"identity_checked": True}, headers=officer.headers)
        assert answer.status_code == 400
        assert answer.json()["errors"][0]["field"] == "member_id"
