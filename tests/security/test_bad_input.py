"""Hostile and broken input gets a clear 4xx, never a 500, and nothing leaks into logs."""

import logging

import pytest

from kring.choices import Role
from tests import factories

INJECTIONS = [
    "'; DROP TABLE member; --",
    '<img src=x onerror="alert(1)">',
    "{{ 7*7 }}",
    "${7*7}",
    "\u202e\u0000",
]


def test_deeply_nested_json_is_refused(client):
    viewer = factories.account(Role.member)
    body = "[" * 5000 + "]" * 5000
    answer = client.post(
        "/api/challenges",
        content=body.encode(),
        headers=viewer.headers | {"content-type": "application/json"},
    )
    assert 400 <= answer.status_code < 500


def test_invalid_utf8_is_refused(client):
    viewer = factories.account(Role.member)
    answer = client.post(
        "/api/challenges",
        content=b'{"title": "\xff\xfe caf\xe9"}',
        headers=viewer.headers | {"content-type": "application/json"},
    )
    assert answer.status_code == 400


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_stored_verbatim_and_rendered_inert(client, text):
    viewer = factories.account(Role.member)
    made = client.post(
        "/api/challenges", json={"title": "x" + text.replace("\u0000", "")}, headers=viewer.headers
    )
    if made.status_code == 201:
        assert made.json()["title"] == "x" + text.replace("\u0000", "")
    else:
        assert made.status_code == 400
    factories.log_in(client, viewer.email)
    page = client.get("/my/challenges", headers={"accept": "text/html"}).text
    assert '<img src=x onerror="alert(1)">' not in page
    assert "x49" not in page  # no template or expression was evaluated
    if "{{" in text:
        assert "x{{ 7*7 }}" in page


@pytest.mark.parametrize("value", ["2024-02-30", "yesterday", "2024-13-01T25:00:00+99:00", ""])
def test_bogus_dates_are_400_naming_the_field(client, value):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    answer = client.post(
        f"/api/members/{member_id}/interactions",
        json={"occurred_on": value, "kind": "call"},
        headers=organiser.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "occurred_on"


def test_passwords_and_tokens_never_reach_the_logs(client, caplog):
    login = factories.account(Role.member)
    with caplog.at_level(logging.DEBUG):
        client.post("/api/tokens", json={"email": login.email, "password": "wrong-password-123"})
        made = client.post(
            "/api/tokens", json={"email": login.email, "password": factories.PASSWORD}
        )
        client.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"})
        factories.log_in(client, login.email)
    logged = caplog.text
    assert "wrong-password-123" not in logged
    assert factories.PASSWORD not in logged
    assert made.json()["token"] not in logged
    assert client.cookies["kring_session"] not in logged
