"""The events app's part of the staff's page of a member: every event they registered for,
newest first, with how it went (confirmed, waitlisted, attended, cancelled…)."""

from __future__ import annotations

from typing import Any

from events.tables import Registration
from kring.audience import ORGANISERS
from kring.member_page import MemberSection
from kring.principal import Principal

SHOWN = 50


async def event_history(viewer: Principal, member_id: int) -> dict[str, Any]:
    rows = (
        await Registration.select(
            Registration.event,
            Registration.event.title,
            Registration.event.starts_at,
            Registration.status,
        )
        .where(Registration.member == member_id)
        .order_by(Registration.event.starts_at, ascending=False)
        .limit(SHOWN + 1)
    )
    return {"registrations": rows[:SHOWN], "more": len(rows) > SHOWN}


SECTIONS = (MemberSection("member_sections/events.html", event_history, ORGANISERS, order=20),)
