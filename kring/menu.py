"""The main menu: every app declares its entries; the signed-in role picks what it shows.

Entries are declared where their pages live (each app's `kring_app.py`) and handed to the
templates by the composition root, so a new page is in the menu by being declared, and the
reachability test (tests/web/test_navigation.py) fails when a page a role may use is not
within three clicks of that role's home.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kring.audience import EVERYONE, MEMBERS, ORGANISERS, PRIVACY_OFFICERS, Audience
from kring.choices import Role
from kring.principal import Principal

__all__ = ["EVERYONE", "MEMBERS", "ORGANISERS", "PRIVACY_OFFICERS", "Group", "MenuEntry"]


class Group(StrEnum):
    work = "work"
    """The main menu: where the role's daily work is."""
    account = "account"
    """Beside the viewer's name: their own profile, data and tokens."""
    manage = "manage"
    """Behind "Manage" beside the main menu: the staff's tools (imports, mailings, the privacy
    desk…), so the main menu keeps to the pages everyone uses and fits one line at 1280 px."""


@dataclass(frozen=True)
class MenuEntry:
    label: str
    """An English message id, shown in the viewer's language."""
    path: str
    roles: frozenset[Role]
    """Who sees it; admins see every entry."""
    needs_profile: bool = False
    """Only for accounts with a member profile (a member's own records, introductions…)."""
    order: int = 50
    """Place in the menu, lowest first."""
    group: Group = Group.work
    also: tuple[str, ...] = ()
    """Other pages under this entry (reached from its page), e.g. organisations under
    members: the entry is marked current there too."""
    without_profile: bool = False
    """Only for accounts without a member profile (see `Audience.without_profile`)."""

    def shown_to(self, viewer: Principal) -> bool:
        return Audience(self.roles, self.needs_profile, self.without_profile).admits(viewer)

    def is_current(self, path: str) -> bool:
        """The entry whose pages the viewer is on: the longest matching prefix wins."""
        return any(
            path == prefix or (prefix != "/" and path.startswith(prefix + "/"))
            for prefix in (self.path, *self.also)
        )


def menu_for(
    viewer: Principal | None, entries: Iterable[MenuEntry], group: Group = Group.work
) -> list[MenuEntry]:
    if viewer is None:
        return []
    shown = (e for e in entries if e.group == group and e.shown_to(viewer))
    return sorted(shown, key=lambda e: (e.order, e.path))


def current_entry(path: str, entries: Iterable[MenuEntry]) -> MenuEntry | None:
    matching = [entry for entry in entries if entry.is_current(path)]
    return max(matching, key=lambda entry: len(entry.path), default=None)
