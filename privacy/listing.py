"""Whether a member may appear on a list other people see, and with what: one rule for every
app that lists people (an event's participant list, a project's participants).

A member is never listed when they were erased, opted out of listings, or their processing is
restricted (GDPR art. 18, `privacy.restriction`); a listed member's job title and organisation
are left blank when they chose to hide them on lists. The name always shows. What is particular
to one list (an event's own "hide me", an opt-in event) stays with that list.
"""

from __future__ import annotations

from collections.abc import Iterable

from kring.choices import MemberStatus
from privacy.restriction import restricted_ids


def member_may_be_listed(status: str, opt_out_listing: bool) -> bool:
    """The member's own side of the rule; `unlisted_by_restriction` adds the restriction."""
    return status != MemberStatus.erased and not opt_out_listing


def listed_details(
    job_title: str, company: str, *, hide_job_title: bool, hide_company: bool
) -> tuple[str, str]:
    """The job title and organisation a list shows of a listed member."""
    return ("" if hide_job_title else job_title or "", "" if hide_company else company or "")


async def unlisted_by_restriction(member_ids: Iterable[int | None]) -> set[int]:
    """Which of these members a list leaves out because their processing is restricted."""
    return await restricted_ids(member_ids)
