"""The privacy app's part of the staff's page of a member: their opt-outs and consents as they
stand. Organisers read them (they decide who is listed and mailed); changes on the member's
behalf go through the privacy desk, which keeps the channel and who recorded it."""

from __future__ import annotations

from typing import Any

from kring.audience import ORGANISERS, PRIVACY_OFFICERS
from kring.choices import Role
from kring.member_page import MemberSection
from kring.principal import Principal
from privacy.restriction import is_restricted
from privacy.status import member_privacy


async def privacy_state(viewer: Principal, member_id: int) -> dict[str, Any]:
    state = await member_privacy(member_id)
    state["restricted"] = await is_restricted(member_id)
    state["desk"] = viewer.has_role(Role.privacy_officer)
    return state


SECTIONS = (
    MemberSection(
        "member_sections/privacy.html", privacy_state, ORGANISERS | PRIVACY_OFFICERS, order=50
    ),
)
