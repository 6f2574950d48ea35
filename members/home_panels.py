"""The members app's part of the home page: a member's own open records with a quick way to
add a challenge, and for organisers the network at a glance with the way to imports."""

from __future__ import annotations

from typing import Any

from kring.audience import EVERYONE, ORGANISERS
from kring.choices import MemberStatus, RecordStatus
from kring.home import HomePanel
from kring.principal import Principal
from kring.tables import Challenge, Expertise, Member, Organisation
from members.importing.importer import IMPORTED
from members.records import list_records
from privacy.audit import Action, audit_entries


async def my_records(viewer: Principal) -> dict[str, Any]:
    member = viewer.member_id or 0
    return {
        "challenges": await list_records(Challenge, viewer, member, RecordStatus.open),
        "expertise": await list_records(Expertise, viewer, member, RecordStatus.open),
    }


async def network(viewer: Principal) -> dict[str, Any]:
    return {
        "members": await Member.count().where(Member.status == MemberStatus.active),
        "organisations": await Organisation.count(),
        "imports": await audit_entries(action=Action.changed, table=IMPORTED, limit=3),
    }


PANELS = (
    HomePanel("home/my_records.html", my_records, EVERYONE, needs_profile=True, order=50),
    HomePanel("home/network.html", network, ORGANISERS, order=30),
)
