"""An organiser inviting to an archived project was told "only the project lead and organisers
may invite members", which they are: the refusal now gives the reason that holds, that the
project is archived (found from outside)."""

from __future__ import annotations

from kring.choices import Role
from projects.tables import Project
from tests import factories
from tests.conftest import run
from tests.projects.helpers import team


def test_inviting_to_an_archived_project_says_it_is_archived(client):
    organiser, p, _lead, _participant = team()
    run(Project.update({Project.state: "archived"}).where(Project.id == p))
    newcomer = factories.account(Role.member)
    answer = client.post(
        f"/api/projects/{p}/participants",
        json={"member": newcomer.member_id},
        headers=organiser.headers,
    )
    assert answer.status_code == 403
    assert answer.json()["detail"] == "this project is archived: its workspace was removed"
