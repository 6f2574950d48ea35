"""`GET /api/usage/logins` documents `months` as the number from 1 to 36 it must be: the
document said any string, so a generated client offered a text box and a fuzzer's `months=0`
met a 400 the document did not announce."""

from __future__ import annotations

import httpx

from kring.choices import Role
from members.usage import MAX_MONTHS
from tests import factories

TIMEOUT = 60  # the document is built on its first request


def test_months_is_documented_as_the_number_it_must_be(live_server):
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()
    (months,) = [
        p["schema"]
        for p in document["paths"]["/api/usage/logins"]["get"]["parameters"]
        if p["name"] == "months"
    ]
    assert months == {"type": "integer", "minimum": 1, "maximum": MAX_MONTHS, "default": 12}
    organiser = factories.account(Role.organiser)
    for value, status in [(1, 200), (MAX_MONTHS, 200), (0, 400), (MAX_MONTHS + 1, 400)]:
        answer = httpx.get(
            f"{live_server}/api/usage/logins",
            params={"months": value},
            headers=organiser.headers,
            timeout=TIMEOUT,
        )
        assert answer.status_code == status, (value, answer.text)
        if status == 400:
            assert [e["field"] for e in answer.json()["errors"]] == ["months"]
