"""Who may see which fields of a member. One place decides; every page and API answer asks it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kring.choices import MemberStatus, Role
from kring.principal import Principal
from kring.tables import Member
from privacy.restriction import restricted_members

PUBLIC_FIELDS = ("id", "first_name", "last_name", "job_title", "organisation")
BUSINESS_FIELDS = (
    "email",
    "phone",
    "address",
    "met_via",
    "joined_at",
    "status",
    "language",
    "opt_out_sharing",
    "opt_out_listing",
    "no_mailings",
)
PRIVATE_FIELDS = ("private_email", "private_address")


def may_see_member(viewer: Principal, member: Mapping[str, Any]) -> bool:
    """Members see peers who are active and share their name; staff and the person see all."""
    if viewer.owns(member["id"]) or viewer.is_staff:
        return True
    return member["status"] == MemberStatus.active and not member["opt_out_sharing"]


def peers_shown() -> Any:
    """The members a peer (no staff) may see, as a query condition: active, sharing their name,
    processing not restricted (GDPR art. 18). Lists and counts shown to peers use it alike."""
    return (
        (Member.status == MemberStatus.active)
        & Member.opt_out_sharing.eq(False)
        & Member.id.not_in(restricted_members())
    )


def visible_fields(viewer: Principal, member: Mapping[str, Any]) -> tuple[str, ...]:
    if viewer.owns(member["id"]) or viewer.has_role(Role.privacy_officer):
        return PUBLIC_FIELDS + BUSINESS_FIELDS + PRIVATE_FIELDS
    if viewer.has_role(Role.organiser):
        return PUBLIC_FIELDS + BUSINESS_FIELDS
    return PUBLIC_FIELDS


def member_view(viewer: Principal, member: Mapping[str, Any]) -> dict[str, Any]:
    return {name: member[name] for name in visible_fields(viewer, member) if name in member}
