"""The import's OpenAPI operation says all it reads and answers: JSON rows as well as an upload
(the document had only the multipart form, so a generated client could not send rows), and the
415 it gives a body of any other type (the document listed none)."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories

TIMEOUT = 60  # the document is built on its first request


def _operation(live_server: str) -> dict:
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()
    return document["paths"]["/api/import/members"]["post"]


def test_the_import_documents_its_json_rows_beside_the_upload(live_server):
    content = _operation(live_server)["requestBody"]["content"]
    assert set(content) == {"multipart/form-data", "application/json"}
    rows = content["application/json"]["schema"]
    assert rows["required"] == ["rows"] and rows["additionalProperties"] is False
    assert set(rows["properties"]) == {"rows", "dry_run", "mapping"}
    assert rows["properties"]["rows"]["minItems"] == 1
    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        f"{live_server}/api/import/members",
        json={"rows": [{"first_name": "An", "last_name": "Peeters"}], "dry_run": True},
        headers=organiser.headers,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["dry_run"] is True


def test_the_import_documents_the_415_it_answers(live_server):
    assert "415" in _operation(live_server)["responses"]
    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        f"{live_server}/api/import/members",
        content=b"first_name,last_name\nAn,Peeters\n",
        headers={**organiser.headers, "content-type": "text/csv"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 415
    assert answer.json()["errors"] == [
        {
            "field": "Content-Type",
            "message": "send multipart/form-data with a file, or application/json rows",
        }
    ]
