"""The library's part of a member's home page: the three items that fit their open challenges
best ("for you"), or nothing when they have no open challenge or nothing fits."""

from __future__ import annotations

from typing import Any

from kring.audience import EVERYONE
from kring.home import HomePanel
from kring.principal import Principal
from library.for_you import for_you

SHOWN = 3


async def for_you_panel(viewer: Principal) -> dict[str, Any] | None:
    found = await for_you(viewer, limit=SHOWN)
    if not found.suggestions:
        return None
    return {"suggestions": found.suggestions}


PANELS = (
    HomePanel("library/home_for_you.html", for_you_panel, EVERYONE, needs_profile=True, order=55),
)
