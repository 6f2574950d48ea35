"""The OpenAPI document lists the states `POST /api/awards/editions/{id}/state` takes in `to` as an
enum: since the API reads `to` as text (so that an unknown state is a 400 naming it and the states,
1d2805d) the document said only 'string', with the states in a sentence, and a generated client
or Schemathesis could not know them. The refusal of an unknown state stays ours. Over HTTP
against `kring serve`."""

from __future__ import annotations

import httpx

from awards.choices import EditionState
from tests.awards.helpers import edition, organiser


def test_the_document_lists_the_states_to_takes(live_server):
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=30).json()
    body = document["paths"]["/api/awards/editions/{edition_id}/state"]["post"]["requestBody"]
    reference = body["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert schema["properties"]["to"]["enum"] == [state.value for state in EditionState]
    assert schema["required"] == ["to"]


def test_a_state_outside_the_enum_is_still_refused_naming_to_and_the_states(live_server):
    boss = organiser()
    made = edition(boss)
    answer = httpx.post(
        f"{live_server}/api/awards/editions/{made.id}/state",
        json={"to": "xyz"},
        headers=boss.headers,
        timeout=30,
    )
    assert answer.status_code == 400, answer.text
    (error,) = answer.json()["errors"]
    assert error["field"] == "to"
    assert "open, judging, deliberation, decided, archived" in error["message"]
