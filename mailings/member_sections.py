"""The mailings app's part of the staff's page of a member: how many mailings reached them and
which articles they showed interest in (only with their consent: without it there is none)."""

from __future__ import annotations

from typing import Any

from kring.audience import ORGANISERS
from kring.member_page import MemberSection
from kring.principal import Principal
from mailings.interests import member_interests


async def mailing_interests(viewer: Principal, member_id: int) -> dict[str, Any]:
    return await member_interests(member_id)


SECTIONS = (
    MemberSection("mailings/interests_member.html", mailing_interests, ORGANISERS, order=60),
)
