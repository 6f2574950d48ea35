"""A project in the demo network: three organisations build a shared audit checklist, led
by the first demo member, with meeting notes and milestones (one reached, two to come)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from assembly.demo_data import DemoNetwork
from kring.choices import Role
from projects.choices import ParticipantRole, ProjectState
from projects.tables import Milestone, Project, ProjectNote, ProjectParticipant

NOTES = (
    (
        "Startvergadering",
        "Doel afgesproken: één checklist voor interne audits die elk van ons kan gebruiken.\n"
        "Elke organisatie brengt haar huidige lijst mee naar de volgende vergadering.",
    ),
    (
        "Tweede overleg",
        "De drie lijsten naast elkaar gelegd: 80 % overlapt. Verschillen zitten in "
        "leveranciersbeoordeling en documentbeheer. Proefaudit gepland.",
    ),
)


async def load_projects(network: DemoNetwork, member_ids: list[int]) -> None:
    today = date.today()
    now = datetime.now(UTC).replace(microsecond=0)
    lead = next(
        demo.member
        for demo in network.accounts
        if demo.role == Role.member and demo.member is not None
    )
    lead_organisation = network.members[lead].organisation
    others: list[int] = []
    seen = {lead_organisation}
    for index, member in enumerate(network.members):
        if member.organisation not in seen and not member.opt_out_listing:
            others.append(index)
            seen.add(member.organisation)
        if len(others) == 3:
            break
    project = Project(
        title="Gedeelde checklist voor interne audits",
        goal="Eén checklist voor interne ISO 9001-audits, getest in drie organisaties en "
        "daarna gedeeld met het hele netwerk.",
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=120),
        state=ProjectState.running,
        created_at=now - timedelta(days=60),
    )
    await project.save()
    await ProjectParticipant.insert(
        ProjectParticipant(
            project=project.id,
            member=member_ids[lead],
            role=ParticipantRole.lead,
            added_at=now - timedelta(days=60),
        ),
        *[
            ProjectParticipant(
                project=project.id,
                member=member_ids[index],
                role=ParticipantRole.member,
                added_at=now - timedelta(days=58),
            )
            for index in others
        ],
    )
    for n, (title, text) in enumerate(NOTES):
        await ProjectNote.insert(
            ProjectNote(
                project=project.id,
                title=title,
                held_on=today - timedelta(days=55 - 28 * n),
                text=text,
                author=member_ids[lead],
                created_at=now - timedelta(days=55 - 28 * n),
            )
        )
    await Milestone.insert(
        Milestone(
            project=project.id,
            title="Lijsten verzameld",
            due_on=today - timedelta(days=30),
            done=True,
        ),
        Milestone(
            project=project.id,
            title="Proefaudit in elke organisatie",
            due_on=today + timedelta(days=21),
        ),
        Milestone(
            project=project.id,
            title="Checklist gedeeld met het netwerk",
            due_on=today + timedelta(days=110),
        ),
    )
