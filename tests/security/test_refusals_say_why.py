"""A refusal says what is wrong, not something untrue: a positive id beyond any row is "higher
than 2147483647", not "not a positive whole number"; the check-in desk's field takes member
numbers and codes, and says so; a path whose %-escapes make no UTF-8 text is refused saying
so, not answered with a 404 echoing "\ufffd"; and the library's search keeps only its own
query parameters from the edge's control-character check. Over HTTP, against `kring serve`
where the page's own answer matters, in Dutch as members read it."""

from __future__ import annotations

import json
from html import unescape

import pytest

from kring.choices import Role
from tests import factories
from tests.events.helpers import doors_open, event
from tests.mailings.delivery_scene import build
from tests.served import raw_request

HTML = {"accept": "text/html", "accept-language": "nl"}
HIGHER = "is hoger dan 2147483647, het hoogste nummer"


def _form(client, path: str, data: dict[str, str]):
    form = {"_csrf_token": factories.csrf_token(client), **data}
    return client.post(path, data=form, headers=HTML, follow_redirects=False)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"audience_kind": "organisations", "organisations": "2147483648"}, "organisations"),
        ({"audience_kind": "event", "event": "99999999999"}, "event"),
        ({"audience_kind": "event", "event": "9" * 25}, "event"),
    ],
)
def test_a_mailing_audience_beyond_any_row_says_it_is_too_high(client, data, field):
    scene = build()
    factories.log_in(client, scene.organiser.email)
    refused = _form(client, f"/mailings/{scene.mailing_id}/audience", data)
    assert refused.status_code == 400, refused.text
    text = unescape(refused.text)
    assert HIGHER in text and "geen positief geheel getal" not in text
    assert f'id="field-{field}-error"' in refused.text


def test_a_mailing_audience_through_the_api_names_the_bound(client):
    scene = build()
    answer = client.put(
        f"/api/mailings/{scene.mailing_id}/audience",
        json={"kind": "organisations", "organisations": [2147483648]},
        headers=scene.organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    [error] = answer.json()["errors"]
    assert error["field"] in ("organisations", "organisations[0]"), error
    assert "2147483647" in error["message"] and "positive" not in error["message"], error


@pytest.mark.parametrize("typed", ["99999999999999999999", "2147483648", "9" * 40])
def test_a_member_number_too_high_at_the_door_says_so(client, typed):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    event_id = event(organiser)
    doors_open(event_id, started=False)
    answer = _form(client, f"/events/{event_id}/check-in", {"code": typed})
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    assert f'value="{typed}"' in text
    assert HIGHER in text and "geen check-incode" not in text


def test_the_door_says_it_takes_a_member_number_or_a_code(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    event_id = event(organiser)
    doors_open(event_id, started=False)
    answer = _form(client, f"/events/{event_id}/check-in", {"code": "hallo"})
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    assert "is geen lidnummer (zoals 123) en geen check-incode (zoals K123-4F9A0C1B2D)" in text


def test_a_library_search_leaves_only_its_own_parameters_unchecked(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    for query in ("x=%00", "x=%FF", "q=warmte&x=%01"):
        answer = client.get(f"/library?{query}", headers=HTML)
        assert answer.status_code == 400, (query, answer.status_code)
    kept = client.get("/library?q=warm%01te", headers=HTML)  # its own: kept in its form
    assert kept.status_code == 400 and 'name="q"' in kept.text
    assert client.get("/library?q=warmte", headers=HTML).status_code == 200


@pytest.mark.parametrize("path", ["/events/%FF", "/events/caf%E9", "/events/7%C0%AF.ics"])
def test_a_page_path_that_is_not_utf8_is_refused_saying_so(client, path):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 400, (path, answer.status_code)
    assert "is geen geldige UTF-8: de geëscapete byte %" in unescape(answer.text)
    assert "\ufffd" not in answer.text


def test_an_api_path_that_is_not_utf8_is_refused_saying_so(served_app):
    organiser = factories.account(Role.organiser)
    answer = raw_request(served_app.url, "GET", "/api/export/%C0%AF", organiser.headers)
    assert answer.status == 400, answer.body
    problem = json.loads(answer.body)
    assert problem["errors"] == [
        {
            "field": "path",
            "message": "is not valid UTF-8: the escaped byte %C0 is not part of a UTF-8 character",
        }
    ], problem
    assert "\ufffd" not in answer.body.decode()


def test_a_real_replacement_character_in_a_path_is_still_just_not_found(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert client.get("/events/%EF%BF%BD", headers=HTML).status_code == 404
