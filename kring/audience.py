"""Who a menu entry or a home panel is for: roles, and whether a member profile is needed."""

from __future__ import annotations

from dataclasses import dataclass

from kring.choices import Role
from kring.principal import Principal

EVERYONE = frozenset(Role)
MEMBERS = frozenset({Role.member})
ORGANISERS = frozenset({Role.organiser})
PRIVACY_OFFICERS = frozenset({Role.privacy_officer})


@dataclass(frozen=True)
class Audience:
    roles: frozenset[Role]
    """Who sees it; admins see everything."""
    needs_profile: bool = False
    """Only for accounts with a member profile (a member's own records, introductions…)."""
    without_profile: bool = False
    """Only for accounts without one (a staff account's own data, which a profile's page holds
    otherwise), admins too."""

    def admits(self, viewer: Principal) -> bool:
        if self.needs_profile and viewer.member_id is None:
            return False
        if self.without_profile and viewer.member_id is not None:
            return False
        return viewer.role == Role.admin or viewer.role in self.roles
