"""The events and organisations the audience form offers: at most `CHOICES_SHOWN` of each,
narrowed by what the organiser searched for, with how many there are, so the page says when
it lists only some and the search finds the others. What the audience holds now is always
offered, searched for or not, so saving the form never drops a choice made before."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from events.participants import lists_open_to
from events.tables import Event
from kring.principal import Principal
from kring.search import MAX_WORDS, every_word_in, search_words
from kring.tables import Organisation
from mailings.audience import AudienceSpec

CHOICES_SHOWN = 500


@dataclass(frozen=True)
class AudienceChoices:
    events: list[dict[str, Any]]
    organisations: list[dict[str, Any]]
    events_found: int
    """How many events the organiser may choose that match the search (all without one)."""
    organisations_found: int


def _title_words(find: str) -> Any:
    """Every word in the event's title, in any case (LIKE's own signs left out)."""
    clause: Any = None
    for word in find.replace("%", " ").replace("_", " ").split()[:MAX_WORDS]:
        match = Event.title.ilike(f"%{word}%")
        clause = match if clause is None else clause & match
    return clause


async def audience_choices(viewer: Principal, spec: AudienceSpec, find: str) -> AudienceChoices:
    """The events whose participants the organiser may see (any other is refused as an
    audience), and the chosen one, which another organiser may have; the organisations."""
    events_where = await lists_open_to(viewer)
    words = _title_words(find)
    if words is not None:
        events_where &= words
    matching = every_word_in(search_words(find), (Organisation.search_name,))
    events = await (
        Event.select(Event.id, Event.title, Event.starts_at, Event.timezone)
        .where(events_where)
        .order_by(Event.starts_at, ascending=False)
        .limit(CHOICES_SHOWN)
    )
    organisations = Organisation.select(Organisation.id, Organisation.name)
    if matching is not None:
        organisations = organisations.where(matching)
    listed = await organisations.order_by(Organisation.name).limit(CHOICES_SHOWN)
    organisations_found = await (
        Organisation.count().where(matching) if matching is not None else Organisation.count()
    )
    return AudienceChoices(
        events=await _with_chosen_event(events, spec.event),
        organisations=await _with_chosen_organisations(listed, spec.organisations),
        events_found=await Event.count().where(events_where),
        organisations_found=organisations_found,
    )


async def _with_chosen_event(events: list[dict[str, Any]], chosen: int | None) -> list[dict]:
    if chosen is None or any(event["id"] == chosen for event in events):
        return events
    row = await (
        Event.select(Event.id, Event.title, Event.starts_at, Event.timezone)
        .where(Event.id == chosen)
        .first()
    )
    return [row, *events] if row else events


async def _with_chosen_organisations(
    listed: list[dict[str, Any]], chosen: tuple[int, ...]
) -> list[dict[str, Any]]:
    missing = set(chosen) - {row["id"] for row in listed}
    if not missing:
        return listed
    rows = await (
        Organisation.select(Organisation.id, Organisation.name)
        .where(Organisation.id.is_in(list(missing)))
        .order_by(Organisation.name)
    )
    return [*rows, *listed]
