"""A JSON body holds JSON's own types: a boolean is true or false and a number is a number.
Litestar converts bodies with msgspec's lax rules, meant for query strings, which read 0, 1 and
"0" as booleans and "5" as 5 (`kring.web.inputs.refuse_coerced_json`)."""

from __future__ import annotations

import pytest

from events.tables import Registration
from kring.choices import Role
from projects.access import project_access
from projects.workspace import add_milestone
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import item
from tests.projects.helpers import team

NOT_BOOLEANS = [0, 1, "0", "1", "true", 2, "yes", 1.0, None]


def _refused(answer, field: str) -> None:
    assert answer.status_code == 400, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [field], answer.text


@pytest.mark.parametrize("value", NOT_BOOLEANS)
def test_a_milestone_is_done_only_with_a_json_boolean(client, value):
    _organiser, p, lead, _ = team()
    access = run(project_access(principal(lead), p))
    milestone = run(add_milestone(access, {"title": "Checklist", "due_on": "2026-03-01"}))
    url = f"/api/projects/{p}/milestones/{milestone}"
    _refused(client.patch(url, json={"done": value}, headers=lead.headers), "done")
    assert client.patch(url, json={"done": True}, headers=lead.headers).json()["done"] is True


@pytest.mark.parametrize("value", NOT_BOOLEANS)
def test_a_library_item_is_retired_only_with_a_json_boolean(client, value):
    organiser = factories.account(Role.organiser)
    url = f"/api/library/{item(organiser)}/retired"
    _refused(client.patch(url, json={"retired": value}, headers=organiser.headers), "retired")
    answer = client.patch(url, json={"retired": True}, headers=organiser.headers)
    assert answer.json()["retired"] is True


@pytest.mark.parametrize("value", [0, 1, "0", "1"])
def test_attendance_is_recorded_only_with_a_json_boolean(client, value):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    new_event = {
        "title": "Netwerkavond",
        "starts_at": "2030-05-01T18:00:00",
        "ends_at": "2030-05-01T21:00:00",
        "capacity": 10,
    }
    event_id = client.post("/api/events", json=new_event, headers=organiser.headers).json()["id"]
    client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    reg_id = run(Registration.select(Registration.id).first())["id"]
    url = f"/api/events/{event_id}/registrations/{reg_id}/attendance"
    _refused(client.post(url, json={"attended": value}, headers=organiser.headers), "attended")


def test_a_number_sent_as_text_is_refused(client):
    organiser, p, _lead, _ = team()
    newcomer = factories.account(Role.member, member_id=factories.member(factories.organisation()))
    url = f"/api/projects/{p}/participants"
    answer = client.post(url, json={"member": str(newcomer.member_id)}, headers=organiser.headers)
    _refused(answer, "member")
    assert "member: must be a whole number, not text" in answer.json()["detail"]
    answer = client.post(url, json={"member": newcomer.member_id}, headers=organiser.headers)
    assert answer.status_code == 204, answer.text


def test_a_nested_field_is_named_by_its_path(client):
    organiser = factories.account(Role.organiser)
    body = {"title": "Audits", "tags": ["iso", 9001]}
    answer = client.post("/api/challenges", json=body, headers=organiser.headers)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "tags[1]"


def test_query_parameters_are_still_read_from_text(client):
    viewer = factories.account(Role.member)
    query = {"past": "true", "limit": "5"}
    answer = client.get("/api/events", params=query, headers=viewer.headers)
    assert answer.status_code == 200, answer.text
