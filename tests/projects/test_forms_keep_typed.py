"""The project forms come back with what was typed when a text holds a control character:
the organisers' project form, the meeting notes, a milestone; 400 with the message at the
field, nothing stored."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from projects.tables import Project, ProjectNote
from tests import factories
from tests.conftest import run
from tests.projects.helpers import team

_post = factories.post_page_form


def test_a_new_project_with_a_control_character_keeps_the_form(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/projects/new",
        title="Audits\x07 samen",
        goal="Een gedeelde checklist voor ISO 9001",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        state="planned",
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Een gedeelde checklist voor ISO 9001</textarea>" in text
    assert 'value="31-12-2026"' in text and "U+0007" in text
    assert 'id="field-title" name="title" required aria-invalid="true"' in text
    assert run(Project.count()) == 0


def test_meeting_notes_and_a_milestone_keep_what_was_typed(client):
    _, project_id, lead, _ = team()
    factories.log_in(client, lead.email)
    answer = _post(
        client,
        f"/projects/{project_id}/notes/new",
        title="Kick-off",
        held_on="2026-02-03",
        text="Lange notities\x00 van de vergadering",
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="Kick-off"' in text and "U+0000" in text
    assert "Lange notities\ufffd van de vergadering</textarea>" in text
    assert run(ProjectNote.count()) == 0
    answer = _post(
        client, f"/projects/{project_id}/milestones", title="Checklist\x1b af", due_on="2026-05-01"
    )
    assert answer.status_code == 400
    assert 'value="01-05-2026"' in answer.text and "U+001B" in answer.text
