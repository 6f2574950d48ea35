"""Explicit, timestamped, withdrawable consents. Without one, private contact fields are unused."""

from __future__ import annotations

from enum import StrEnum

from kring.clock import utc_now
from kring.tables import Member
from privacy.tables import Consent


class Purpose(StrEnum):
    private_contact = "private_contact"  # use my private e-mail and address


async def has_consent(member_id: int, purpose: Purpose) -> bool:
    return await Consent.exists().where(
        (Consent.member == member_id)
        & (Consent.purpose == purpose)
        & Consent.withdrawn_at.is_null()
    )


async def give_consent(member_id: int, purpose: Purpose, channel: str) -> None:
    if not await has_consent(member_id, purpose):
        await Consent.insert(
            Consent(member=member_id, purpose=purpose, given_at=utc_now(), channel=channel)
        )


async def withdraw_consent(member_id: int, purpose: Purpose) -> None:
    """Withdrawal also removes the private fields it covered: they may no longer be used."""
    async with Consent._meta.db.transaction():
        await Consent.update({Consent.withdrawn_at: utc_now()}).where(
            (Consent.member == member_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if purpose == Purpose.private_contact:
            await Member.update({Member.private_email: None, Member.private_address: None}).where(
                Member.id == member_id
            )
