"""The members app's parts of the staff's page of a member: the network's contact history with
them (and the form to add to it) and their challenges and expertise, open or closed."""

from __future__ import annotations

from typing import Any

from kring.audience import ORGANISERS
from kring.choices import InteractionKind
from kring.clock import home_today
from kring.member_page import MemberSection
from kring.principal import Principal
from kring.tables import Challenge, Expertise
from members.interactions import list_interactions
from members.records import list_records


async def interactions(viewer: Principal, member_id: int) -> dict[str, Any]:
    return {
        "interactions": await list_interactions(member_id),
        "kinds": list(InteractionKind),
        "today": home_today().isoformat(),
    }


async def records(viewer: Principal, member_id: int) -> dict[str, Any]:
    return {
        "challenges": await list_records(Challenge, viewer, member_id),
        "expertise": await list_records(Expertise, viewer, member_id),
    }


SECTIONS = (
    MemberSection("member_sections/interactions.html", interactions, ORGANISERS, order=10),
    MemberSection("member_sections/records.html", records, ORGANISERS, order=30),
)
