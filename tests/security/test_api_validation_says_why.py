"""A body (or a parameter) the API's schema refuses is named, and said in the API's own plain
English: it answered msgspec's wording, "Expected `str`, got `int`", "Object contains unknown
field `nope`", "Invalid RFC3339 encoded datetime" (found by the outside probe), where the API's
own refusals say "'abc' is not a whole number: …". Pages keep their translated sentences
(`kring/web/validation_text.py`)."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories

START = {"starts_at": "2030-01-01T10:00:00+01:00", "ends_at": "2030-01-01T12:00:00+01:00"}


@pytest.mark.parametrize(
    ("body", "field", "said"),
    [
        ({"title": 5, **START}, "title", "must be text, not a whole number"),
        ({"title": "x", "nope": 1, **START}, "nope", "is not a field of this operation"),
        ({**START}, "title", "is required"),
        ([], "body", "must be a JSON object, not a list"),
        ({"title": "x", **START, "capacity": 0}, "capacity", "must be at least 1"),
        (
            {"title": "x", **START, "capacity": "ten"},
            "capacity",
            "must be a whole number, not text",
        ),
        (
            {"title": "x", "starts_at": "gisteren", "ends_at": START["ends_at"]},
            "starts_at",
            "must be a date and time with its offset, as 2030-01-31T18:00:00+01:00",
        ),
        ({"title": "x" * 5000, **START}, "title", "must be at most"),
    ],
)
def test_a_refused_body_is_named_and_said_plainly(client, body, field, said):
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/events", json=body, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    (error,) = answer.json()["errors"]
    assert error["field"] == field
    assert error["message"].startswith(said), error
    assert "Expected" not in answer.text and "`" not in error["message"]
    assert answer.json()["detail"] == f"{field}: {error['message']}"


def test_a_nested_field_and_a_path_parameter_are_said_plainly(client):
    organiser = factories.account(Role.organiser)
    answer = client.get("/api/projects/0", headers=organiser.headers)
    assert answer.json()["errors"] == [{"field": "project_id", "message": "must be at least 1"}]
    body = {"name": "Prijs", "year": 2030, "categories": [5], "criteria": []}
    answer = client.post("/api/awards/editions", json=body, headers=organiser.headers)
    assert answer.json()["errors"] == [
        {"field": "categories[0]", "message": "must be a JSON object, not a whole number"}
    ]
