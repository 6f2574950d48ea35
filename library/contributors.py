"""Whether an item may name its contributor to the people reading it.

A contributor is named only when they may be both shared and listed: not erased, no opt-out of
sharing or of listings, processing not restricted. Otherwise the item shows no name at all (the
item itself stays: it is the network's knowledge).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kring.tables import Member
from privacy.listing import member_may_be_listed, unlisted_by_restriction


@dataclass(frozen=True, slots=True)
class Contributor:
    first_name: str
    last_name: str


async def nameable_contributors(member_ids: Iterable[int | None]) -> dict[int, Contributor]:
    """The names the library may show for these contributors."""
    wanted = sorted({m for m in member_ids if m is not None})
    if not wanted:
        return {}
    rows = await Member.select(
        Member.id,
        Member.first_name,
        Member.last_name,
        Member.status,
        Member.opt_out_listing,
        Member.opt_out_sharing,
    ).where(Member.id.is_in(wanted))
    restricted = await unlisted_by_restriction(wanted)
    return {
        row["id"]: Contributor(row["first_name"], row["last_name"])
        for row in rows
        if member_may_be_listed(row["status"], row["opt_out_listing"])
        and not row["opt_out_sharing"]
        and row["id"] not in restricted
    }
