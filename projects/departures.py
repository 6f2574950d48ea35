"""When two member records of one person are merged and both take part in a project, the
merge keeps the survivor's participation (the unique index drops the double's); if the double
was the project's lead, the survivor becomes it first, so no project loses its lead. Erasure
needs nothing here: it deletes the participation and nulls the authorship (projects/tables.py).

Declared to the privacy module and imported by `projects/piccolo_app.py`."""

from __future__ import annotations

from kring.declarations import Departure, declare_departure
from projects.choices import ParticipantRole
from projects.tables import ProjectParticipant


async def keep_the_lead(survivor_id: int, loser_id: int) -> None:
    led = await ProjectParticipant.select(ProjectParticipant.project).where(
        (ProjectParticipant.member == loser_id) & (ProjectParticipant.role == ParticipantRole.lead)
    )
    for row in led:
        await ProjectParticipant.update({ProjectParticipant.role: ParticipantRole.lead}).where(
            (ProjectParticipant.project == row["project"])
            & (ProjectParticipant.member == survivor_id)
        )


declare_departure(ProjectParticipant, Departure(merging=keep_the_lead))
