"""What the API answers to a body it cannot read: a 415 for a body that is not JSON where JSON is
read, and a 400 whose `errors` names the field as the client sent it, with nothing invisible
echoed back."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.tables import Organisation
from tests import factories
from tests.conftest import run

BODY = b'{"name": "Brouwerij De Kring", "kind": "company"}'


def _organisations() -> int:
    return run(Organisation.count())


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_json_body_sent_as_another_type_is_a_415_naming_application_json(client, content_type):
    organiser = factories.account(Role.organiser)
    before = _organisations()
    answer = client.post(
        "/api/organisations",
        content=BODY,
        headers=organiser.headers | {"content-type": content_type},
    )
    assert answer.status_code == 415, answer.text
    assert "application/json" in answer.json()["detail"]
    assert answer.json()["errors"][0]["field"] == "Content-Type"
    assert _organisations() == before


def test_json_with_its_content_type_is_still_taken(client):
    organiser = factories.account(Role.organiser)
    headers = organiser.headers | {"content-type": "application/json; charset=utf-8"}
    assert client.post("/api/organisations", content=BODY, headers=headers).status_code == 201


def test_an_empty_body_is_not_a_wrong_media_type(client):
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/organisations", headers=organiser.headers)
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "body"


def test_truncated_json_names_the_body(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/organisations",
        content=BODY[:-1],
        headers=organiser.headers | {"content-type": "application/json"},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [{"field": "body", "message": "Input data was truncated"}]


def test_a_query_parameter_is_named_as_the_client_sends_it(client):
    member = factories.account(Role.member)
    answer = client.get("/api/introductions?state=bogus", headers=member.headers)
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["state"]
    assert "in_state" not in answer.text


@pytest.mark.parametrize("invisible", ["\u2028", "\u202e", "\u200b", "\u0085"])
def test_invisible_characters_of_a_key_are_escaped_in_the_error(client, invisible):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/organisations",
        json={"name": "Brouwerij", f"x{invisible}y": 1},
        headers=organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    escaped = f"x\\u{ord(invisible):04x}y"
    assert invisible not in answer.text
    # A key that is not a plain name is quoted as every refusal writes a key (key_path).
    assert answer.json()["errors"][0]["field"] in (escaped, f'"{escaped}"', "body")
