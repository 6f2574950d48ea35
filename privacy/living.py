"""Rights and logins are for members who still exist: an erased member's row keeps only what
erasure leaves (README, Privacy), so nothing new may be recorded about them."""

from __future__ import annotations

from kring.choices import MemberStatus
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.tables import Member


async def require_living_member(member_id: int, field: str = "member_id") -> None:
    """NotFound for an unknown member, Conflict for an erased one: a request, an opt-out, a
    restriction or a login recorded for them would bring personal data back."""
    row = await Member.select(Member.status).where(Member.id == member_id).first()
    if row is None:
        raise NotFound(N_("member %(member_id)s not found"), field=field, member_id=member_id)
    if row["status"] == MemberStatus.erased:
        raise erased(member_id, field)


def erased(member_id: int, field: str = "member_id") -> Conflict:
    """The refusal for an erased member, for code that read the member's status itself."""
    return Conflict(
        N_("member %(member_id)s was erased: nothing more is recorded about them"),
        field=field,
        member_id=member_id,
    )
