"""Two organisers changing one project at once each keep their change. The project form sends
every field it shows, so a save wrote back what it held when it was opened: an organiser who
set a project to running while a colleague had /projects/N/edit open saw it fall back to
planned when the colleague saved a sharper goal, without a word. The form carries the project
as it was shown (`_seen`, `kring.seen`), and a save writes only what was changed; a change is
still checked against the other's (an end before the new start is refused, not stored)."""

from __future__ import annotations

from litestar.testing import TestClient

from kring.choices import Role
from projects.tables import Project
from tests import factories
from tests.at_once import both_change_one_field
from tests.conftest import _app, run
from tests.members.test_profile_edits_at_once import HTML, _fields
from tests.projects.helpers import project


def _opened_by_two(client, other, path: str) -> tuple[dict[str, str], dict[str, str]]:
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    factories.log_in(client, first.email)
    factories.log_in(other, second.email)
    return _fields(client.get(path, headers=HTML).text, path), _fields(
        other.get(path, headers=HTML).text, path
    )


def _held(project_id: int) -> dict:
    return run(
        Project.select(Project.state, Project.goal, Project.ends_on)
        .where(Project.id == project_id)
        .first()
    )


def test_two_organisers_saving_one_project_keep_both_changes(client):
    project_id = project(factories.account(Role.organiser), state="planned")
    path = f"/projects/{project_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        mine, theirs = _opened_by_two(client, other, path)
        saved = other.post(path, data=theirs | {"state": "running"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=mine | {"goal": "Een scherper doel"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
    held = _held(project_id)
    assert (held["state"], held["goal"]) == ("running", "Een scherper doel")


def test_a_new_start_after_the_end_a_colleague_set_meanwhile_is_refused(client):
    project_id = project(factories.account(Role.organiser))
    path = f"/projects/{project_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        mine, theirs = _opened_by_two(client, other, path)
        saved = other.post(path, data=theirs | {"ends_on": "2026-06-30"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        refused = client.post(path, data=mine | {"starts_on": "2026-07-01"}, headers=HTML)
        assert refused.status_code == 400, refused.text[:300]
        assert factories.field_error(refused.text, "ends_on")
        assert 'name="_seen"' in refused.text
    assert str(_held(project_id)["ends_on"]) == "2026-06-30"


def test_a_goal_changed_by_both_organisers_is_refused_with_both_values(client):
    project_id = project(factories.account(Role.organiser))
    path = f"/projects/{project_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "goal",
            ("Een scherper doel", "Een ander doel"),
            lambda: _held(project_id)["goal"],
        )
