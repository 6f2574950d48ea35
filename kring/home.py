"""The home page is made of panels that the apps declare: each shows one kind of work waiting
for the viewer (requests to answer, events coming up, privacy requests due…)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kring.audience import Audience
from kring.choices import Role
from kring.principal import Principal

Load = Callable[[Principal], Awaitable[Mapping[str, Any] | None]]
"""What a panel shows for this viewer; None leaves the panel out."""


@dataclass(frozen=True)
class HomePanel:
    template: str
    """Rendered with the loader's answer as `panel`."""
    load: Load
    roles: frozenset[Role]
    needs_profile: bool = False
    order: int = 50
    """Place on the home page, lowest first: the work waiting for an answer comes first."""

    def shown_to(self, viewer: Principal) -> bool:
        return Audience(self.roles, self.needs_profile).admits(viewer)


async def panels_for(
    viewer: Principal, panels: Iterable[HomePanel]
) -> list[tuple[str, Mapping[str, Any]]]:
    """(template, data) of each panel the viewer gets, in order. One after the other: on
    SQLite concurrent reads would only queue."""
    shown = sorted((p for p in panels if p.shown_to(viewer)), key=lambda p: p.order)
    found = []
    for panel in shown:
        data = await panel.load(viewer)
        if data is not None:
            found.append((panel.template, data))
    return found
