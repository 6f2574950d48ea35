"""What HTTP asks of an API refusal beyond its status: a 401 says how to authenticate, a 405
lists every method the path takes (`kring.web.errors._protocol_headers`)."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/me"), ("get", "/api/members"), ("post", "/api/challenges")],
)
def test_an_api_401_names_the_bearer_scheme(client, method, path):
    answer = client.request(method, path, json={} if method == "post" else None)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="kring"'


def test_a_refused_token_is_called_invalid(client):
    answer = client.get("/api/me", headers={"Authorization": "Bearer kr_not-a-token"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="kring", error="invalid_token"'


def test_a_wrong_password_for_a_token_is_a_401_with_a_challenge(client):
    login = factories.account(Role.member)
    body = {"email": login.email, "password": "not-the-password"}
    answer = client.post("/api/tokens", json=body)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer ")


def test_a_signed_in_call_has_no_challenge(client):
    login = factories.account(Role.member)
    answer = client.get("/api/me", headers=login.headers)
    assert answer.status_code == 200 and "www-authenticate" not in answer.headers


@pytest.mark.parametrize("path", ["/api/me", "/api/members", "/api/events"])
def test_a_405_allows_head_where_get_is_served(client, path):
    login = factories.account(Role.organiser)
    answer = client.put(path, json={}, headers=login.headers)
    assert answer.status_code == 405
    allowed = answer.headers["allow"]
    assert allowed == client.options(path).headers["allow"]
    assert {"GET", "HEAD", "OPTIONS"} <= set(allowed.split(", "))
