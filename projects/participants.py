"""Who appears on a project's participant list, and how authors are named in its workspace.

The list follows the network's one listing rule (`privacy.listing`), as an event's does: a
member who asked not to be listed, is restricted or was erased is left out; hidden job titles
and organisations stay blank. The same rule names the author of a document or a note: an
author who may not be listed shows as "a participant". Organisers also get the full list of
everyone taking part, to manage it (never shared further).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kring.choices import MemberStatus
from kring.tables import Member
from privacy.listing import listed_details, member_may_be_listed, unlisted_by_restriction
from projects.tables import ProjectParticipant


@dataclass(frozen=True, slots=True)
class Participant:
    last_name: str
    first_name: str
    job_title: str
    company: str
    role: str
    member_id: int


@dataclass(frozen=True, slots=True)
class ManagedParticipant:
    """One line of the organisers' list: everyone, with why they are not on the shared list."""

    last_name: str
    first_name: str
    company: str
    role: str
    member_id: int
    unlisted: bool


@dataclass(frozen=True, slots=True)
class Author:
    first_name: str
    last_name: str


_P = ProjectParticipant.member
_COLUMNS = (
    ProjectParticipant.member,
    ProjectParticipant.role,
    _P.first_name.as_alias("first_name"),
    _P.last_name.as_alias("last_name"),
    _P.job_title.as_alias("job_title"),
    _P.status.as_alias("status"),
    _P.opt_out_listing.as_alias("opt_out_listing"),
    _P.hide_job_title_on_lists.as_alias("hide_job_title"),
    _P.hide_company_on_lists.as_alias("hide_company"),
    _P.organisation.name.as_alias("company"),
)


def _by_name(person: Any) -> tuple[str, str]:
    return (person.last_name.casefold(), person.first_name.casefold())


async def shareable_participants(project_id: int) -> list[Participant]:
    """The list every participant sees, sorted by name."""
    rows = await ProjectParticipant.select(*_COLUMNS).where(
        ProjectParticipant.project == project_id
    )
    restricted = await unlisted_by_restriction(row["member"] for row in rows)
    people = []
    for row in rows:
        if not member_may_be_listed(row["status"], row["opt_out_listing"]):
            continue
        if row["member"] in restricted:
            continue
        job_title, company = listed_details(
            row["job_title"],
            row["company"],
            hide_job_title=row["hide_job_title"],
            hide_company=row["hide_company"],
        )
        people.append(
            Participant(
                row["last_name"], row["first_name"], job_title, company, row["role"], row["member"]
            )
        )
    people.sort(key=_by_name)
    return people


async def managed_participants(project_id: int) -> list[ManagedParticipant]:
    """Everyone taking part, for the organisers who manage the project; erased people never
    (erasure removes their participation)."""
    rows = await ProjectParticipant.select(*_COLUMNS).where(
        (ProjectParticipant.project == project_id) & (_P.status != MemberStatus.erased)
    )
    listed = {p.member_id for p in await shareable_participants(project_id)}
    people = [
        ManagedParticipant(
            row["last_name"],
            row["first_name"],
            row["company"] or "",
            row["role"],
            row["member"],
            unlisted=row["member"] not in listed,
        )
        for row in rows
    ]
    people.sort(key=_by_name)
    return people


async def member_name(member_id: int) -> str:
    """A member's name for the message after an organiser's or the lead's action on them
    (added, removed, made lead), who chose them by that name; empty once they were erased."""
    row = (
        await Member.select(Member.first_name, Member.last_name, Member.status)
        .where(Member.id == member_id)
        .first()
    )
    if row is None or row["status"] == MemberStatus.erased:
        return ""
    return f"{row['first_name']} {row['last_name']}".strip()


async def authors(member_ids: Iterable[int | None]) -> dict[int, Author]:
    """The names a workspace may show for these authors: those the listing rule allows."""
    wanted = sorted({m for m in member_ids if m is not None})
    if not wanted:
        return {}
    rows = await Member.select(
        Member.id, Member.first_name, Member.last_name, Member.status, Member.opt_out_listing
    ).where(Member.id.is_in(wanted))
    restricted = await unlisted_by_restriction(wanted)
    return {
        row["id"]: Author(row["first_name"], row["last_name"])
        for row in rows
        if member_may_be_listed(row["status"], row["opt_out_listing"])
        and row["id"] not in restricted
    }
