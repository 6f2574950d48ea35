"""Rights and logins are for members who still exist: an erased member's row keeps only what
erasure leaves (README, Privacy), so nothing new may be recorded about them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from kring.choices import MemberStatus
from kring.errors import Conflict, NotFound
from kring.i18n import HOME_ZONE
from kring.messages import N_, Moment
from kring.tables import Member
from privacy.tables import ErasureRequest, Suppression

ERASED_ASKING_ACCESS = N_(
    "member %(member_id)s was erased on %(day)s: an access request is not recorded for them, "
    "as nothing more is; what Kring keeps of them is on the erasure's page, %(outcome)s, to "
    "answer them from"
)
ERASED_ASKING_ACCESS_WITHOUT_REQUEST = N_(
    "member %(member_id)s was erased on %(day)s without an erasure request (by the retention "
    "rules or the command line): an access request is not recorded for them, as nothing more "
    "is; Kring keeps of them only what erasure keeps of anyone: their name, the erasure's "
    "dates and any rows under a legal hold"
)


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


async def require_living_for_access(member_id: int, field: str = "member_id") -> None:
    """As `require_living_member`, but an erased person's refusal says what the officer, who
    must still answer them (art. 12(3)), needs: the day they were erased and the erasure's page
    at the desk, which lists what Kring keeps of them, or that no request erased them."""
    try:
        await require_living_member(member_id, field)
    except Conflict:
        raise await _erased_asking_access(member_id, field) from None


async def _erased_asking_access(member_id: int, field: str) -> Conflict:
    kept = (
        await Suppression.select(Suppression.erased_at)
        .where(Suppression.member == member_id)
        .first()
    )
    if kept is None:  # no record of the erasure to name: the general refusal
        return erased(member_id, field)
    day = Moment(kept["erased_at"].astimezone(ZoneInfo(HOME_ZONE)).date())
    request = (
        await ErasureRequest.select(ErasureRequest.id)
        .where((ErasureRequest.member == member_id) & (ErasureRequest.status == "done"))
        .order_by(ErasureRequest.id, ascending=False)
        .first()
    )
    if request is None:
        return Conflict(
            ERASED_ASKING_ACCESS_WITHOUT_REQUEST, field=field, member_id=member_id, day=day
        )
    page = f"/privacy/desk/erasure/{request['id']}"
    return Conflict(ERASED_ASKING_ACCESS, field=field, member_id=member_id, day=day, outcome=page)
