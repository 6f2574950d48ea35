"""iCalendar files for events: one event, invites, and a member's subscription feed.

A file names no participant except, in an invite, its own recipient. UIDs are made once per
event; SEQUENCE rises with every significant change, so calendars replace instead of duplicate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from events.choices import EventStatus
from events.tables import Event
from kring.calendar_entries import CalendarEntry
from kring.clock import utc_now
from kring.messages import N_
from kring.settings import get_settings
from kring.writable import writable

PRODID = "-//Kring//Events//NL"


def _status(event: dict[str, Any], tentative: bool) -> str:
    if event["status"] == EventStatus.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative else "CONFIRMED"


def _vevent(event: dict[str, Any], stamp: datetime, tentative: bool = False) -> VEvent:
    zone = ZoneInfo(event["timezone"])
    vevent = VEvent()
    vevent.add("uid", event["uid"])
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event["starts_at"].astimezone(zone))
    vevent.add("dtend", event["ends_at"].astimezone(zone))
    vevent.add("summary", writable(event["title"]))
    if event["description"]:
        vevent.add("description", writable(event["description"]))
    place = writable(", ".join(part for part in (event["venue"], event["address"]) if part))
    if place:
        vevent.add("location", place)
    elif event["online_url"]:
        vevent.add("location", event["online_url"])
    vevent.add("url", event["online_url"] or f"{get_settings().base_url}/events/{event['id']}")
    vevent.add("sequence", event["sequence"])
    vevent.add("status", _status(event, tentative))
    if event.get("updated_at"):
        vevent.add("last-modified", event["updated_at"])
    return vevent


def _entry_vevent(entry: CalendarEntry, stamp: datetime) -> VEvent:
    """Another app's dated entry (a milestone) as an all-day event that blocks no time."""
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", entry.day)
    vevent.add("dtend", entry.day + timedelta(days=1))
    vevent.add("summary", writable(("✓ " if entry.done else "") + entry.title))
    if entry.description:
        vevent.add("description", writable(entry.description))
    if entry.url:
        vevent.add("url", f"{get_settings().base_url}{entry.url}")
    vevent.add("transp", "TRANSPARENT")
    return vevent


def calendar(
    events: Iterable[dict[str, Any]],
    method: str | None = None,
    attendee: tuple[str, str] | None = None,
    name: str | None = None,
    tentative: Collection[int] = (),
    entries: Sequence[CalendarEntry] = (),
) -> bytes:
    """A VCALENDAR; `attendee` (e-mail, name) is only for an invite to that one person;
    the events in `tentative` (ids) are not sure for the person the file is for; `entries`
    are the other apps' all-day entries of a member's feed."""
    events = list(events)
    stamp = utc_now().replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        vevent = _vevent(event, stamp, event["id"] in tentative)
        if method is not None:
            # RFC 5546: PUBLISH, REQUEST and CANCEL all need exactly one ORGANIZER.
            vevent.add("organizer", _organiser())
        if method == "CANCEL" and event["status"] != EventStatus.cancelled:
            # RFC 5546 3.2.5: uninviting one attendee from an event that goes on, STATUS
            # (which would cancel the whole event) must not be included.
            vevent.pop("STATUS", None)
        if attendee is not None:
            email, display = attendee
            guest = vCalAddress(f"mailto:{email}")
            guest.params["cn"] = writable(display)
            guest.params["role"] = "REQ-PARTICIPANT"
            guest.params["rsvp"] = "FALSE"
            vevent.add("attendee", guest)
        cal.add_component(vevent)
    for entry in entries:
        cal.add_component(_entry_vevent(entry, stamp))
    if events:
        first = min(e["starts_at"] for e in events).date() - timedelta(days=366)
        last = max(e["ends_at"] for e in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    else:
        cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2001, 1, 1))
    for zone in cal.walk("VTIMEZONE"):
        # icalendar notes the span it generated as a COMMENT on the VTIMEZONE itself, where
        # RFC 5545 allows none (only inside STANDARD/DAYLIGHT); libical rejects it.
        zone.pop("COMMENT", None)
    return cal.to_ical()


def _organiser() -> vCalAddress:
    """The network, as the sender of its mails: the events' organiser for calendars."""
    sender = get_settings().smtp_sender
    organiser = vCalAddress("mailto:" + sender.rpartition("<")[2].rstrip(">").strip())
    organiser.params["cn"] = "Kring"
    return organiser


async def load_event(event_id: int) -> dict[str, Any]:
    from kring.errors import NotFound

    row = await Event.select().where(Event.id == event_id).first()
    if row is None:
        raise NotFound(N_("no event %(event_id)s"), field="event_id", event_id=event_id)
    return row


async def event_ics(event_id: int) -> bytes:
    return (await event_ics_download(event_id))[0]


async def event_ics_download(event_id: int) -> tuple[bytes, str]:
    """The event's calendar file and its file name: the event's title, as a calendar program
    shows the download ("Auditdag 2027.ics", not "event-8.ics")."""
    event = await load_event(event_id)
    return calendar([event], method="PUBLISH"), f"{ics_file_stem(event['title'])}.ics"


def ics_file_stem(title: str) -> str:
    """A title as a file name: no path separators or characters a file system refuses, no
    control characters, at most 80 characters; "event" when nothing is left."""
    kept = "".join(
        "-" if char in '/\\:*?"<>|' else char for char in title if char.isprintable()
    ).strip(" .-")
    return kept[:80].rstrip(" .-") or "event"


async def invite_ics(event_id: int, email: str, display_name: str) -> bytes:
    """An invitation (METHOD:REQUEST, or CANCEL for a cancelled event) to one person."""
    event = await load_event(event_id)
    method = "CANCEL" if event["status"] == EventStatus.cancelled else "REQUEST"
    return calendar([event], method=method, attendee=(email, display_name))
