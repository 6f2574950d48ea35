"""An API route that takes no body refuses one instead of acting: `POST /api/events/14/cancel`
with `hello` as text/plain, `{"x":NaN` or the bytes FF FE as JSON cancelled the event (found by
an outside probe). A body of another type than JSON is a 415 naming the Content-Type, a JSON
body that is not the empty object `{}` a 400 naming `body`, before the handler runs; no body, or
`{}`, is taken as none (`kring.web.inputs.refuse_unread_bodies`). Spoken to `kring serve` over
real HTTP; the sweep covers every API route of the route table that has no body parameter."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from events.choices import EventStatus
from events.tables import Event
from kring.choices import Role
from kring.web.areas import AREA_KEY, Area
from tests import factories
from tests.conftest import _app, run
from tests.events.helpers import event
from tests.served import raw_request

JUNK = {
    "text": ("text/plain", b"hello"),
    "broken json": ("application/json", b'{"x":NaN'),
    "no utf-8": ("application/json", b"\xff\xfe"),
    "a json object": ("application/json", b'{"reason": "x"}'),
    "json null": ("application/json", b"null"),
    "a form": ("application/x-www-form-urlencoded", b"a=1"),
    "no type": (None, b"hello"),
}
READ_THEIR_OWN_BODY = {
    ("POST", "/api/import/members"),
    ("POST", "/api/awards/candidacies/{candidacy_id:int}/attachments"),
    ("POST", "/api/projects/{project_id:int}/documents"),
    ("POST", "/api/library/{item_id:int}/file"),
}
"""The import and the uploads read their bodies themselves (multipart or JSON rows)."""


@cache
def bodyless_routes() -> list[tuple[str, str]]:
    """(method, path template) of every API route that changes something and has no body
    parameter, from the app's route table."""
    found = set()
    for route in _app().routes:
        for handler in getattr(route, "route_handlers", ()):
            if handler.opt.get(AREA_KEY) is not Area.api:
                continue
            if "data" in handler.parsed_fn_signature.parameters:
                continue
            for method in handler.http_methods & {"POST", "PUT", "PATCH", "DELETE"}:
                if (method, route.path) not in READ_THEIR_OWN_BODY:
                    found.add((method, route.path))
    return sorted(found)


def _send(url: str, login: factories.Login, method: str, path: str, name: str):
    content_type, body = JUNK[name]
    headers = login.headers | ({"content-type": content_type} if content_type else {})
    return raw_request(url, method, path, headers, body)


def _cancelled(event_id: int) -> bool:
    row = run(Event.select(Event.status).where(Event.id == event_id).first())
    return row["status"] == EventStatus.cancelled


def test_the_sweep_finds_the_routes_the_probe_named():
    routes = bodyless_routes()
    for expected in (
        ("POST", "/api/events/{event_id:int}/cancel"),
        ("POST", "/api/challenges/{challenge_id:int}/proposals/refresh"),
        ("POST", "/api/awards/editions/{edition_id:int}/assignments/all"),
        ("POST", "/api/mailings/{mailing_id:int}/send"),
        ("PATCH", "/api/projects/{project_id:int}/participants/{member_id:int}/lead"),
        ("DELETE", "/api/mailings/{mailing_id:int}"),
    ):
        assert expected in routes
    assert len(routes) > 30


@pytest.mark.parametrize("name", JUNK)
def test_a_junk_body_does_not_cancel_an_event(served_app, name):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    answer = _send(served_app.url, organiser, "POST", f"/api/events/{event_id}/cancel", name)
    problem = json.loads(answer.body)
    content_type = JUNK[name][0]
    if content_type == "application/json":
        assert answer.status == 400, problem
        assert [error["field"] for error in problem["errors"]] == ["body"], problem
    else:
        assert answer.status == 415, problem
        assert [error["field"] for error in problem["errors"]] == ["Content-Type"], problem
    assert "takes no body" in problem["detail"], problem
    assert not _cancelled(event_id)


@pytest.mark.parametrize("body", [None, b"", b"{}", b" { } \n"])
def test_no_body_or_an_empty_object_is_taken_as_none(served_app, body):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    headers = organiser.headers | ({"content-type": "application/json"} if body else {})
    answer = raw_request(served_app.url, "POST", f"/api/events/{event_id}/cancel", headers, body)
    assert answer.status == 200, answer.body
    assert _cancelled(event_id)


@pytest.mark.parametrize("name", ["text", "broken json", "no utf-8", "a json object"])
def test_no_api_route_without_a_body_acts_on_a_junk_body(served_app, name):
    member_id = factories.member(factories.organisation())
    admin = factories.account(Role.admin, member_id)
    wrong = []
    for method, template in bodyless_routes():
        path = re.sub(r"\{[^}]+\}", "1", template)
        answer = _send(served_app.url, admin, method, path, name)
        problem = json.loads(answer.body) if answer.body else {}
        fields = [error.get("field") for error in problem.get("errors", [])]
        as_json = JUNK[name][0] == "application/json"
        expected = (400, ["body"]) if as_json else (415, ["Content-Type"])
        if (answer.status, fields) != expected or "takes no body" not in problem.get("detail", ""):
            wrong.append((method, path, answer.status, problem))
    assert not wrong, wrong
    assert "Traceback" not in served_app.stderr()


def test_page_forms_without_fields_still_work(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        f"/events/{event_id}/cancel-event",
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html"},
        follow_redirects=False,
    )
    assert answer.status_code in (200, 303), answer.text
    assert _cancelled(event_id)


def test_the_api_document_lists_the_415_of_a_route_without_a_body():
    responses = _app().openapi_schema.to_schema()["paths"]["/api/events/{event_id}/cancel"]
    assert "415" in responses["post"]["responses"]
