"""Creating and changing projects, and who takes part (organisers; the lead invites too).

An invitation adds the member at once: they see the project in their list, on their home page
and in their calendar feed, and may leave it. No pending state: organisers and leads agree on
a project with the people taking part before adding them, and leaving is one click, so a
second step would only delay the work (see the README).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.errors import Conflict, Forbidden, NotFound
from kring.member_lock import writer_locked
from kring.messages import N_
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.tables import Member
from kring.validation import Checks, FieldError, require_line, require_text
from privacy.restriction import is_restricted
from projects.access import Access, is_organiser, my_role, participation, project_access
from projects.choices import SET_BY_ORGANISERS, ParticipantRole, ProjectState
from projects.dates import parse_day
from projects.locks import project_locked
from projects.participants import shareable_participants
from projects.tables import Project, ProjectParticipant

FIELDS = ("title", "goal", "starts_on", "ends_on", "state")
REPEAT_WINDOW = timedelta(seconds=10)
"""The same project again within this time is a repeated submit, not a new project."""


def clean_project(
    data: Mapping[str, Any], current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Validated values of the fields present in `data`, checked together with `current`.
    Every refused field is reported at once (`Checks`)."""
    clean: dict[str, Any] = {}
    checks = Checks()
    if "title" in data:
        with checks:
            clean["title"] = require_line(str(data["title"] or ""), "title", 200)
    if "goal" in data:
        with checks:
            clean["goal"] = require_text(str(data["goal"] or ""), "goal", 5000, required=False)
    for field in ("starts_on", "ends_on"):
        if field in data:
            with checks:
                clean[field] = parse_day(data[field], field)
    if "state" in data:
        with checks:
            clean["state"] = _state(data["state"])
    merged = {**(current or {}), **clean}
    starts, ends = merged.get("starts_on"), merged.get("ends_on")
    if starts and ends and ends < starts and not checks.refused("ends_on"):
        checks.add(FieldError("ends_on", N_("the end date comes before the start date")))
    checks.done()
    return clean


def _state(raw: Any) -> ProjectState:
    state = str(raw or "")
    if state not in SET_BY_ORGANISERS:
        raise FieldError(
            "state",
            N_("%(value)r is not a state to choose; choose planned, running or ended"),
            value=state[:40],
        )
    return ProjectState(state)


async def create_project(viewer: Principal, data: Mapping[str, Any]) -> int:
    """Creates the project; the same project again by the same organiser within
    `REPEAT_WINDOW` (a double click, a resent form, identical API calls at once) creates nothing
    and answers the first one's id. Another organiser's same project is their own."""
    if not is_organiser(viewer):
        raise Forbidden(N_("only organisers may do this"))
    typed = {field: data.get(field) for field in FIELDS}
    values = clean_project(typed | {"state": typed["state"] or ProjectState.planned})
    state = values.pop("state")
    async with writer_locked(viewer):
        now = utc_now()
        mine = {**values, "state": state, "created_by": viewer.account_id}
        same = await _created_just_now(mine, now - REPEAT_WINDOW)
        if same is not None:
            return same
        rows = await Project.insert(
            Project(
                **values,
                state=state,
                created_by=viewer.account_id,
                ended_at=now if state == ProjectState.ended else None,
                created_at=now,
            )
        ).returning(Project.id)
    return rows[0]["id"]


async def _created_just_now(values: Mapping[str, Any], since: datetime) -> int | None:
    where = Project.created_at >= since
    for name, value in values.items():
        where &= Project._meta.get_column_by_name(name) == value
    row = await Project.select(Project.id).where(where).first()
    return row["id"] if row else None


def seen_project(project: Mapping[str, Any]) -> str:
    """The project as its form shows it, for the form's hidden `_seen` field: a save then
    writes only what its organiser changed (`update_project`, `kring.seen`)."""
    return snapshot({field: project.get(field) for field in FIELDS})


async def update_project(
    viewer: Principal, project_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """Changes the fields present in `data`. Marking a project ended starts its workspace's
    retention period; marking it planned or running again stops it. With `seen` (the form's
    `_seen`), the fields sent back as the form showed them are left as they are now, and the
    rest is checked against them (another organiser may have changed them meanwhile); one
    changed by both is refused (`kring.seen.EditedMeanwhile`)."""
    access = await project_access(viewer, project_id)
    access.require_manage()
    access.require_open()
    given = {k: v for k, v in data.items() if k in FIELDS}
    values = clean_project(given, access.project)
    check_meanwhile(values, seen, access.project)
    same = untouched(values, seen)
    if same:
        given = {k: v for k, v in given.items() if k not in same}
        values = clean_project(given, access.project)
    if not values:
        return
    state = values.get("state")
    if state == ProjectState.ended and access.project["state"] != ProjectState.ended:
        values["ended_at"] = utc_now()
    elif state in (ProjectState.planned, ProjectState.running):
        values["ended_at"] = None
    columns = {Project._meta.get_column_by_name(name): value for name, value in values.items()}
    await Project.update(columns).where(Project.id == project_id)


class AlreadyTakingPart(Conflict):
    """The member takes part already (invited twice, or a double click)."""


class NotTakingPart(NotFound):
    """The member does not take part (removed or left already, or never)."""


class LeadMustHandOver(Conflict):
    """The lead leaves only after handing the lead over: no project loses its lead by a click."""


HAND_OVER_FIRST = N_(
    "you lead this project: hand the lead over to another participant before you leave it"
)
INVITE_FIRST = N_(
    "you lead this project: invite another member and hand the lead over to them before you "
    "leave it"
)


async def _invitable(access: Access, member_id: int) -> None:
    """Organisers may invite any member who is not erased or restricted; the lead, the members
    a member finds in the directory (active, sharing their name, not restricted)."""
    member = (
        await Member.select(Member.status, Member.opt_out_sharing)
        .where(Member.id == member_id)
        .first()
    )
    if member is None or member["status"] == MemberStatus.erased:
        raise NotFound(N_("member %(member_id)s not found"), field="member", member_id=member_id)
    if not access.organiser and (
        member["status"] != MemberStatus.active or member["opt_out_sharing"]
    ):
        raise NotFound(N_("member %(member_id)s not found"), field="member", member_id=member_id)
    if await is_restricted(member_id):
        if access.organiser:
            raise Conflict(
                N_("this member's processing is restricted: they cannot be added now"),
                field="member",
            )
        raise NotFound(N_("member %(member_id)s not found"), field="member", member_id=member_id)


async def invite(viewer: Principal, project_id: int, member_id: int) -> None:
    """Adds the member to the project (organisers and the lead)."""
    access = await project_access(viewer, project_id)
    access.require_invite()
    await _invitable(access, member_id)
    added = (
        await ProjectParticipant.insert(
            ProjectParticipant(
                project=project_id,
                member=member_id,
                role=ParticipantRole.member,
                added_at=utc_now(),
            )
        )
        .on_conflict(action="DO NOTHING")  # the unique index (project, member)
        .returning(ProjectParticipant.id)
    )
    if not added:
        raise AlreadyTakingPart(N_("this member already takes part in the project"), field="member")


async def _participation(project_id: int, member_id: int) -> dict[str, Any]:
    row = (
        await ProjectParticipant.select(ProjectParticipant.id, ProjectParticipant.role)
        .where(participation(project_id, member_id))
        .first()
    )
    if row is None:
        raise NotTakingPart(
            N_("member %(member_id)s does not take part in this project"),
            field="member",
            member_id=member_id,
        )
    return row


async def _successors(project_id: int, lead_id: int) -> list[int]:
    """Whom the lead may hand the lead over to: the others on the project's participant list
    (one who asked not to be listed is no one the lead can see)."""
    listed = await shareable_participants(project_id)
    return [person.member_id for person in listed if person.member_id != lead_id]


async def remove_participant(viewer: Principal, project_id: int, member_id: int) -> None:
    """Organisers remove anyone; a participant removes only themselves (leaving), the lead only
    after handing the lead over (`appoint_lead`): a project left without its lead waited for an
    organiser to notice."""
    access = await project_access(viewer, project_id)
    if not viewer.owns(member_id):
        access.require_manage()
    async with project_locked(project_id):  # a hand-over meanwhile: the one who leads stays
        participation = await _participation(project_id, member_id)
        if viewer.owns(member_id) and participation["role"] == ParticipantRole.lead:
            has_successors = bool(await _successors(project_id, member_id))
            raise LeadMustHandOver(
                HAND_OVER_FIRST if has_successors else INVITE_FIRST, field="member_id"
            )
        await ProjectParticipant.delete().where(ProjectParticipant.id == participation["id"])


async def appoint_lead(viewer: Principal, project_id: int, member_id: int) -> None:
    """One lead per project: the participant becomes it, an earlier lead a participant.
    Organisers appoint anyone taking part; the lead hands the lead over to another participant
    on the project's list (to one who is not on it, as to a member who does not take part)."""
    access = await project_access(viewer, project_id)
    if not (access.organiser or access.lead):
        raise Forbidden(N_("only organisers and the project lead may choose the project lead"))
    access.require_open()
    async with project_locked(project_id):  # two appointments at once: one lead
        if not access.organiser:
            if await my_role(viewer.member_id, project_id) != ParticipantRole.lead:
                raise Forbidden(N_("you no longer lead this project"))  # handed over meanwhile
            if member_id not in await _successors(project_id, viewer.member_id or 0):
                raise NotTakingPart(
                    N_("member %(member_id)s does not take part in this project"),
                    field="member",
                    member_id=member_id,
                )
        participation = await _participation(project_id, member_id)
        await ProjectParticipant.update({ProjectParticipant.role: ParticipantRole.member}).where(
            (ProjectParticipant.project == project_id)
            & (ProjectParticipant.role == ParticipantRole.lead)
        )
        await ProjectParticipant.update({ProjectParticipant.role: ParticipantRole.lead}).where(
            ProjectParticipant.id == participation["id"]
        )
