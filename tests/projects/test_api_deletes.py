"""Meeting notes and milestones are deleted through the API as on the pages. Found from
outside: the pages delete both (after a confirmation) but the API had no route for either, so
a note added by mistake through one's own tool could only be removed on the page."""

from __future__ import annotations

from kring.choices import Role
from projects.tables import Milestone, ProjectNote
from tests import factories
from tests.conftest import run
from tests.projects.helpers import team


def test_the_author_the_lead_and_organisers_delete_a_note_through_the_api(client):
    organiser, p, lead, participant = team()
    note = {"title": "Overleg", "held_on": "2026-02-01", "text": "Afspraken"}
    mine = client.post(f"/api/projects/{p}/notes", json=note, headers=participant.headers).json()
    led = client.post(
        f"/api/projects/{p}/notes", json=note | {"text": "Van de leider"}, headers=lead.headers
    ).json()
    path = f"/api/projects/{p}/notes"
    assert client.delete(f"{path}/{led['id']}", headers=participant.headers).status_code == 403
    _, _other, other_lead, _ = team()
    assert client.delete(f"{path}/{led['id']}", headers=other_lead.headers).status_code == 404
    stranger = factories.account(Role.member)
    assert client.delete(f"{path}/{mine['id']}", headers=stranger.headers).status_code == 404
    assert client.delete(f"{path}/{mine['id']}", headers=participant.headers).status_code == 204
    assert client.delete(f"{path}/{mine['id']}", headers=participant.headers).status_code == 404
    assert client.delete(f"{path}/{led['id']}", headers=organiser.headers).status_code == 204
    assert run(ProjectNote.count().where(ProjectNote.project == p)) == 0


def test_the_lead_and_organisers_delete_a_milestone_through_the_api(client):
    organiser, p, lead, participant = team()
    path = f"/api/projects/{p}/milestones"
    made = [
        client.post(path, json={"title": title, "due_on": "2026-03-01"}, headers=lead.headers)
        for title in ("Checklist", "Proefaudit")
    ]
    first, second = (answer.json()["id"] for answer in made)
    assert client.delete(f"{path}/{first}", headers=participant.headers).status_code == 403
    _, _other, other_lead, _ = team()
    assert client.delete(f"{path}/{first}", headers=other_lead.headers).status_code == 404
    assert client.delete(f"{path}/{first}", headers=lead.headers).status_code == 204
    assert client.delete(f"{path}/{second}", headers=organiser.headers).status_code == 204
    assert client.delete(f"{path}/{second}", headers=organiser.headers).status_code == 404
    assert run(Milestone.count().where(Milestone.project == p)) == 0
