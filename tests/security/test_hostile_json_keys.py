"""A control character refused in a JSON body is named by a path that says which key holds it,
written as every other refusal writes a key's path (`kring.validation.key_path`): a key with a
dot, a bracket, a quote or a space quoted as JSON writes it, a key that holds a control
character by its own path with the character escaped. Found by an outside review: the check
wrote `{"a.b": {"c": …}}` as `a.b.c`, the path of `{"a": {"b": {"c": …}}}`, and named a key
holding a control character as `body`."""

from __future__ import annotations

import json

import pytest

from kring.choices import Role
from kring.tables import Challenge
from tests import factories
from tests.conftest import run

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"a.b": {"c": "x\x07"}}, '"a.b".c'),
        ({"a": {"b": {"c": "x\x07"}}}, "a.b.c"),
        ({"x[0]": ["ok", "x\x07"]}, '"x[0]"[1]'),
        ({"title": "Warmtepomp", "na\x07me": "x"}, '"na\\u0007me"'),
        ({"notes": {"wie\u202eeb": "x"}}, 'notes."wie\\u202eeb"'),
        ({"notes": {"\x7f": "x"}}, 'notes."\\u007f"'),
        ({"": {" ": "x\x00"}}, '""." "'),
    ],
    ids=["dot", "nested", "bracket", "c0-in-key", "override-in-key", "del-key", "empty-space"],
)
def test_a_control_character_under_a_hostile_key_is_named_by_an_unambiguous_path(
    client, body, field
):
    member = factories.account(Role.member, factories.member(factories.organisation()))
    answer = client.post(
        "/api/challenges",
        content=json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        headers={**member.headers, **JSON},
    )
    assert answer.status_code == 400, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == field, answer.text
    assert "control character" in error["message"]
    assert run(Challenge.count()) == 0


def test_a_duplicate_key_and_a_control_character_name_a_key_alike(client):
    """One function writes both paths: the duplicate-key check said `"a.b"` already."""
    member = factories.account(Role.member, factories.member(factories.organisation()))
    headers = {**member.headers, **JSON}
    twice = client.post("/api/challenges", content=b'{"a.b": {"c": 1, "c": 2}}', headers=headers)
    control = client.post("/api/challenges", content=b'{"a.b": {"c": "\\u0007"}}', headers=headers)
    assert twice.json()["errors"][0]["field"] == control.json()["errors"][0]["field"] == '"a.b".c'
