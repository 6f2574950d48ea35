"""The pre-event "who to meet" mail: a member's suggestions, sent once per registration.

Suggestions come from `events.who_to_meet.suggestions`, so only people on the shareable
participant list are ever named. Each registration is claimed in `WhoToMeetMail` before the
mail goes out (the unique index makes concurrent workers agree on one sender); a send the relay
did not take is claimed again after a growing wait (`kring.mail_retries`), not at every round.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from events.choices import EventStatus, RegistrationStatus
from events.tables import Event, Registration, WhoToMeetMail
from events.who_to_meet import Suggestion, suggestions
from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.i18n import LANGUAGES, LOCALES
from kring.mail_retries import retry_at
from kring.mail_templates import render
from kring.settings import Settings, get_settings, own_number
from privacy.mail import SEND_ERRORS, Mail, refusal_of, send_mail
from privacy.restriction import restricted_members

log = logging.getLogger("kring.events.who_to_meet_mail")

DAYS_VARIABLE = "KRING_WHO_TO_MEET_DAYS"
TEMPLATE = "events/mail_who_to_meet.txt"
BRUSSELS = ZoneInfo("Europe/Brussels")
"""Times in the mail are Brussels time, the network's home, whatever the reader's device says."""


def lead_days(env: dict[str, str] | None = None) -> int:
    """How many days before an event the mail goes out; read each round, so no restart (every
    process checked it at start: `kring.settings.own_settings`)."""
    return own_number(DAYS_VARIABLE, env)


async def _upcoming_events(now: datetime, days: int) -> list[dict[str, Any]]:
    return await Event.select(Event.id, Event.title, Event.starts_at).where(
        (Event.status != EventStatus.cancelled)
        & (Event.starts_at > now)
        & (Event.starts_at <= now + timedelta(days=days))
    )


_MEMBER = Registration.member


async def _recipients(event_id: int, now: datetime) -> list[dict[str, Any]]:
    """Confirmed members who allow matching and mailings, with a business address, not yet
    mailed for this event (nor waiting for the next try of a send that failed)."""
    done = {
        row["registration"]
        for row in await WhoToMeetMail.select(WhoToMeetMail.registration).where(
            (WhoToMeetMail.registration.event == event_id)
            & (WhoToMeetMail.retry_at.is_null() | (WhoToMeetMail.retry_at > now))
        )
    }
    rows = await Registration.select(
        Registration.id,
        Registration.member,
        _MEMBER.first_name.as_alias("first_name"),
        _MEMBER.email.as_alias("email"),
        _MEMBER.language.as_alias("language"),
    ).where(
        (Registration.event == event_id)
        & (Registration.status == RegistrationStatus.confirmed)
        & Registration.member.is_not_null()
        & (_MEMBER.status == MemberStatus.active)
        & _MEMBER.opt_out_sharing.eq(False)
        & _MEMBER.no_mailings.eq(False)
        & Registration.member.not_in(restricted_members())
        & _MEMBER.email.is_not_null()
        & (_MEMBER.email != "")
    )
    return [row for row in rows if row["id"] not in done]


async def _claim(registration_id: int, now: datetime) -> bool:
    """True for the one caller whose insert lands, or who takes a failed send whose next try
    is due; everyone else sees the unique index (or the other's update) win."""
    inserted = (
        await WhoToMeetMail.insert(WhoToMeetMail(registration=registration_id, sent_at=now))
        .on_conflict(action="DO NOTHING")
        .returning(WhoToMeetMail.id)
    )
    if inserted:
        return True
    again = (
        await WhoToMeetMail.update({WhoToMeetMail.retry_at: None, WhoToMeetMail.sent_at: now})
        .where(
            (WhoToMeetMail.registration == registration_id)
            & WhoToMeetMail.retry_at.is_not_null()
            & (WhoToMeetMail.retry_at <= now)
        )
        .returning(WhoToMeetMail.id)
    )
    return bool(again)


async def _release(registration_id: int) -> None:
    await WhoToMeetMail.delete().where(WhoToMeetMail.registration == registration_id)


async def _retry_later(registration_id: int, now: datetime, error: Exception) -> None:
    """The relay did not take it: the claim waits for its next try, which the log names."""
    row = (
        await WhoToMeetMail.select(WhoToMeetMail.attempts)
        .where(WhoToMeetMail.registration == registration_id)
        .first()
    )
    attempts = (row["attempts"] if row else 0) + 1
    due = retry_at(attempts, now)
    await WhoToMeetMail.update(
        {WhoToMeetMail.attempts: attempts, WhoToMeetMail.retry_at: due}
    ).where(WhoToMeetMail.registration == registration_id)
    log.warning(
        "who-to-meet mail for registration %s not sent (attempt %d), next try at %s: %s",
        registration_id,
        attempts,
        due.isoformat(timespec="seconds"),
        error,
    )


def _mail(
    event: dict[str, Any], recipient: dict[str, Any], found: list[Suggestion], base_url: str
) -> Mail:
    language = recipient["language"] if recipient["language"] in LANGUAGES else "nl"
    locale = LOCALES[language]
    starts = event["starts_at"].astimezone(BRUSSELS)
    when = {
        "id": event["id"],
        "title": event["title"],
        "date": format_date(starts, "full", locale=locale),
        "time": format_time(starts, "short", tzinfo=BRUSSELS, locale=locale),
    }
    subject, body = render(
        TEMPLATE,
        language,
        event=when,
        recipient=recipient,
        suggestions=found,
        base_url=base_url,
    )
    named = tuple(s.participant.member_id for s in found if s.participant.member_id is not None)
    return Mail(
        to=recipient["email"], subject=subject, text=body, member=recipient["member"], about=named
    )


async def _send_one(
    event: dict[str, Any], recipient: dict[str, Any], settings: Settings, now: datetime
) -> int:
    found = await suggestions(event["id"], recipient["member"])
    if not found or not await _claim(recipient["id"], now):
        return 0
    try:
        mail = _mail(event, recipient, found, settings.base_url)
        sent = await send_mail(mail, processor="smtp", settings=settings)
    except SEND_ERRORS as error:
        refusal = refusal_of(error, recipient["email"])
        if refusal is not None:  # asked again, the same: the claim stays, with why
            await WhoToMeetMail.update({WhoToMeetMail.refusal: refusal}).where(
                WhoToMeetMail.registration == recipient["id"]
            )
            log.error("who-to-meet mail for registration %s given up: %s", recipient["id"], error)
            return 0
        await _retry_later(recipient["id"], now, error)
        return 0
    if not sent:  # left out: a person in it is restricted (GDPR art. 18)
        await _release(recipient["id"])
    return sent


async def release_corrected(now: datetime) -> int:
    """Offer again the mails given up for the member's address whose record changed since
    (their address corrected), as `privacy.mail_outbox` does for the event mails: the claim
    waits for a next try that is due now. Returns how many."""
    refused = WhoToMeetMail.refusal.is_not_null()
    rows = await WhoToMeetMail.select(
        WhoToMeetMail.id,
        WhoToMeetMail.sent_at,
        WhoToMeetMail.registration.member.updated_at.as_alias("changed"),
    ).where(refused)
    again = [row["id"] for row in rows if row["changed"] and row["changed"] > row["sent_at"]]
    if again:
        await WhoToMeetMail.update(
            {WhoToMeetMail.refusal: None, WhoToMeetMail.retry_at: now}
        ).where(WhoToMeetMail.id.is_in(again) & refused)
        log.info("who-to-meet mails %s: their member's record changed; offered again", again)
    return len(again)


async def send_who_to_meet_mails(
    settings: Settings | None = None, now: datetime | None = None
) -> int:
    """One mail per eligible registration for events starting within the lead time.

    Idempotent, and safe with several workers: the claim row decides who sends.
    """
    settings = settings or get_settings()
    now = now or utc_now()
    await release_corrected(now)
    sent = 0
    for event in await _upcoming_events(now, lead_days()):
        for recipient in await _recipients(event["id"], now):
            sent += await _send_one(event, recipient, settings, now)
    return sent
