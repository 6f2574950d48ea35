"""A project form with several wrong fields said only what was wrong with the first: the
organiser corrected it, sent it again, and learnt of the next one (found from outside: an
empty title, an impossible start date and an unknown state gave one message, at the title)."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from projects.tables import Project
from tests import factories
from tests.conftest import run
from tests.projects.helpers import team

_post = factories.post_page_form


def test_every_wrong_field_of_a_project_is_named_at_once_keeping_what_was_typed(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/projects/new",
        title="",
        goal="Een gedeelde checklist",
        starts_on="2026-13-01",
        ends_on="morgen",
        state="zz",
    )
    assert answer.status_code == 400
    for field in ("title", "starts_on", "ends_on", "state"):
        assert factories.field_error(answer.text, field)
    text = unescape(answer.text)
    assert "Een gedeelde checklist</textarea>" in text and 'value="morgen"' in text
    assert run(Project.count()) == 0


def test_control_characters_in_two_fields_are_both_named(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/projects/new",
        title="Audits\x07 samen",
        goal="Een\x00 checklist",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        state="planned",
    )
    assert answer.status_code == 400
    assert "U+0007" in factories.field_error(answer.text, "title")
    assert "U+0000" in factories.field_error(answer.text, "goal")


def test_every_wrong_field_of_a_note_and_a_milestone_is_named_at_once(client):
    _organiser, project_id, lead, _participant = team()
    factories.log_in(client, lead.email)
    note = _post(client, f"/projects/{project_id}/notes/new", title="", held_on="gisteren", text="")
    assert note.status_code == 400
    for field in ("title", "held_on", "text"):
        assert factories.field_error(note.text, field)
    milestone = _post(client, f"/projects/{project_id}/milestones", title="", due_on="2026-02-30")
    assert milestone.status_code == 400
    for field in ("title", "due_on"):
        assert factories.field_error(milestone.text, field)


def test_a_field_sent_twice_comes_back_at_its_field_with_the_rest_kept(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    data = {
        "title": ["Audits", "Audits samen"],
        "goal": "Een gedeelde checklist",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "state": "planned",
        "_csrf_token": factories.csrf_token(client),
    }
    answer = client.post("/projects/new", data=data, headers={"accept": "text/html"})
    assert answer.status_code == 400
    assert "meer dan eens" in factories.field_error(answer.text, "title")
    assert "Een gedeelde checklist</textarea>" in unescape(answer.text)
    assert run(Project.count()) == 0
