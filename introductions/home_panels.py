"""The introductions' part of a member's home: requests waiting for their answer, the best
proposals for their open challenges, and the introductions both sides accepted."""

from __future__ import annotations

from typing import Any

from introductions import undelivered
from introductions.service import proposal_overview
from introductions.tables import IntroductionState, Side
from introductions.workflow import is_paused, list_introductions
from kring.audience import EVERYONE, ORGANISERS
from kring.choices import RecordStatus
from kring.home import HomePanel
from kring.principal import Principal
from kring.tables import Challenge

BEST = 3


async def waiting_for_me(viewer: Principal) -> dict[str, Any]:
    waiting = await list_introductions(viewer, Side.expert, IntroductionState.requested, limit=50)
    # With nobody waiting the panel says how requests come, or that the member paused them.
    paused = not waiting and await is_paused(viewer.member_id or 0)
    return {"introductions": waiting[:BEST], "count": len(waiting), "paused": paused}


async def best_proposals(viewer: Principal) -> dict[str, Any] | None:
    """The best three across the viewer's open challenges, each with why."""
    challenges = await Challenge.select(Challenge.id, Challenge.title).where(
        (Challenge.member == viewer.member_id) & (Challenge.status == RecordStatus.open)
    )
    if not challenges:
        return None
    found = []
    opted_out = pending = running = False
    for challenge in challenges:
        overview = await proposal_overview(viewer, challenge["id"])
        found.extend({**p, "challenge": challenge} for p in overview["proposals"])
        opted_out = opted_out or overview["owner_opted_out"]
        pending = pending or overview["pending"]
        running = running or overview["rounds_running"]
    found.sort(key=lambda proposal: proposal["score"], reverse=True)
    # Without proposals the panel says why: the viewer's opt-out, or a match still to come.
    return {
        "proposals": found[:BEST],
        "challenges": len(challenges),
        "opted_out": opted_out,
        "pending": pending,
        "rounds_running": running,
    }


async def accepted(viewer: Principal) -> dict[str, Any] | None:
    mine = [
        view
        for side in (Side.requester, Side.expert)
        for view in await list_introductions(viewer, side, IntroductionState.accepted, limit=5)
    ]
    return {"introductions": mine} if mine else None


PANELS = (
    HomePanel("home/waiting_for_me.html", waiting_for_me, EVERYONE, needs_profile=True, order=10),
    HomePanel("home/proposals.html", best_proposals, EVERYONE, needs_profile=True, order=20),
    HomePanel("home/accepted.html", accepted, EVERYONE, needs_profile=True, order=30),
    HomePanel(
        "home/my_mails_not_delivered.html",
        undelivered.members_panel,
        EVERYONE,
        needs_profile=True,
        order=6,
    ),
    HomePanel("home/mails_not_delivered.html", undelivered.organisers_panel, ORGANISERS, order=6),
)
