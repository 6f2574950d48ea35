"""Creating, changing and cancelling events (organisers); calendars follow through SEQUENCE."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import available_timezones

from events.choices import EventMailKind, EventStatus, ListingPolicy, ListVisibility
from events.locking import event_locked
from events.mail_outbox import deliver
from events.participants import require_organiser
from events.registration import (
    _offer_free_seats,
    check_not_over,
    end_open_places,
    fit_capacity,
    offers_seats,
    tell_who_is_coming,
)
from events.tables import Event, EventOrganiser
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, Forbidden
from kring.messages import N_, FieldName
from kring.principal import Principal
from kring.seen import snapshot, without_untouched
from kring.typed_dates import read_moment
from kring.validation import (
    Checks,
    FieldError,
    briefly,
    normalise_website,
    require_line,
    require_plausible_year,
    require_text,
    whole_number,
)
from kring.zones import require_zone, wall_clock

# A change to any of these makes calendars replace their copy (SEQUENCE + 1).
SIGNIFICANT = (
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "address",
    "online_url",
    "status",
)
MOVED = ("starts_at", "ends_at", "timezone", "venue", "address", "online_url")
"""A change to any of these is news to everyone holding or awaiting a seat: they are mailed
when and where it is now (a seat with the updated invitation)."""
TEXTS = {"title": 200, "description": 5000, "venue": 200, "address": 300}
ONE_LINE = {"title", "venue"}
TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _zone(raw: Any, current: Mapping[str, Any]) -> str:
    """A zone name of today's list; an event stored earlier under an old name (`localtime`,
    `CET`) keeps it while the organiser leaves it as it is."""
    name = str(raw if raw is not None else "").strip()
    if name and name == current.get("timezone") and name in available_timezones():
        return name
    return require_zone(name)


def parse_time(raw: Any, field: str, zone: str, stored: datetime | None = None) -> datetime | None:
    """Aware datetimes as they are; naive ones (from a form) are read in the event's zone, where
    a skipped or repeated hour is refused unless it is the `stored` time left as it was
    (`kring.zones.wall_clock`)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        value = raw
    else:
        try:
            value = read_moment(str(raw))
        except ValueError:
            raise FieldError(
                field,
                N_("%(value)r is not a date and time like 2026-05-04T18:30"),
                value=briefly(str(raw)),
            ) from None
    require_plausible_year(value, field)
    return wall_clock(value, zone, field, stored)


def clean_event(
    data: Mapping[str, Any], current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Validated values of the fields present in `data`; checks the result as a whole. Every
    refused field is reported at once (`Checks`)."""
    clean: dict[str, Any] = {}
    merged = dict(current or {})
    checks = Checks()
    zone = merged.get("timezone", "Europe/Brussels")
    if "timezone" in data:
        with checks:
            zone = clean["timezone"] = _zone(data["timezone"], merged)
    for field, limit in TEXTS.items():
        if field in data:
            check = require_line if field in ONE_LINE else require_text
            with checks:
                required = field == "title"
                clean[field] = check(str(data[field] or ""), field, limit, required=required)
    if "online_url" in data:
        with checks:
            clean["online_url"] = (
                normalise_website(str(data["online_url"] or ""), "online_url")
                if data["online_url"]
                else ""
            )
    if "capacity" in data:
        with checks:
            clean["capacity"] = _capacity(data["capacity"])
    if "members_only" in data:
        clean["members_only"] = bool(data["members_only"])
    for field, choices in (("list_visibility", ListVisibility), ("listing", ListingPolicy)):
        if field in data:
            with checks:
                clean[field] = _choice(data[field], field, choices)
    for field in TIMES:
        if field in data:
            with checks:
                clean[field] = parse_time(data[field], field, zone, merged.get(field))
    merged.update(clean)
    for field in ("title", "starts_at", "ends_at", "capacity"):
        if merged.get(field) in (None, "") and not checks.refused(field):
            checks.add(FieldError(field, N_("is required")))
    checks.in_order(merged, "starts_at", "ends_at")
    checks.in_order(merged, "registration_opens_at", "registration_closes_at")
    _registration_window(checks, merged)
    checks.done()
    return clean


def _registration_window(checks: Checks, event: Mapping[str, Any]) -> None:
    """Registration opens before the event starts and closes by its end: a window that opens
    once the event runs, or closes after it ended (registering stops there anyway), is a slip
    that may leave nobody registered. A field refused already is not judged again."""
    opens, closes = event.get("registration_opens_at"), event.get("registration_closes_at")
    starts, ends = event.get("starts_at"), event.get("ends_at")
    judged = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    if any(checks.refused(field) for field in judged):
        return
    if opens and starts and opens >= starts:
        checks.add(
            FieldError(
                "registration_opens_at",
                N_("must be before %(other)s"),
                other=FieldName("starts_at"),
            )
        )
    if closes and ends and closes > ends:
        checks.add(
            FieldError(
                "registration_closes_at",
                N_("must not be after %(other)s"),
                other=FieldName("ends_at"),
            )
        )


def _capacity(raw: Any) -> int:
    if raw is None or str(raw).strip() == "":
        raise FieldError("capacity", N_("is required"))
    capacity = whole_number(raw)
    if capacity is None:
        raise FieldError("capacity", N_("%(value)r is not a whole number"), value=briefly(str(raw)))
    if not 1 <= capacity <= 100_000:
        raise FieldError("capacity", N_("must be between 1 and 100000"))
    return capacity


def _choice(
    raw: Any, field: str, choices: type[ListVisibility] | type[ListingPolicy]
) -> ListVisibility | ListingPolicy:
    try:
        return choices(str(raw))
    except ValueError:
        allowed = ", ".join(choice.value for choice in choices)
        raise FieldError(
            field,
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(str(raw)),
            choices=allowed,
        ) from None


async def create_event(viewer: Principal, data: Mapping[str, Any]) -> int:
    if not viewer.has_role(Role.organiser):
        raise Forbidden(N_("only organisers create events"))
    clean = clean_event(data)
    now = utc_now()
    row = Event(**clean, created_at=now, updated_at=now)
    await row.save()
    await EventOrganiser.insert(EventOrganiser(event=row.id, account=viewer.account_id))
    return row.id


MOMENTS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _as_shown(row: Mapping[str, Any]) -> dict[str, Any]:
    """The event's fields as its form shows them: a moment to the minute, as its field does. A
    time stored with seconds (through the API) otherwise looked changed by every save of the
    form, which wrote it back without them and mailed everyone coming that the event moved."""
    plain = (str, int, float, bool, date, type(None))
    shown = {k: v for k, v in row.items() if isinstance(v, plain)}
    for field in MOMENTS:
        if isinstance(shown.get(field), datetime):
            shown[field] = shown[field].replace(second=0, microsecond=0)
    return shown


async def seen_event(event_id: int) -> str:
    """The event as its form shows it, for the form's hidden `_seen` field: a save then writes
    only what its organiser changed (`update_event`, `kring.seen`)."""
    row = await Event.select().where(Event.id == event_id).first()
    return snapshot(_as_shown(row or {}))


async def update_event(
    viewer: Principal, event_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """With `seen` (the form's `_seen`), a field sent back as the form showed it is left as it
    is now: the form sends every field, and another organiser may have changed one meanwhile;
    a field both changed, differently, is refused (`kring.seen.EditedMeanwhile`)."""
    await require_organiser(viewer, event_id)
    async with event_locked(event_id):
        current = await Event.select().where(Event.id == event_id).first()
        if current["status"] == EventStatus.cancelled:
            raise Conflict(N_("a cancelled event cannot be changed"), field="status")
        clean = without_untouched(clean_event(data, current), seen, _as_shown(current))
        changed = {k: v for k, v in clean.items() if current.get(k) != v}
        if not changed:
            return
        if "capacity" in changed and changed["capacity"] < current["capacity"]:
            await fit_capacity(event_id, changed["capacity"])
        values: dict[Any, Any] = {getattr(Event, k): v for k, v in changed.items()}
        if any(k in SIGNIFICANT for k in changed):
            values[Event.sequence] = current["sequence"] + 1
        await Event.update(values).where(Event.id == event_id)
        now = utc_now()
        grown = "capacity" in changed and changed["capacity"] > current["capacity"]
        if grown and offers_seats(current | changed, now):
            await _offer_free_seats(event_id, changed["capacity"], now)
        if any(k in MOVED for k in changed):
            await tell_who_is_coming(event_id, EventMailKind.event_moved)
    await deliver(event_id)


async def cancel_event(viewer: Principal, event_id: int) -> None:
    """Cancels an event still to come; one that is over keeps its history (who came), and
    its participants are not mailed a cancellation."""
    await require_organiser(viewer, event_id)
    async with event_locked(event_id):
        current = (
            await Event.select(Event.status, Event.sequence, Event.ends_at)
            .where(Event.id == event_id)
            .first()
        )
        if current["status"] == EventStatus.cancelled:
            return
        check_not_over(current, utc_now())
        await Event.update(
            {Event.status: EventStatus.cancelled, Event.sequence: current["sequence"] + 1}
        ).where(Event.id == event_id)
        await end_open_places(event_id)
    await deliver(event_id)


async def add_organiser(viewer: Principal, event_id: int, account_id: int) -> None:
    await require_organiser(viewer, event_id)
    if not await EventOrganiser.exists().where(
        (EventOrganiser.event == event_id) & (EventOrganiser.account == account_id)
    ):
        await EventOrganiser.insert(EventOrganiser(event=event_id, account=account_id))
