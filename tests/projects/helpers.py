"""Projects for tests, made through the domain functions the app uses."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from kring.choices import Role
from projects.management import appoint_lead, create_project, invite
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.factories import Login

_made = count(1)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def project(organiser: Login, **fields: Any) -> int:
    """A new project each call: the same project again within seconds is one project (a
    repeated submit, `projects.management.REPEAT_WINDOW`), so each goal is numbered."""
    data = {
        "title": "Interne audits samen opzetten",
        "goal": f"Een gedeelde checklist voor ISO 9001-audits ({next(_made)})",
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "state": "running",
    } | fields
    return run(create_project(principal(organiser), data))


def join(organiser: Login, project_id: int, *members: Login, lead: Login | None = None) -> None:
    for login in (*members, *([lead] if lead else [])):
        assert login.member_id is not None
        run(invite(principal(organiser), project_id, login.member_id))
    if lead is not None:
        assert lead.member_id is not None
        run(appoint_lead(principal(organiser), project_id, lead.member_id))


def team() -> tuple[Login, int, Login, Login]:
    """An organiser, their running project, its lead and one more participant."""
    organiser = factories.account(Role.organiser)
    project_id = project(organiser)
    lead = factories.account(Role.member)
    participant = factories.account(Role.member)
    join(organiser, project_id, participant, lead=lead)
    return organiser, project_id, lead, participant


def workspace_values(organiser: Login, member: Login) -> dict[str, list[str]]:
    """For the navigation crawl (tests/web/test_navigation.py): a project the member leads,
    with a document, a note and a milestone, and the path values that reach them."""
    from kring.uploads import check_upload
    from projects.access import project_access
    from projects.workspace import add_document, add_milestone, add_note

    project_id = project(organiser)
    join(organiser, project_id, lead=member)
    access = run(project_access(principal(member), project_id))
    document = run(add_document(access, principal(member), check_upload("plan.pdf", PDF)))
    run(
        add_note(
            access, principal(member), {"title": "Start", "held_on": "2026-01-10", "text": "Taken"}
        )
    )
    run(add_milestone(access, {"title": "Checklist", "due_on": "2026-03-01"}))
    return {"project_id": [str(project_id)], "document_id": [str(document)]}
