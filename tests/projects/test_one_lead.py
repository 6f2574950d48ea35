"""One lead per project, also when two organisers appoint two participants at the same time.
Found from outside: on PostgreSQL each transaction demoted the lead it saw and promoted its
own choice, so the project ended with two leads."""

from __future__ import annotations

import asyncio

from kring.choices import Role
from projects.choices import ParticipantRole
from projects.management import appoint_lead
from projects.tables import ProjectParticipant
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import join, team


def test_two_appointments_at_once_leave_one_lead():
    organiser, p, _lead, participant = team()
    others = [factories.account(Role.member) for _ in range(4)]
    join(organiser, p, *others)
    choices = [participant, *others]
    viewer = principal(organiser)

    async def at_once() -> None:
        await asyncio.gather(
            *(appoint_lead(viewer, p, login.member_id) for login in choices for _ in range(2))
        )

    for _ in range(3):
        run(at_once())
        leads = run(
            ProjectParticipant.count().where(
                (ProjectParticipant.project == p)
                & (ProjectParticipant.role == ParticipantRole.lead)
            )
        )
        assert leads == 1
