"""The 10-second repeat rule of a new project (a double click makes one project) matched any
project with the same fields, whoever made it: two organisers who each created "Samen inkopen"
with the same dates within 10 seconds got one project, the second organiser's id being the
first's. The rule now holds for one creator only. Over HTTP and at once, against the real
app and database."""

from __future__ import annotations

import asyncio

from kring.choices import Role
from projects.management import create_project
from projects.tables import Project
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal

DRAFT = {
    "title": "Samen inkopen",
    "goal": "",
    "starts_on": "2026-03-01",
    "ends_on": "2026-09-30",
    "state": "planned",
}


def _create(client, **fields: str) -> str:
    answer = client.post(
        "/projects/new",
        data={"_csrf_token": factories.csrf_token(client), **fields},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_two_organisers_creating_the_same_project_at_once_get_two_projects(client):
    first, second = factories.account(Role.organiser), factories.account(Role.organiser)
    factories.log_in(client, first.email)
    mine = _create(client, **DRAFT)
    client.cookies.clear()
    factories.log_in(client, second.email)
    theirs = _create(client, **DRAFT)
    assert mine != theirs
    assert run(Project.count().where(Project.title == "Samen inkopen")) == 2
    assert _create(client, **DRAFT) == theirs  # the second organiser's double click: still one

    again = DRAFT | {"title": "Samen aanbesteden"}

    async def at_once() -> list[int]:
        made = [create_project(principal(who), again) for who in (first, second, first, second)]
        return await asyncio.gather(*made)

    ids = run(at_once())
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[0] != ids[1]
    assert run(Project.count().where(Project.title == "Samen aanbesteden")) == 2


def test_two_organisers_through_the_api_get_two_projects(client):
    first, second = factories.account(Role.organiser), factories.account(Role.organiser)
    body = DRAFT | {"title": "Gedeelde opleiding"}
    del body["goal"]
    ids = []
    for who in (first, second):
        answer = client.post("/api/projects", json=body, headers=who.headers)
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    assert ids[0] != ids[1]
