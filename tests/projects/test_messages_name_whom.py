"""A project's messages said 'Het lid is toegevoegd.', 'De deelnemer is uit het project
verwijderd.', 'De projectleider is aangeduid.', 'Het project is bewaard.' and 'Je hebt het
project verlaten.', naming neither the person nor the project (an organiser manages several
projects of twenty people). Each now names whom or which: a person by the name the project's
page looks up from the number the message cookie carries (never the name), a project by its
title. Over HTTP against the app, in Dutch."""

from __future__ import annotations

import base64
from html import unescape
from typing import Any

from kring.choices import Role
from projects.tables import Milestone
from tests import factories
from tests.conftest import run
from tests.projects.helpers import PDF, team

HTML = {"accept": "text/html"}


def _flash(page: Any) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


def _act(client: Any, path: str, **fields: str) -> str:
    """The message on the page after the button; a person's name never in the cookie."""
    return _went(client, path, **fields)[0]


def _went(client: Any, path: str, **fields: str) -> tuple[str, str]:
    """The message on the page after the button, and that page's address."""
    fields |= {"_csrf_token": factories.csrf_token(client)}
    answer = client.post(path, data=fields, headers=HTML, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    cookie = answer.cookies["kring_flash"].split(".")
    carried = " ".join(
        base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("latin-1") for part in cookie
    )
    assert "Vandersteen" not in carried
    page = answer.headers["location"]
    return _flash(client.get(page, headers=HTML)), page


def test_the_participants_messages_name_the_person(client):
    organiser, p, _lead, _participant = team()
    person = factories.member(factories.organisation(), first_name="Griet", last_name="Vandersteen")
    factories.log_in(client, organiser.email)
    added = _act(client, f"/projects/{p}/participants", member=str(person))
    assert added == "Griet Vandersteen is toegevoegd aan het project."
    again = _act(client, f"/projects/{p}/participants", member=str(person))
    assert again == "Griet Vandersteen neemt al deel aan het project."
    lead = _act(client, f"/projects/{p}/participants/{person}/lead")
    assert lead == "Griet Vandersteen is nu de projectleider."
    removed = _act(client, f"/projects/{p}/participants/{person}/remove")
    assert removed == "Griet Vandersteen is uit het project verwijderd."


def test_the_projects_messages_name_the_project(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    fields = {"goal": "Samen", "starts_on": "2026-05-01", "ends_on": "2026-09-01"}
    created, project_page = _went(
        client, "/projects/new", title="Audits in de zorg", state="planned", **fields
    )
    assert created == "Het project “Audits in de zorg” is aangemaakt. Nodig nu de deelnemers uit."
    saved = _act(
        client, f"{project_page}/edit", title="Audits in de zorg", state="running", **fields
    )
    assert saved == "Het project “Audits in de zorg” is bewaard."


def test_leaving_names_the_project_left(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    left = _act(client, f"/projects/{p}/leave")
    assert left == "Je hebt het project “Interne audits samen opzetten” verlaten."


def test_the_workspaces_messages_name_the_document_the_notes_and_the_milestone(client):
    """'Het document is toegevoegd.', 'Het vergaderverslag is bewaard.', 'De mijlpaal is
    toegevoegd.' and 'De mijlpaal is gemarkeerd als bereikt.' named none of them; a deletion
    still says what kind of thing went, its name gone with it. A document's, a note's or a
    milestone's name is looked up by the project's page, as a person's."""
    _organiser, p, lead, _participant = team()
    factories.log_in(client, lead.email)
    answer = client.post(
        f"/projects/{p}/documents",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("checklist-audits.pdf", PDF)},
        headers=HTML,
    )
    assert answer.status_code == 200, answer.text
    assert _flash(answer) == "Het document “checklist-audits.pdf” is toegevoegd."
    fields = {"held_on": "2026-02-01", "text": "Afspraken"}
    saved = _act(client, f"/projects/{p}/notes/new", title="Startvergadering", **fields)
    assert saved == "Het vergaderverslag “Startvergadering” is bewaard."
    added = _act(client, f"/projects/{p}/milestones", title="Checklist klaar", due_on="2026-03-01")
    assert added == "De mijlpaal “Checklist klaar” is toegevoegd."
    milestone = run(Milestone.select(Milestone.id).where(Milestone.project == p).first())["id"]
    reached = _act(client, f"/projects/{p}/milestones/{milestone}/done", done="1")
    assert reached == "De mijlpaal “Checklist klaar” is gemarkeerd als bereikt."
    opened = _act(client, f"/projects/{p}/milestones/{milestone}/done", done="0")
    assert opened == "De mijlpaal “Checklist klaar” staat weer open."
