"""Hostile and broken input gets a clear 4xx, never a 500, and nothing leaks into logs."""

import logging
from html import unescape

import pytest

from kring.choices import Role
from kring.pages.forms import safe_next
from kring.tables import ApiToken, Challenge
from projects.tables import Project
from tests import factories
from tests.conftest import run

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


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (b"Caf\xc3\xa9", "Beschrijving: is geen URL-gecodeerde UTF-8"),
        (b"Caf%E9", "Beschrijving: is geen geldige UTF-8: de geëscapete byte %E9 hoort bij"),
        (b"%FF%FE", "Beschrijving: is geen geldige UTF-8: de geëscapete byte %FF hoort bij"),
    ],
)
def test_a_form_that_is_not_url_encoded_utf8_is_refused_not_mangled(client, title, said):
    """Litestar read such bodies as Latin-1 with bad escapes replaced: an unescaped "Café"
    was stored as "CafÃ©", "%FF%FE" as two U+FFFD, and the member was told it was saved. An
    escaped byte is no character beyond ASCII left unescaped: its refusal says what is wrong."""
    viewer = factories.account(Role.member)
    factories.log_in(client, viewer.email)
    token = factories.csrf_token(client).encode()
    form = {"content-type": "application/x-www-form-urlencoded", "accept": "text/html"}
    refused = client.post(
        "/my/challenges", content=b"title=" + title + b"&_csrf_token=" + token, headers=form
    )
    assert refused.status_code == 400, refused.text
    assert said in unescape(refused.text), refused.text
    assert run(Challenge.count().where(Challenge.member == viewer.member_id)) == 0
    saved = client.post(
        "/my/challenges",
        content=b"title=Caf%C3%A9&_csrf_token=" + token,
        headers=form,
        follow_redirects=False,
    )
    assert saved.status_code == 303
    stored = run(Challenge.select(Challenge.title).where(Challenge.member == viewer.member_id))
    assert stored == [{"title": "Café"}]


@pytest.mark.parametrize(
    ("role", "path", "fields", "twice"),
    [
        (Role.member, "/my/challenges", {"title": "Audit"}, "title"),
        (Role.member, "/profile", {"first_name": "An", "last_name": "Peeters"}, "job_title"),
        (Role.member, "/profile", {"first_name": "An", "last_name": "Peeters"}, "phone"),
        (
            Role.organiser,
            "/events/new",
            {
                "title": "Bedrijfsbezoek",
                "starts_at": "2031-05-04T18:30",
                "ends_at": "2031-05-04T21:00",
                "capacity": "20",
            },
            "online_url",
        ),
        (Role.member, "/tokens", {}, "name"),
        (
            Role.organiser,
            "/projects/new",
            {"starts_on": "2031-01-01", "ends_on": "2031-12-31", "state": "planned"},
            "title",
        ),
    ],
)
def test_a_form_field_sent_twice_is_a_400_not_a_500(client, role, path, fields, twice):
    """`title=a&title=b` reached the validation as a list and failed there (TypeError), or
    was stored as the text "['a', 'b']" (a token's name, a project's title)."""
    viewer = factories.account(role)
    factories.log_in(client, viewer.email)
    body = fields | {twice: ["Audit", "Audit"]}
    answer = client.post(
        path,
        data=body | {"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html"},
    )
    assert answer.status_code == 400, answer.text
    assert run(Challenge.count().where(Challenge.member == viewer.member_id)) == 0
    assert run(ApiToken.count().where(ApiToken.name.like("[%"))) == 0
    assert run(Project.count().where(Project.title.like("[%"))) == 0


def test_a_next_address_sent_twice_falls_back_to_home():
    assert safe_next(["/members", "//evil.example"]) == "/"


@pytest.mark.parametrize("website", ["[", "https://[", "http://[x", "example.be:99999"])
def test_a_web_address_that_cannot_be_parsed_is_a_400_naming_the_field(client, website):
    organiser = factories.account(Role.organiser)
    organisation_id = factories.organisation()
    answer = client.patch(
        f"/api/organisations/{organisation_id}",
        json={"website": website},
        headers=organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "website"


@pytest.mark.parametrize("target", ["//[", "http://[::1", "http://[", "//[::1"])
def test_a_next_address_that_cannot_be_parsed_falls_back_to_home(client, target):
    """`urlsplit` raises on an unclosed IPv6 bracket: that was a 500 on the login page and
    after actions that had already been saved (an introduction requested, then "Interne
    fout")."""
    assert safe_next(target) == "/"
    assert client.get("/login", params={"next": target}).status_code == 200
    answer = client.get("/language/en", params={"next": target}, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text
    assert answer.headers["location"] == "/"


@pytest.mark.parametrize(
    ("criterion", "field"),
    [({"name": "Impact", "order": 1}, "criteria[0].order"), ({}, "criteria[0].name")],
)
def test_a_problem_inside_a_nested_object_names_its_whole_path(client, criterion, field):
    """An unknown or missing field in the first criterion was reported as `order` or `name`:
    which object? The field is its path in the body."""
    organiser = factories.account(Role.organiser)
    body = {
        "name": "Prijs",
        "year": 2027,
        "submission_deadline": "2027-03-01T12:00:00+01:00",
        "jury_deadline": "2027-04-01T12:00:00+01:00",
        "categories": [{"name": "Kmo"}],
        "criteria": [criterion],
    }
    answer = client.post("/api/awards/editions", json=body, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [field]
    valid = body | {"criteria": [{"name": "Impact"}], "colour": "red"}
    top = client.post("/api/awards/editions", json=valid, headers=organiser.headers)
    assert [e["field"] for e in top.json()["errors"]] == ["colour"]
