"""The network's contact history with a member: staff record it, staff read it."""

from __future__ import annotations

from datetime import date
from typing import Any

from kring.choices import InteractionKind
from kring.clock import home_today
from kring.errors import NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.tables import Interaction, Member
from kring.validation import Checks, FieldError, require_plausible_year, require_text
from privacy.living import require_living_member


async def add_interaction(
    staff: Principal,
    member_id: int,
    occurred_on: date | None,
    kind: InteractionKind | None,
    note: str,
    checks: Checks | None = None,
) -> int:
    """Records the contact. Every refused field is named at once, with those a form reader
    found already (`checks`; it passes None for a date or kind it refused), and nothing is
    stored."""
    await require_living_member(member_id)  # nothing is recorded about an erased member
    checks = Checks() if checks is None else checks
    if occurred_on is not None:
        with checks:
            if occurred_on > home_today():
                raise FieldError(
                    "occurred_on", N_("an interaction that was held cannot be in the future")
                )
            require_plausible_year(occurred_on, "occurred_on")  # year 1: a typing error
    with checks:
        note = require_text(note, "note", 500, required=False)
    checks.done()
    assert occurred_on is not None and kind is not None  # refused into `checks` otherwise
    row = Interaction(
        member=member_id,
        kind=InteractionKind(kind),
        occurred_on=occurred_on,
        note=note,
        staff=staff.account_id,
    )
    await row.save()
    return row.id


async def list_interactions(member_id: int) -> list[dict[str, Any]]:
    if not await Member.exists().where(Member.id == member_id):
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    return (
        await Interaction.select()
        .where(Interaction.member == member_id)
        .order_by(Interaction.occurred_on, ascending=False)
    )
