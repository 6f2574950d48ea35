"""The introductions app's part of the staff's page of a member: the introductions they asked
for or were asked for, with whom and how far they got. Proposals nobody acted on are the
engine's current output, not history, and feedback stays the members' own (organisers see
counts only), so neither is shown."""

from __future__ import annotations

from typing import Any

from introductions.tables import Introduction, IntroductionState
from kring.audience import ORGANISERS
from kring.member_page import MemberSection
from kring.principal import Principal

SHOWN = 50


async def introductions(viewer: Principal, member_id: int) -> dict[str, Any]:
    rows = (
        await Introduction.select(
            Introduction.id,
            Introduction.state,
            Introduction.requested_at,
            Introduction.challenge.title,
            Introduction.requester,
            Introduction.requester.first_name,
            Introduction.requester.last_name,
            Introduction.expert,
            Introduction.expert.first_name,
            Introduction.expert.last_name,
        )
        .where(
            ((Introduction.requester == member_id) | (Introduction.expert == member_id))
            & (Introduction.state != IntroductionState.proposed)
        )
        .order_by(Introduction.requested_at, ascending=False)
        .limit(SHOWN + 1)
    )
    shown = []
    for row in rows[:SHOWN]:
        asked = row["requester"] == member_id
        other = "expert" if asked else "requester"
        shown.append(
            {
                "state": row["state"],
                "requested_at": row["requested_at"],
                "challenge": row["challenge.title"],
                "asked": asked,
                "other_id": row[other],
                "other_name": f"{row[f'{other}.first_name']} {row[f'{other}.last_name']}",
            }
        )
    return {"introductions": shown, "more": len(rows) > SHOWN}


SECTIONS = (
    MemberSection("member_sections/introductions.html", introductions, ORGANISERS, order=40),
)
