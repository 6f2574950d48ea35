"""Explicit, timestamped, withdrawable consents. Without one, private contact fields are unused."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from enum import StrEnum

from kring.clock import utc_now
from kring.database import write_transaction
from kring.messages import N_
from kring.tables import Member
from kring.validation import FieldError
from privacy.tables import Consent


class Purpose(StrEnum):
    private_contact = "private_contact"  # use my private e-mail and address
    adult = "adult"  # I confirm I am an adult (no birth date is ever asked)
    interest_signals = "interest_signals"  # record which mailing articles I follow


WITHDRAWAL_EFFECTS: dict[Purpose, list[Callable[[int], Awaitable[None]]]] = {}
"""What an app removes when a member withdraws a consent its data rests on (mailings: the
recorded clicks); called inside the withdrawal's transaction with the member id."""


def on_withdrawal(purpose: Purpose, effect: Callable[[int], Awaitable[None]]) -> None:
    """Declared by the module that holds the data (imported by its app's `piccolo_app.py`)."""
    effects = WITHDRAWAL_EFFECTS.setdefault(purpose, [])
    if effect not in effects:
        effects.append(effect)


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
    """Withdrawal also removes what it covered: the private fields, the recorded interest
    signals (`WITHDRAWAL_EFFECTS`); they may no longer be used."""
    if purpose == Purpose.adult:
        raise FieldError("purpose", N_("confirming adulthood is a fact, not a consent to withdraw"))
    async with write_transaction():
        await Consent.update({Consent.withdrawn_at: utc_now()}).where(
            (Consent.member == member_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if purpose == Purpose.private_contact:
            await Member.update({Member.private_email: None, Member.private_address: None}).where(
                Member.id == member_id
            )
        for effect in WITHDRAWAL_EFFECTS.get(purpose, ()):
            await effect(member_id)


async def confirm_adult(member_id: int, channel: str) -> None:
    """Registration and account creation require this once; it is timestamped like a consent."""
    await give_consent(member_id, Purpose.adult, channel)


async def adult_confirmed_at(member_id: int) -> datetime | None:
    row = (
        await Consent.select(Consent.given_at)
        .where((Consent.member == member_id) & (Consent.purpose == Purpose.adult))
        .first()
    )
    return row["given_at"] if row else None


async def consent_history(member_id: int) -> list[dict]:
    return await Consent.select().where(Consent.member == member_id).order_by(Consent.given_at)
