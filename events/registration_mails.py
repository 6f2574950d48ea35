"""The mails about a person's own registration, in their language: a seat (with the calendar
invitation, METHOD:REQUEST), a place on the waitlist, a seat offered until a time, an offer
withdrawn, an offer lapsed (not accepted in time), the event moved to another time or place (a
seat with the updated invitation), the event cancelled, and their registration cancelled by the
organisers (both with the calendar cancellation, METHOD:CANCEL).

Texts live in `kring/templates/events/mail_<kind>.txt` (first line the subject). A mail is
rendered when it goes, from the data as it is then: one whose news no longer holds (an offer
accepted or lapsed meanwhile, a seat given back) or whose person was erased is not sent.
Which mails are owed, and their retries, is `events.mail_outbox`'s work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location

from events.choices import EventMailKind, EventStatus, RegistrationStatus
from events.icalendar import calendar
from events.tables import Event, Registration
from kring.choices import MemberStatus
from kring.i18n import LANGUAGES, LOCALES
from kring.mail_templates import render
from kring.settings import Settings, get_settings
from privacy.mail import Attachment, Mail

settings_override: Settings | None = None
"""Tests point this at their SMTP server; None means the settings from the environment."""

FOR_GUESTS = (
    EventMailKind.registered,
    EventMailKind.waitlisted,
    EventMailKind.event_cancelled,
    EventMailKind.event_moved,
    EventMailKind.organiser_cancelled,
)
"""A guest has no account to accept an offer with: offers to guests go through the organisers."""
STILL_COMING = (
    RegistrationStatus.confirmed,
    RegistrationStatus.offered,
    RegistrationStatus.waitlisted,
)
"""Who hears that an event moved: whoever holds, is offered or awaits a seat."""

_MEMBER = Registration.member
COLUMNS = (
    Registration.id,
    Registration.event,
    Registration.member,
    Registration.status,
    Registration.registered_at,
    Registration.offer_expires_at,
    Registration.guest_first_name,
    Registration.guest_last_name,
    Registration.guest_email,
    _MEMBER.first_name.as_alias("m_first_name"),
    _MEMBER.last_name.as_alias("m_last_name"),
    _MEMBER.email.as_alias("m_email"),
    _MEMBER.language.as_alias("m_language"),
    _MEMBER.status.as_alias("m_status"),
)


def mail_settings() -> Settings:
    return settings_override or get_settings()


def _recipient(row: dict[str, Any], settings: Settings) -> dict[str, Any] | None:
    """Who the mail goes to, in which language; None for an erased person or no address."""
    if row["member"] is not None:
        if row["m_status"] == MemberStatus.erased or not row["m_email"]:
            return None
        language = row["m_language"] if row["m_language"] in LANGUAGES else "nl"
        return {
            "member": row["member"],
            "first_name": row["m_first_name"],
            "name": f"{row['m_first_name']} {row['m_last_name']}".strip(),
            "email": row["m_email"],
            "language": language,
        }
    if not row["guest_email"]:
        return None
    return {
        "member": None,
        "first_name": row["guest_first_name"],
        "name": f"{row['guest_first_name']} {row['guest_last_name']}".strip(),
        "email": row["guest_email"],
        "language": settings.default_language,
    }


def still_holds(
    kind: EventMailKind, row: dict[str, Any], event: dict[str, Any], now: datetime
) -> bool:
    """Whether the news of the mail is still true now."""
    coming = event["status"] == EventStatus.scheduled and event["starts_at"] > now
    if kind == EventMailKind.registered:
        return coming and row["status"] == RegistrationStatus.confirmed
    if kind == EventMailKind.waitlisted:
        return coming and row["status"] == RegistrationStatus.waitlisted
    if kind == EventMailKind.offered:
        expires = row["offer_expires_at"]
        offered = row["status"] == RegistrationStatus.offered
        return coming and offered and expires is not None and expires > now
    if kind == EventMailKind.offer_withdrawn:
        return coming and row["status"] == RegistrationStatus.waitlisted
    if kind == EventMailKind.event_moved:
        return coming and row["status"] in STILL_COMING
    if kind in (EventMailKind.organiser_cancelled, EventMailKind.offer_lapsed):
        return coming and row["status"] == RegistrationStatus.cancelled
    return event["status"] == EventStatus.cancelled


async def _waitlist_position(row: dict[str, Any]) -> int:
    """The person's place in line, counted as `registration.waitlist_positions` orders it."""
    ahead = await Registration.count().where(
        (Registration.event == row["event"])
        & (Registration.status == RegistrationStatus.waitlisted)
        & (
            (Registration.registered_at < row["registered_at"])
            | ((Registration.registered_at == row["registered_at"]) & (Registration.id < row["id"]))
        )
    )
    return ahead + 1


def _moment(moment: datetime, zone_name: str, language: str) -> dict[str, str]:
    """A moment as the mail says it: in the event's time zone, which is named."""
    zone, locale = ZoneInfo(zone_name), LOCALES[language]
    local = moment.astimezone(zone)
    return {
        "date": format_date(local, "full", locale=locale),
        "time": format_time(local, "short", tzinfo=zone, locale=locale),
        "zone": get_timezone_location(zone, locale=locale),
    }


def _invitation(event: dict[str, Any], recipient: dict[str, Any], method: str) -> Attachment:
    content = calendar(
        [event], method=method, attendee=(recipient["email"], recipient["name"] or "")
    )
    return Attachment(
        filename="invite.ics" if method == "REQUEST" else "cancel.ics",
        content=content,
        mime_type="text/calendar",
        params=(("method", method), ("charset", "utf-8")),
    )


async def owed_mail(
    registration_id: int, kind: EventMailKind, now: datetime, settings: Settings
) -> Mail | None:
    """The mail as it would go now; None when nothing may or need go any more."""
    row = await Registration.select(*COLUMNS).where(Registration.id == registration_id).first()
    if row is None:
        return None
    recipient = _recipient(row, settings)
    if recipient is None or (recipient["member"] is None and kind not in FOR_GUESTS):
        return None
    event = await Event.select().where(Event.id == row["event"]).first()
    if event is None or not still_holds(kind, row, event, now):
        return None
    language = recipient["language"]
    context: dict[str, Any] = {
        "event": event,
        "recipient": recipient,
        "starts": _moment(event["starts_at"], event["timezone"], language),
        "place": ", ".join(part for part in (event["venue"], event["address"]) if part),
        "base_url": settings.base_url,
    }
    if kind in (EventMailKind.waitlisted, EventMailKind.offer_withdrawn):
        context["position"] = await _waitlist_position(row)
    if kind == EventMailKind.offered:
        context["until"] = _moment(row["offer_expires_at"], event["timezone"], language)
    context["seated"] = row["status"] == RegistrationStatus.confirmed
    subject, text = render(f"events/mail_{kind.value}.txt", language, **context)
    attachments: tuple[Attachment, ...] = ()
    seated = row["status"] == RegistrationStatus.confirmed
    if kind == EventMailKind.registered or (kind == EventMailKind.event_moved and seated):
        attachments = (_invitation(event, recipient, "REQUEST"),)
    elif kind in (EventMailKind.event_cancelled, EventMailKind.organiser_cancelled):
        attachments = (_invitation(event, recipient, "CANCEL"),)
    return Mail(
        to=recipient["email"],
        subject=subject,
        text=text,
        member=recipient["member"],
        attachments=attachments,
    )
