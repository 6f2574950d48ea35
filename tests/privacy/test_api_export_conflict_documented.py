"""Reading the answer to an access request that was withdrawn is a 409 naming its status, and
the OpenAPI document lists that 409: schemathesis, as the privacy officer, met it on the GET,
whose operation listed a 409 only for writes."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories

TIMEOUT = 60  # the document is built on its first request


def test_the_answer_to_a_withdrawn_request_is_a_documented_409(live_server):
    member = factories.account(Role.member)
    officer = factories.account(Role.privacy_officer)
    made = httpx.post(f"{live_server}/api/privacy/access-requests", json={}, headers=member.headers)
    assert made.status_code == 201, made.text
    request_id = made.json()["id"]
    withdrawn = httpx.post(
        f"{live_server}/api/privacy/access-requests/{request_id}/withdrawal",
        headers=member.headers,
    )
    assert withdrawn.status_code == 200, withdrawn.text
    answer = httpx.get(
        f"{live_server}/api/privacy/access-requests/{request_id}/export",
        headers=officer.headers,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 409
    assert answer.json()["errors"] == [
        {"field": "status", "message": f"access request {request_id} is withdrawn"}
    ]
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()
    operation = document["paths"]["/api/privacy/access-requests/{request_id}/export"]["get"]
    documented = operation["responses"]["409"]["content"]["application/problem+json"]
    assert documented["schema"] == {"$ref": "#/components/schemas/Problem"}
