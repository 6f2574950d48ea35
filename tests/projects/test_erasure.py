"""Erasing a participant removes their participation, the documents they uploaded and the
notes they wrote (as declared in projects/tables.py); the project and the others' work stay."""

from __future__ import annotations

from kring.declarations import REGISTER, Erase
from kring.uploads import check_upload
from privacy.access import access_export
from privacy.erasure import erase_member
from projects.access import project_access
from projects.tables import ProjectDocument, ProjectNote, ProjectParticipant
from projects.workspace import add_document, add_note
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import PDF, team


def test_erasure_removes_the_participation_and_what_the_person_wrote_or_uploaded():
    _, p, lead, participant = team()
    access = run(project_access(principal(participant), p))
    document = run(add_document(access, principal(participant), check_upload("plan.pdf", PDF)))
    note = run(
        add_note(
            access,
            principal(participant),
            {"title": "Overleg", "held_on": "2026-02-01", "text": "Afspraken"},
        )
    )

    lead_access = run(project_access(principal(lead), p))
    lead_document = run(add_document(lead_access, principal(lead), check_upload("b.pdf", PDF)))
    export = run(access_export(participant.member_id))["tables"]
    assert [row["project"] for row in export["project_participant"]["rows"]] == [p]
    assert [row["id"] for row in export["project_document"]["rows"]] == [document]
    assert [row["id"] for row in export["project_note"]["rows"]] == [note]

    run(erase_member(participant.member_id))
    assert not run(
        ProjectParticipant.exists().where(ProjectParticipant.member == participant.member_id)
    )
    assert run(ProjectParticipant.exists().where(ProjectParticipant.member == lead.member_id))
    assert not run(ProjectDocument.exists().where(ProjectDocument.id == document))
    assert not run(ProjectNote.exists().where(ProjectNote.id == note))
    assert run(ProjectDocument.exists().where(ProjectDocument.id == lead_document))


def test_the_declarations_say_so():
    assert REGISTER.personal["project_participant"].columns["member"] == Erase.delete_row
    assert REGISTER.personal["project_document"].columns["content"] == Erase.delete_row
    assert REGISTER.personal["project_note"].columns["text"] == Erase.delete_row
    assert {"project", "milestone"} <= set(REGISTER.not_personal)


def test_merging_two_records_of_a_lead_keeps_the_project_led():
    from members.importing.merge import merge_members
    from projects.tables import ProjectParticipant
    from tests import factories
    from tests.projects.helpers import join

    organiser, p, lead, participant = team()
    double = factories.account()
    join(organiser, p, double)
    run(merge_members(None, double.member_id, lead.member_id, {}))
    rows = run(
        ProjectParticipant.select(ProjectParticipant.member, ProjectParticipant.role).where(
            ProjectParticipant.project == p
        )
    )
    assert {(r["member"], r["role"]) for r in rows} == {
        (double.member_id, "lead"),
        (participant.member_id, "member"),
    }


def test_the_organisers_page_says_when_a_project_has_no_lead(client):
    """Found from outside: after the lead was erased the page said nothing of it."""
    from tests import factories

    organiser, p, lead, _participant = team()
    factories.log_in(client, organiser.email)
    assert 'id="no-lead"' not in client.get(f"/projects/{p}").text
    run(erase_member(lead.member_id))
    page = client.get(f"/projects/{p}").text
    assert 'id="no-lead"' in page and "Maak projectleider" in page
