"""An id higher than a 32-bit `integer` column holds (2147483647) names no row. On PostgreSQL
it used to reach the query and fail it: a bare 400 "a number in the request is out of range"
that named no field and lost what a form held. Now such an id in a path is not found (404
naming the parameter), and one typed or chosen in a form or sent to the API is a 400 at its
field (`kring.validation.read_id`, `kring.web.path_ids`). Numbers of 19 digits or more are
refused earlier still (`test_long_numbers.py`)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from kring.choices import Role
from kring.tables import Member
from kring.validation import MAX_ID
from tests import factories
from tests.conftest import _app, run
from tests.events.helpers import doors_open, event

HTML = {"accept": "text/html", "accept-language": "nl"}
BEYOND = [MAX_ID + 1, 99_999_999_999, 2**63 - 1, 2**63, 10**18]
_post = factories.post_page_form


def _int_routes() -> list[tuple[str, str]]:
    """(method, path template) of every route with an int parameter in its path."""
    found = []
    for route in _app().routes:
        if ":int}" not in route.path:
            continue
        for method in sorted(getattr(route, "methods", ())):
            if method not in ("HEAD", "OPTIONS"):
                found.append((method, route.path))
    return found


def _filled(template: str, number: int) -> str:
    path = re.sub(r"\{\w+:int\}", str(number), template)
    return re.sub(r"\{\w+(?::\w+)?\}", "x", path)


def test_every_route_answers_an_id_beyond_any_row_with_404(client):
    organiser = factories.account(Role.admin)
    factories.log_in(client, organiser.email)  # pages: a visitor is asked to log in first
    routes = _int_routes()
    assert len(routes) > 100
    for method, template in routes:
        for number in (MAX_ID + 1, 2**63):
            path = _filled(template, number)
            answer = client.request(method, path, headers=organiser.headers)
            assert answer.status_code == 404, (method, path, answer.status_code, answer.text)


@pytest.mark.parametrize("number", BEYOND)
def test_an_id_beyond_any_row_in_a_path_is_not_found_naming_the_parameter(client, number):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.get(f"/api/members/{number}", headers=organiser.headers)
    assert answer.status_code == 404
    assert answer.json()["errors"] == [
        {
            "field": "member_id",
            "message": f"member_id {number} does not exist: no number is higher than {MAX_ID}",
        }
    ]
    page = client.get(f"/members/{number}", headers=HTML)
    assert page.status_code == 404
    assert f"‘Lidnummer’ {number} bestaat niet: geen nummer is hoger dan {MAX_ID}" in page.text
    for path in (f"/events/{number}", f"/events/{number}.ics", f"/library/{number}"):
        assert client.get(path, headers=HTML).status_code == 404, path


def test_the_highest_id_is_still_read_as_an_id(client):
    organiser = factories.account(Role.organiser)
    answer = client.get(f"/api/members/{MAX_ID}", headers=organiser.headers)
    assert answer.json()["detail"] == f"member {MAX_ID} not found"


MEMBER = {
    "first_name": "Hélène",
    "last_name": "Dubois",
    "email": "helene@wz.example",
    "job_title": "Preventieadviseur",
}


@pytest.mark.parametrize("number", [MAX_ID + 1, 99_999_999_999, 10**18])
def test_an_organisation_beyond_any_row_is_refused_at_its_field_keeping_the_form(client, number):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(client, "/members/new", **MEMBER, organisation=str(number))
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    assert 'value="Preventieadviseur"' in text and 'value="Hélène"' in text
    assert 'id="field-organisation" name="organisation" aria-invalid="true"' in text
    # A number, positive, too high for any row: said so (the bound), as every id field says it.
    assert f"{number} is hoger dan 2147483647, het hoogste nummer" in text
    assert "buiten bereik" not in text and "out of range" not in text
    assert run(Member.count().where(Member.email == "helene@wz.example")) == 0


def test_a_member_number_beyond_any_row_at_the_door_is_refused_at_the_code(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    event_id = event(organiser)
    doors_open(event_id, started=False)
    answer = _post(client, f"/events/{event_id}/check-in", code="99999999999")
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    assert 'value="99999999999"' in text
    assert 'id="field-code" name="code" aria-invalid="true"' in text
    assert "99999999999 is hoger dan 2147483647, het hoogste nummer" in text


def test_privacy_desk_member_numbers_beyond_any_row_are_refused_at_the_field(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    answer = _post(
        client,
        "/privacy/desk/rights/restrict",
        member_id="99999999999",
        requested_by="De betrokkene per brief",
        reason="Betwist de juistheid",
    )
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    assert 'value="De betrokkene per brief"' in text
    assert "99999999999 is hoger dan 2147483647" in text
    audit = client.get("/privacy/desk/audit", params={"member": "99999999999"}, headers=HTML)
    assert audit.status_code == 400 and "99999999999 is hoger dan 2147483647" in audit.text
    api = client.get("/api/privacy/audit", params={"actor": "99999999999"}, headers=officer.headers)
    assert api.status_code == 400 and api.json()["errors"][0]["field"] == "actor"
    made = client.post(
        "/api/privacy/access-requests",
        json={"member_id": 99_999_999_999, "identity_checked": True},
        headers=officer.headers,
    )
    assert made.status_code == 400 and made.json()["errors"][0]["field"] == "member_id"


def test_a_merge_of_members_beyond_any_row_is_refused_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    survivor = factories.member(factories.organisation())
    answer = _post(client, "/import/merge", survivor=str(survivor), loser="99999999999")
    assert answer.status_code == 400, answer.text
    assert "99999999999 is hoger dan 2147483647, het hoogste nummer" in unescape(answer.text)


def _unbounded_integers(node: object, where: str, schemas: dict, bound: float) -> list[str]:
    """Where in an OpenAPI schema an integer may exceed MAX_ID (bounds set around a `oneOf`
    with null hold for the integer inside it)."""
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found += _unbounded_integers(item, where, schemas, bound)
    if not isinstance(node, dict):
        return found
    bound = min(bound, node.get("maximum", float("inf")))
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name not in where.split("->"):
            found += _unbounded_integers(schemas[name], f"{where}->{name}", schemas, bound)
        return found
    if node.get("type") == "integer" and bound > MAX_ID:
        found.append(where)
    for key, value in node.items():
        if key == "properties":
            for name, item in value.items():
                found += _unbounded_integers(item, f"{where}.{name}", schemas, float("inf"))
        elif key not in ("examples", "example") and isinstance(value, dict | list):
            found += _unbounded_integers(value, where, schemas, bound)
    return found


def test_every_integer_the_api_reads_fits_a_database_integer():
    """A query parameter or body field read as an integer, unbounded, went to PostgreSQL as
    it came: the privacy requests' `member_id` and the audit filters did."""
    schema = _app().openapi_schema.to_schema()
    schemas = schema["components"]["schemas"]
    unbounded = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                where = f"{method} {path} {parameter['name']}"
                unbounded += _unbounded_integers(parameter["schema"], where, schemas, float("inf"))
            body = operation.get("requestBody")
            if body:
                unbounded += _unbounded_integers(body, f"{method} {path}", schemas, float("inf"))
    assert unbounded == []
