"""A form sent twice (a double click, a resent form, three identical calls at once) makes one
project, one milestone and one document, as it makes one meeting note (test_pages.py).
Found from outside: three identical POSTs at once made three of each."""

from __future__ import annotations

import asyncio
from typing import Any

from kring.choices import Role
from kring.uploads import check_upload
from projects.access import project_access
from projects.management import create_project
from projects.tables import Milestone, Project, ProjectDocument
from projects.workspace import add_document, add_milestone, add_note
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import PDF, team


def _send(client, path: str, **fields: str) -> int:
    answer = client.post(
        path,
        data={"_csrf_token": factories.csrf_token(client), **fields},
        follow_redirects=False,
    )
    return answer.status_code


def test_a_repeated_new_project_submit_makes_one_project(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    draft = {
        "title": "Samen inkopen",
        "goal": "",
        "starts_on": "2026-03-01",
        "ends_on": "2026-09-30",
        "state": "planned",
    }
    assert [_send(client, "/projects/new", **draft) for _ in range(3)] == [303, 303, 303]
    assert run(Project.count().where(Project.title == "Samen inkopen")) == 1

    viewer = principal(organiser)
    again = draft | {"title": "Samen aanbesteden"}

    async def at_once() -> list[int]:
        return await asyncio.gather(*(create_project(viewer, again) for _ in range(3)))

    assert len(set(run(at_once()))) == 1
    other = draft | {"ends_on": "2026-10-31"}
    assert _send(client, "/projects/new", **other) == 303
    assert run(Project.count().where(Project.title == "Samen inkopen")) == 2


def test_a_repeated_milestone_submit_adds_one_milestone(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    milestone = {"title": "Proefaudit", "due_on": "2026-05-01"}
    path = f"/projects/{p}/milestones"
    assert [_send(client, path, **milestone) for _ in range(3)] == [303, 303, 303]
    assert run(Milestone.count().where(Milestone.project == p)) == 1

    viewer = principal(participant)
    again = milestone | {"title": "Eindrapport"}

    async def at_once() -> list[int]:
        access = await project_access(viewer, p)
        return await asyncio.gather(*(add_milestone(access, again) for _ in range(3)))

    assert len(set(run(at_once()))) == 1
    assert _send(client, path, **(milestone | {"due_on": "2026-06-01"})) == 303
    assert run(Milestone.count().where(Milestone.project == p)) == 3


def test_a_repeated_upload_stores_the_document_once(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    path = f"/projects/{p}/documents"
    for _ in range(3):
        answer = client.post(
            path,
            data={"_csrf_token": factories.csrf_token(client)},
            files={"file": ("plan.pdf", PDF, "application/pdf")},
            follow_redirects=False,
        )
        assert answer.status_code == 303
    assert run(ProjectDocument.count().where(ProjectDocument.project == p)) == 1

    viewer = principal(participant)
    checked = check_upload("verslag.pdf", PDF)

    async def at_once() -> list[int]:
        access = await project_access(viewer, p)
        return await asyncio.gather(*(add_document(access, viewer, checked) for _ in range(3)))

    assert len(set(run(at_once()))) == 1
    assert run(ProjectDocument.count().where(ProjectDocument.project == p)) == 2


def _twice(client, path: str, **fields: str) -> list[Any]:
    """The same form sent twice, as a double click does; the browser shows the second answer."""
    answers = []
    for _ in range(2):
        answers.append(
            client.post(
                path,
                data={"_csrf_token": factories.csrf_token(client), **fields},
                headers={"accept": "text/html"},
                follow_redirects=True,
            )
        )
    return answers


def test_a_double_click_on_a_project_action_shows_what_was_done_not_an_error(client):
    """Found from outside: the second click of removing, inviting or deleting found the work
    done and answered 'Niet gevonden' or 'Niet mogelijk' on a bare error page, as if the first
    had failed. It now shows the project with what was done. (Leaving twice stays a 404: who
    left is an outsider, and outsiders get 404 on every route, test_access.py.)"""
    organiser, p, lead, _participant = team()
    viewer = principal(lead)
    access = run(project_access(viewer, p))
    milestone = run(add_milestone(access, {"title": "Weg", "due_on": "2026-04-01"}))
    note = run(add_note(access, viewer, {"title": "Weg", "held_on": "2026-04-01", "text": "x"}))
    document = run(add_document(access, viewer, check_upload("weg.pdf", PDF)))
    newcomer = factories.account(Role.member)
    factories.log_in(client, lead.email)
    for path, fields, said in [
        (f"/projects/{p}/participants", {"member": str(newcomer.member_id)}, "neemt al deel"),
        (f"/projects/{p}/milestones/{milestone}/delete", {}, "De mijlpaal is verwijderd"),
        (f"/projects/{p}/notes/{note}/delete", {}, "Het vergaderverslag is verwijderd"),
        (f"/projects/{p}/documents/{document}/delete", {}, "Het document is verwijderd"),
    ]:
        first, second = _twice(client, path, **fields)
        assert first.status_code == 200, path
        assert second.status_code == 200 and 'id="flash"' in second.text, path
        assert said in second.text and "<h1>Interne audits samen opzetten</h1>" in second.text

    factories.log_in(client, organiser.email)
    first, second = _twice(client, f"/projects/{p}/participants/{newcomer.member_id}/remove")
    assert second.status_code == 200 and "is uit het project verwijderd" in second.text
    assert second.url.path == f"/projects/{p}"


def test_a_refused_action_on_a_project_leads_back_to_it(client):
    """Found from outside: a refused button on a project (here deleting a note only its author,
    the lead and organisers may delete) answered an error page whose one link went to the start
    page. Like the 413 page, an error answered to a form now also leads back to the page the
    form was on (its Referer, when it is this site's); a page opened by its address does not."""
    _organiser, p, lead, participant = team()
    viewer = principal(lead)
    access = run(project_access(viewer, p))
    note = run(
        add_note(access, viewer, {"title": "Van de leider", "held_on": "2026-04-01", "text": "x"})
    )
    factories.log_in(client, participant.email)
    refused = client.post(
        f"/projects/{p}/notes/{note}/delete",
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html", "referer": f"http://testserver.local/projects/{p}"},
    )
    assert refused.status_code == 403
    assert 'id="error-back">' in refused.text and f'href="/projects/{p}"' in refused.text
    elsewhere = client.post(
        f"/projects/{p}/notes/{note}/delete",
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html", "referer": "https://elders.example/projects/1"},
    )
    assert elsewhere.status_code == 403 and 'id="error-back"' not in elsewhere.text
    opened = client.get(
        "/projects/999999",
        headers={"accept": "text/html", "referer": f"http://testserver.local/projects/{p}"},
    )
    assert opened.status_code == 404 and 'id="error-back"' not in opened.text
