"""Opt-outs take effect at once and keep their history (who, when, through which channel)."""

from __future__ import annotations

from enum import StrEnum

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.database import write_transaction
from kring.tables import Member
from privacy.living import erased
from privacy.tables import OptOutEvent


class OptOut(StrEnum):
    sharing = "sharing"  # do not share my name for matching
    listing = "listing"  # never list me on participant lists
    mailings = "mailings"  # no mailings
    list_job_title = "list_job_title"  # leave my job title off participant lists
    list_company = "list_company"  # leave my organisation off participant lists


class Channel(StrEnum):
    web = "web"
    api = "api"
    email = "email"
    phone = "phone"
    paper = "paper"
    import_ = "import"
    demo = "demo"


FLAG = {
    OptOut.sharing: Member.opt_out_sharing,
    OptOut.listing: Member.opt_out_listing,
    OptOut.mailings: Member.no_mailings,
    OptOut.list_job_title: Member.hide_job_title_on_lists,
    OptOut.list_company: Member.hide_company_on_lists,
}


async def set_opt_out(
    member_id: int, kind: OptOut, active: bool, channel: Channel, recorded_by: int | None
) -> bool:
    """Change one opt-out; returns whether anything changed (repeating a wish is recorded once).
    Refused for an erased member, whoever asks: nothing more is recorded about them."""
    flag = FLAG[kind]
    async with write_transaction():
        current = await Member.select(flag, Member.status).where(Member.id == member_id).first()
        if current is not None and current["status"] == MemberStatus.erased:
            raise erased(member_id)
        if current is None or current[flag._meta.name] == active:
            return False
        await Member.update({flag: active}).where(Member.id == member_id)
        await OptOutEvent.insert(
            OptOutEvent(
                member=member_id,
                kind=kind,
                active=active,
                channel=channel,
                recorded_by=recorded_by,
                recorded_at=utc_now(),
            )
        )
    return True


async def history(member_id: int) -> list[dict]:
    return (
        await OptOutEvent.select()
        .where(OptOutEvent.member == member_id)
        .order_by(OptOutEvent.recorded_at)
    )
