"""Finding members to invite to a project, with the network's member search (`kring.search`).

Organisers find every member who is not erased; a project lead finds the members any member
finds in the directory: active, sharing their name, not restricted. Restricted members are
never offered (they cannot be added), nor are those already taking part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.choices import MemberStatus
from kring.search import members_with_every_word, search_words
from kring.tables import Member
from privacy.restriction import restricted_members
from projects.access import Access
from projects.tables import ProjectParticipant

LIMIT = 20


@dataclass(frozen=True, slots=True)
class Candidate:
    member_id: int
    first_name: str
    last_name: str
    job_title: str
    company: str


async def find_candidates(access: Access, query: str) -> tuple[list[Candidate], bool]:
    """The first `LIMIT` members the viewer may invite whose name or organisation holds every
    word, and whether more matched: the page then asks for more of the name."""
    words = members_with_every_word(search_words(query))
    if words is None:
        return [], False
    found = await invitable(access, words, LIMIT + 1)
    return found[:LIMIT], len(found) > LIMIT


async def invitable(access: Access, words: Any = None, limit: int = LIMIT) -> list[Candidate]:
    """The members the viewer may invite (matching `words`, a search clause, when given)."""
    taking_part = ProjectParticipant.select(ProjectParticipant.member).where(
        ProjectParticipant.project == access.project_id
    )
    found = (
        Member.select(
            Member.id,
            Member.first_name,
            Member.last_name,
            Member.job_title,
            Member.organisation.name.as_alias("company"),
        )
        .where(Member.status != MemberStatus.erased)
        .where(Member.id.not_in(restricted_members()))  # GDPR art. 18
        .where(Member.id.not_in(taking_part))
    )
    if words is not None:
        found = found.where(words)
    if not access.organiser:
        found = found.where(
            (Member.status == MemberStatus.active) & Member.opt_out_sharing.eq(False)
        )
    rows = await found.order_by(Member.last_name).order_by(Member.first_name).limit(limit)
    return [
        Candidate(r["id"], r["first_name"], r["last_name"], r["job_title"], r["company"] or "")
        for r in rows
    ]
