"""A choice the API does not know is refused naming the choices it knows. Found from outside:
`POST /api/library {"kind": "zz"}` answered msgspec's "Invalid enum value 'zz'", which says
neither what the choices are nor where to find them (the pages name them)."""

from __future__ import annotations

from kring.choices import Role
from tests import factories


def test_a_refused_choice_names_the_choices(client):
    headers = factories.account(Role.organiser).headers
    item = {"title": "t", "summary": "s"}
    refused = client.post("/api/library", json={**item, "kind": "zz"}, headers=headers)
    assert refused.status_code == 400
    [error] = refused.json()["errors"]
    assert error["field"] == "kind"
    assert error["message"] == (
        "'zz' is not one of the choices: article, slides, guide, template, link"
    ), error
    language = client.post("/api/library", json={**item, "language": "xx"}, headers=headers)
    assert "'xx' is not one of the choices: nl, en" in language.json()["detail"]
    project = {"title": "p", "goal": "g", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}
    state = client.post("/api/projects", json={**project, "state": "zz"}, headers=headers)
    assert state.status_code == 400 and "planned, running, ended" in state.json()["detail"]
