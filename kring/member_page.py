"""The staff's page of one member is made of sections the apps declare, like the home page's
panels: contact history from members, event history from events, introductions from
introductions, opt-outs from privacy. The page itself knows none of those apps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kring.audience import Audience
from kring.choices import Role
from kring.principal import Principal

Load = Callable[[Principal, int], Awaitable[Mapping[str, Any] | None]]
"""What a section shows this viewer of the member with this id; None leaves it out."""


@dataclass(frozen=True)
class MemberSection:
    template: str
    """Rendered with the loader's answer as `section` and the member as `member`."""
    load: Load
    roles: frozenset[Role]
    order: int = 50

    def shown_to(self, viewer: Principal) -> bool:
        return Audience(self.roles).admits(viewer)


async def sections_for(
    viewer: Principal, member_id: int, sections: Iterable[MemberSection]
) -> list[tuple[str, Mapping[str, Any]]]:
    """(template, data) of each section the viewer gets, in order."""
    shown = sorted((s for s in sections if s.shown_to(viewer)), key=lambda s: s.order)
    found = []
    for section in shown:
        data = await section.load(viewer, member_id)
        if data is not None:
            found.append((section.template, data))
    return found
