"""Dated things an app puts in a member's calendar feed beside the events they registered for.

The feed is the events app's (`events.feeds`); other apps (projects' milestones) cannot be
imported there, so each declares sources in its `DomainApp.calendar_entries`, the composition
root hands them to the feed through the app's state, and the feed adds their entries as
all-day VEVENTs. An entry names no person.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str
    """Stable for the entry's whole life (calendars replace, never duplicate, on a change)."""
    title: str
    day: date
    url: str = ""
    """A path on this site (`/projects/3`); the feed makes it absolute."""
    description: str = ""
    done: bool = False
    """Reached already: the feed marks the summary with a check mark."""


CalendarSource = Callable[[int], Awaitable[list[CalendarEntry]]]
"""A member id in, that member's entries out."""
