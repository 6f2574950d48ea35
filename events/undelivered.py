"""Mails about registrations that did not reach their person, so that nobody waits for a mail
that never comes: the organisers see who, which mail, for which event and why (and correct an
address), the person sees that their address is refused. Which mails are given up, and when
they are offered again, is `privacy.mail_outbox`'s work (`events.mail_outbox`)."""

from __future__ import annotations

from typing import Any

from events.mail_outbox import OUTBOX
from events.participants import organises
from events.tables import EventMail, EventOrganiser, WhoToMeetMail
from kring.choices import Role
from kring.clock import utc_now
from kring.principal import Principal
from kring.tables import Member
from kring.vocabulary import N_
from privacy.mail_outbox import KEEP_SETTLED, undelivered_panel, why_undelivered


def _about(registration: Any) -> tuple[Any, ...]:
    """The columns naming whom a mail was to and which event, through its registration."""
    return (
        registration.event.as_alias("event"),
        registration.event.title.as_alias("event_title"),
        registration.member.as_alias("member"),
        registration.member.first_name.as_alias("member_first_name"),
        registration.member.last_name.as_alias("member_last_name"),
        registration.member.email.as_alias("member_email"),
    )


_REGISTRATION = EventMail.registration
COLUMNS = (
    EventMail.id,
    EventMail.registration,
    EventMail.kind,
    EventMail.refusal,
    EventMail.due_at.as_alias("at"),
    *_about(_REGISTRATION),
    _REGISTRATION.guest_first_name.as_alias("guest_first_name"),
    _REGISTRATION.guest_last_name.as_alias("guest_last_name"),
    _REGISTRATION.guest_email.as_alias("guest_email"),
)
WHO_TO_MEET = "who_to_meet"
"""The kind of a "who to meet" mail, as the lists name it beside the event mails' kinds."""
_WHO = WhoToMeetMail.registration
WHO_COLUMNS = (
    WhoToMeetMail.id,
    WhoToMeetMail.registration,
    WhoToMeetMail.refusal,
    WhoToMeetMail.sent_at.as_alias("at"),
    *_about(_WHO),
)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """One mail as the lists show it: whom it was to, what it was about, and why it did not go
    (None: the relay never took it, the address is not known to be at fault)."""
    member = row["member"] is not None
    first, last = (
        (row["member_first_name"], row["member_last_name"])
        if member
        else (row["guest_first_name"], row["guest_last_name"])
    )
    address = row["member_email"] if member else row["guest_email"]
    who_to_meet = row["kind"] == WHO_TO_MEET  # its own table: its own numbers on the page
    return {
        "id": f"{WHO_TO_MEET}-{row['id']}" if who_to_meet else row["id"],
        "registration": row["registration"],
        "event": row["event"],
        "kind": row["kind"],
        "at": row["at"],
        "member": row["member"],
        "guest": not member,
        "name": f"{first or ''} {last or ''}".strip(),
        "about": row["event_title"],
        "link": f"/events/{row['event']}/registrations",
        "reason": why_undelivered(row["refusal"], address),
    }


async def undelivered(
    member_id: int | None = None,
    event_id: int | None = None,
    organised_by: Principal | None = None,
) -> list[dict[str, Any]]:
    """The event mails given up and not yet forgotten, with the "who to meet" mails refused
    for good in that time, newest first: those of the events `organised_by` organises (every
    event's for an admin), one event's (for its desk), or a member's own refused for their
    address."""
    query = EventMail.select(*COLUMNS).where(OUTBOX.undelivered())
    who = WhoToMeetMail.select(*WHO_COLUMNS).where(
        WhoToMeetMail.refusal.is_not_null()
        & _WHO.member.is_not_null()
        & (WhoToMeetMail.sent_at >= utc_now() - KEEP_SETTLED)
    )
    if member_id is not None:
        query = query.where((_REGISTRATION.member == member_id) & EventMail.refusal.is_not_null())
        who = who.where(_WHO.member == member_id)
    if event_id is not None:
        query = query.where(_REGISTRATION.event == event_id)
        who = who.where(_WHO.event == event_id)
    if organised_by is not None and organised_by.role != Role.admin:
        mine = EventOrganiser.select(EventOrganiser.event).where(
            EventOrganiser.account == organised_by.account_id
        )
        query = query.where(_REGISTRATION.event.is_in(mine))
        who = who.where(_WHO.event.is_in(mine))
    rows = [*await query, *[row | {"kind": WHO_TO_MEET} for row in await who]]
    rows.sort(key=lambda row: (row["at"], row["kind"] != WHO_TO_MEET, row["id"]), reverse=True)
    return [_shown(row) for row in rows]


async def _correctable(viewer: Principal, mails: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Marks the mails refused for a guest's address in an event the viewer organises: a guest
    has no form of their own, so its organisers correct the address beside the mail
    (`events.guest_address`)."""
    refused = {mail["event"] for mail in mails if mail["guest"] and mail["reason"] is not None}
    mine = {event_id for event_id in refused if await organises(viewer, event_id)}
    for mail in mails:
        mail["correctable"] = mail["guest"] and mail["reason"] is not None and mail["event"] in mine
    return mails


async def organisers_panel(viewer: Principal) -> dict[str, Any] | None:
    """The mails of the viewer's own events: staff see participant data of the events they
    organise only (`events.participants.may_see_list`)."""
    return undelivered_panel(
        await _correctable(viewer, await undelivered(organised_by=viewer)),
        "event-mails-not-delivered",
        N_("Event mails not delivered"),
        N_("List of event mails not delivered"),
    )


async def event_panel(viewer: Principal, event_id: int) -> dict[str, Any] | None:
    """The same list on the event's own desk, of that event's mails only: its organisers see
    them where they work on its registrations."""
    panel = undelivered_panel(
        await _correctable(viewer, await undelivered(event_id=event_id)),
        "event-mails-not-delivered",
        N_("Mails about this event not delivered"),
        N_("List of mails about this event not delivered"),
    )
    if panel is not None:
        panel["one_event"] = True
    return panel


async def members_panel(viewer: Principal) -> dict[str, Any] | None:
    return undelivered_panel(
        await undelivered(viewer.member_id),
        "my-event-mails-not-delivered",
        N_("Mails about your registrations did not arrive"),
    )


async def without_address(member_id: int | None) -> bool:
    """Whether a member has no business e-mail address on record: their registration's mails
    (the confirmation with its calendar file, a seat that comes free) are never written, so no
    list of mails not delivered names them; the page where they register says so instead."""
    if member_id is None:
        return False
    row = await Member.select(Member.email).where(Member.id == member_id).first()
    return row is not None and not row["email"]
