"""Taking, giving back and offering seats. Capacity is never exceeded: every change of who
holds a seat happens inside `event_locked`, which serialises writers per event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from events.choices import HOLDS_A_SEAT, EventMailKind, EventStatus, RegistrationStatus
from events.locking import event_locked
from events.mail_outbox import deliver, owe
from events.tables import Event, Registration
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.errors import Conflict, Forbidden, NotFound
from kring.messages import N_, Term
from kring.tables import Activity, Member
from kring.validation import Checks, FieldError, normalise_email, require_line

OFFER_HOURS = 48
CHECK_IN_OPENS = timedelta(hours=3)
ACTIVE = (*HOLDS_A_SEAT, RegistrationStatus.waitlisted)
STILL_TO_COME = (
    RegistrationStatus.confirmed,
    RegistrationStatus.offered,
    RegistrationStatus.waitlisted,
)
"""Registrations an organiser can cancel: not yet checked in, not cancelled."""


@dataclass(frozen=True)
class Guest:
    """Someone without a member profile, registered by an organiser."""

    first_name: str
    last_name: str
    email: str
    job_title: str = ""
    company: str = ""

    def cleaned(self) -> Guest:
        """Every refused field at once, each named beside its field on the desk's form."""
        checks = Checks()
        cleaned = {"first_name": "", "last_name": "", "email": "", "job_title": "", "company": ""}
        with checks:
            cleaned["first_name"] = require_line(self.first_name, "first_name", 100)
        with checks:
            cleaned["last_name"] = require_line(self.last_name, "last_name", 100)
        with checks:
            cleaned["email"] = normalise_email(self.email)
        with checks:
            cleaned["job_title"] = require_line(self.job_title, "job_title", 150, required=False)
        with checks:
            cleaned["company"] = require_line(self.company, "company", 200, required=False)
        checks.done()
        return Guest(**cleaned)


async def event_row(event_id: int) -> dict[str, Any]:
    event = await Event.select().where(Event.id == event_id).first()
    if event is None:
        raise NotFound(N_("no event %(event_id)s"), field="event_id", event_id=event_id)
    return event


def registration_window(event: dict[str, Any], now: datetime) -> str:
    """Whether one can register now: "open", or why not ("cancelled", "over", "not_open",
    "closed"). The event page offers the form only while it is open; `_check_open` refuses
    by the same rule."""
    opens, closes = event["registration_opens_at"], event["registration_closes_at"]
    if event["status"] == EventStatus.cancelled:
        return "cancelled"
    if event["ends_at"] <= now:
        return "over"
    if opens is not None and now < opens:
        return "not_open"
    if closes is not None and now >= closes:
        return "closed"
    return "open"


WINDOW_REFUSALS = {
    "cancelled": N_("this event is cancelled"),
    "over": N_("this event is over"),
    "not_open": N_("registration has not opened yet"),
    "closed": N_("registration is closed"),
}


def _check_open(event: dict[str, Any], now: datetime) -> None:
    window = registration_window(event, now)
    if window != "open":
        reason = WINDOW_REFUSALS[window]
        raise Conflict(reason, field="event_id")


ALREADY_REGISTERED = N_("already registered (%(status)s)")


def check_not_over(event: dict[str, Any], now: datetime) -> None:
    """A registration of an event that is over is its history: who held a seat and who came.
    Nobody gives a seat back or takes one then, and the event is not cancelled afterwards."""
    if event["ends_at"] <= now:
        raise Conflict(N_("this event is over"), field="event_id")


def check_seats_still_held(event: dict[str, Any], now: datetime) -> None:
    """A seat is given back only while the event is still to come: once it is over or
    cancelled, the seats people held are its record (the cancelled event stays on their home
    page and in their feed, marked cancelled), and nobody is mailed a cancellation again."""
    if event["status"] == EventStatus.cancelled:
        raise Conflict(N_("this event is cancelled"), field="event_id")
    check_not_over(event, now)


async def _seats_taken(event_id: int) -> int:
    """Seats held or promised: confirmed, attended, and offers not yet accepted."""
    return await Registration.count().where(
        (Registration.event == event_id) & Registration.status.is_in(list(HOLDS_A_SEAT))
    )


async def _seats_accepted(event_id: int) -> int:
    """Seats people said yes to (confirmed or attended): no change of capacity takes them."""
    return await Registration.count().where(
        (Registration.event == event_id)
        & Registration.status.is_in([RegistrationStatus.confirmed, RegistrationStatus.attended])
    )


async def fit_capacity(event_id: int, capacity: int) -> list[int]:
    """Before an event's capacity is lowered to ``capacity`` (caller holds the event's lock):
    refused below the seats people accepted; offers beyond the free seats that are left go
    back to the waitlist, the last in line first, keeping their places. Returns the
    registrations whose offer was withdrawn."""
    accepted = await _seats_accepted(event_id)
    if capacity < accepted:
        raise Conflict(
            N_("the capacity cannot be lower than the seats already taken (%(taken)s)"),
            field="capacity",
            taken=accepted,
        )
    offers = [
        row["id"]
        for row in await Registration.select(Registration.id)
        .where(
            (Registration.event == event_id) & (Registration.status == RegistrationStatus.offered)
        )
        .order_by(Registration.registered_at)
        .order_by(Registration.id)
    ]
    beyond = offers[max(capacity - accepted, 0) :]
    if beyond:
        await Registration.update(
            {
                Registration.status: RegistrationStatus.waitlisted,
                Registration.offer_expires_at: None,
            }
        ).where(Registration.id.is_in(beyond))
        await owe(beyond, EventMailKind.offer_withdrawn)
    return beyond


async def tell_who_is_coming(event_id: int, kind: EventMailKind) -> None:
    """Owe everyone holding, offered or waiting for a seat a mail of this kind (caller holds
    the event's lock): news about the event itself, a cancellation or a move."""
    told = await Registration.select(Registration.id).where(
        (Registration.event == event_id) & Registration.status.is_in(list(ACTIVE))
    )
    await owe([row["id"] for row in told], kind)


async def end_open_places(event_id: int) -> None:
    """When an event is cancelled (caller holds its lock): everyone holding or waiting for a
    seat is mailed the cancellation; offers and waitlist places end, as no seat will come; the
    seats people held stay theirs, so their calendars show the event as cancelled."""
    await tell_who_is_coming(event_id, EventMailKind.event_cancelled)
    await Registration.update(
        {Registration.status: RegistrationStatus.cancelled, Registration.offer_expires_at: None}
    ).where(
        (Registration.event == event_id)
        & Registration.status.is_in([RegistrationStatus.offered, RegistrationStatus.waitlisted])
    )


async def register(
    event_id: int,
    member_id: int | None = None,
    guest: Guest | None = None,
    hide_from_list: bool = False,
    now: datetime | None = None,
    listing_consent: bool = False,
) -> str:
    """Register a member (or a guest); returns the status: confirmed or waitlisted. The person
    is mailed which (a seat comes with the calendar invitation)."""
    if (member_id is None) == (guest is None):
        raise FieldError("member", N_("register either a member or a guest"))
    now = now or utc_now()
    guest = guest.cleaned() if guest else None
    async with write_transaction():
        if member_id is not None:
            await _require_active(member_id)
        async with event_locked(event_id):
            event = await event_row(event_id)
            _check_open(event, now)
            if guest is not None and event["members_only"]:
                raise Conflict(N_("this event is for members only"), field="guest")
            existing = None
            if member_id is not None:
                existing = (
                    await Registration.select(Registration.id, Registration.status)
                    .where((Registration.event == event_id) & (Registration.member == member_id))
                    .first()
                )
            else:  # a guest is known by their address: a second click must not take a seat
                assert guest is not None
                existing = same_guest(
                    guest.email,
                    await Registration.select(
                        Registration.id, Registration.status, Registration.guest_email
                    ).where((Registration.event == event_id) & Registration.member.is_null()),
                )
            if existing and existing["status"] != RegistrationStatus.cancelled:
                raise Conflict(
                    ALREADY_REGISTERED,
                    field="member" if member_id is not None else "email",
                    status=Term(existing["status"]),
                )
            free = await _seats_taken(event_id) < event["capacity"]
            waiting = await Registration.exists().where(
                (Registration.event == event_id)
                & (Registration.status == RegistrationStatus.waitlisted)
            )
            status = (
                RegistrationStatus.confirmed
                if free and not waiting
                else RegistrationStatus.waitlisted
            )
            values = {
                Registration.status: status,
                Registration.hide_from_list: hide_from_list,
                Registration.listing_consent: listing_consent,
                Registration.registered_at: now,
                Registration.offer_expires_at: None,
            }
            if existing:
                if guest is not None:  # registered again after cancelling: as given now
                    values |= {
                        Registration.guest_first_name: guest.first_name,
                        Registration.guest_last_name: guest.last_name,
                        Registration.guest_job_title: guest.job_title,
                        Registration.guest_company: guest.company,
                    }
                await Registration.update(values).where(Registration.id == existing["id"])
                registration_id = existing["id"]
            else:
                row = Registration(event=event_id, member=member_id)
                if guest is not None:
                    row.guest_first_name = guest.first_name
                    row.guest_last_name = guest.last_name
                    row.guest_email = guest.email
                    row.guest_job_title = guest.job_title
                    row.guest_company = guest.company
                for column, value in values.items():
                    setattr(row, column._meta.name, value)
                await row.save()
                registration_id = row.id
            seated = status == RegistrationStatus.confirmed
            await owe(
                [registration_id],
                EventMailKind.registered if seated else EventMailKind.waitlisted,
            )
    await deliver(event_id)
    return status.value


def same_guest(email: str, guests: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event's guest registration with this address in any letter case (the one still
    active first), or None."""
    same = [g for g in guests if (g["guest_email"] or "").casefold() == email.casefold()]
    same.sort(key=lambda g: g["status"] == RegistrationStatus.cancelled)
    return same[0] if same else None


async def _require_active(member_id: int) -> None:
    """Read inside the registration's transaction; on PostgreSQL the member row is locked for
    share before the event, the order an erasure or merge takes too (member, then event), so
    either finishes first (and the member is no longer active) or waits."""
    query = Member.select(Member.status).where(Member.id == member_id)
    if is_postgres(Member._meta.db):
        query = query.lock_rows("SHARE")
    member = await query.first()
    if member is None or member["status"] != "active":
        raise Forbidden(N_("only active members can register"), field="member")


def _waitlist(event_id: int) -> Any:
    """The event's waitlist in the order seats are offered: first registered, first served."""
    return (
        Registration.select(Registration.id)
        .where(
            (Registration.event == event_id)
            & (Registration.status == RegistrationStatus.waitlisted)
        )
        .order_by(Registration.registered_at)
        .order_by(Registration.id)
    )


async def waitlist_positions(event_id: int) -> dict[int, int]:
    """Registration id → place on the waitlist (1 is offered the next free seat)."""
    rows = await _waitlist(event_id)
    return {row["id"]: place for place, row in enumerate(rows, start=1)}


def offers_seats(event: dict[str, Any], now: datetime) -> bool:
    """Whether a freed seat still goes to the waitlist: only before a scheduled event starts
    (a no-show or a cancellation during the event frees nothing anyone could take)."""
    return event["status"] == EventStatus.scheduled and event["starts_at"] > now


def check_in_opens(event: dict[str, Any]) -> datetime:
    """From when a person can be checked in: CHECK_IN_OPENS before the start (doors open
    early; earlier it is a mistake, and it would write a future event into their history)."""
    return event["starts_at"] - CHECK_IN_OPENS


async def _offer_free_seats(event_id: int, capacity: int, now: datetime) -> list[int]:
    """Offer each free seat to the next on the waitlist; caller holds the event lock and has
    checked ``offers_seats``. The registrations offered a seat, in line."""
    free = capacity - await _seats_taken(event_id)
    if free <= 0:
        return []
    ids = [row["id"] for row in await _waitlist(event_id).limit(free)]
    if ids:
        await Registration.update(
            {
                Registration.status: RegistrationStatus.offered,
                Registration.offer_expires_at: now + timedelta(hours=OFFER_HOURS),
            }
        ).where(Registration.id.is_in(ids))
        await owe(ids, EventMailKind.offered)
    return ids


async def cancel(event_id: int, member_id: int, now: datetime | None = None) -> None:
    """A member gives back their place; a freed seat goes to the waitlist as an offer."""
    now = now or utc_now()
    async with event_locked(event_id):
        event = await event_row(event_id)
        row = (
            await Registration.select(Registration.id, Registration.status)
            .where((Registration.event == event_id) & (Registration.member == member_id))
            .first()
        )
        if row is None or row["status"] not in [s.value for s in ACTIVE]:
            raise NotFound(N_("you are not registered for this event"), field="event_id")
        if row["status"] == RegistrationStatus.attended:
            raise Conflict(N_("attendance is already recorded"), field="event_id")
        check_seats_still_held(event, now)
        await give_back(event, row["id"], now)
    await deliver(event_id)


async def _registration_at(event_id: int, registration_id: int, *columns: Any) -> dict[str, Any]:
    """The registration's ``columns``; a 404 naming the id when it is not this event's."""
    row = (
        await Registration.select(*columns)
        .where((Registration.id == registration_id) & (Registration.event == event_id))
        .first()
    )
    if row is None:
        raise NotFound(
            N_("no registration %(registration_id)s"),
            field="registration_id",
            registration_id=registration_id,
        )
    return row


async def registration_status(event_id: int, registration_id: int) -> str:
    """The status of one registration of this event (404 naming the id when not its own)."""
    return (await _registration_at(event_id, registration_id, Registration.status))["status"]


async def cancel_for_them(
    event_id: int, registration_id: int, now: datetime | None = None
) -> list[int]:
    """An organiser cancels someone's registration (a member's or a guest's): the seat goes
    to the waitlist as with their own cancellation, and the person is told by mail. The
    registrations the freed seat was offered to, for the desk to say whom."""
    now = now or utc_now()
    async with event_locked(event_id):
        event = await event_row(event_id)
        row = await _registration_at(event_id, registration_id, Registration.status)
        if row["status"] not in STILL_TO_COME:
            raise Conflict(
                N_("a %(status)s registration cannot be cancelled"),
                field="status",
                status=Term(row["status"]),
            )
        check_seats_still_held(event, now)
        offered = await give_back(event, registration_id, now)
        await owe([registration_id], EventMailKind.organiser_cancelled)
    await deliver(event_id)
    return offered


async def give_back(event: dict[str, Any], registration_id: int, now: datetime) -> list[int]:
    """One registration cancelled and its seat offered to the waitlist: the one path for a
    member's cancellation, an erasure and a merge. Caller holds the event's lock. The
    registrations offered a seat."""
    await Registration.update(
        {Registration.status: RegistrationStatus.cancelled, Registration.offer_expires_at: None}
    ).where(Registration.id == registration_id)
    if offers_seats(event, now):
        return await _offer_free_seats(event["id"], event["capacity"], now)
    return []


async def accept_offer(event_id: int, member_id: int, now: datetime | None = None) -> None:
    """The offered seat becomes the member's; refused when the event is cancelled or the seat
    would be one more than its capacity (a capacity lowered meanwhile)."""
    now = now or utc_now()
    async with event_locked(event_id):
        event = await event_row(event_id)
        row = (
            await Registration.select(
                Registration.id, Registration.status, Registration.offer_expires_at
            )
            .where((Registration.event == event_id) & (Registration.member == member_id))
            .first()
        )
        if row is not None and row["status"] == RegistrationStatus.confirmed:
            # A second accept (a double click, or the same one at once): the seat is already
            # theirs, which is a conflict with the current state, as for introductions.
            raise Conflict(N_("you already accepted this seat"), field="event_id")
        if row is None or row["status"] != RegistrationStatus.offered:
            raise NotFound(N_("there is no seat offered to you for this event"), field="event_id")
        if row["offer_expires_at"] is not None and row["offer_expires_at"] <= now:
            raise Conflict(N_("the offer has expired"), field="event_id")
        check_not_over(event, now)
        if event["status"] == EventStatus.cancelled:
            raise Conflict(N_("this event is cancelled"), field="event_id")
        if await _seats_accepted(event_id) >= event["capacity"]:
            raise Conflict(
                N_("every seat is taken: the event's capacity is %(capacity)s"),
                field="event_id",
                capacity=event["capacity"],
            )
        await Registration.update(
            {Registration.status: RegistrationStatus.confirmed, Registration.offer_expires_at: None}
        ).where(Registration.id == row["id"])
        await owe([row["id"]], EventMailKind.registered)
    await deliver(event_id)


async def offers_moved_on(event_id: int, now: datetime) -> int:
    """Expire one event's lapsed offers (their people are told) and offer their seats to the
    next in line.

    Skips (raises EventBusy) when another worker is already at this event (PostgreSQL).
    """
    async with event_locked(event_id, skip_locked=True):
        event = await event_row(event_id)
        lapsed = (
            await Registration.update(
                {
                    Registration.status: RegistrationStatus.cancelled,
                    Registration.offer_expires_at: None,
                }
            )
            .where(
                (Registration.event == event_id)
                & (Registration.status == RegistrationStatus.offered)
                & (Registration.offer_expires_at <= now)
            )
            .returning(Registration.id)
        )
        await owe([row["id"] for row in lapsed], EventMailKind.offer_lapsed)
        if offers_seats(event, now):
            await _offer_free_seats(event_id, event["capacity"], now)
    return len(lapsed)


MARKED_MEANWHILE = N_(
    "%(name)s was marked %(now)s by someone else meanwhile, where you chose %(mine)s; nothing "
    "changed: the list shows it as it is now, choose again if it should change"
)


class MarkedMeanwhile(Conflict):
    """The desk's row showed another status than the registration has now, and its button
    asks for a third: another organiser marked the person meanwhile (checked them in at the
    door while this desk, opened earlier, marked a no-show). Neither is silently lost; the
    desk names the person (`name`)."""


async def record_attendance(
    registration_id: int,
    event_id: int,
    attended: bool,
    now: datetime | None = None,
    shown: str | None = None,
) -> str:
    """Check-in by an organiser; attendance becomes part of the member's activity history.
    Attended from ``check_in_opens``, a no-show once the event has started. Returns the status
    it had, so the desk can say a ticket was used before. `shown` is the status the desk's row
    showed: one changed meanwhile to neither it nor the one asked for is `MarkedMeanwhile`."""
    now = now or utc_now()
    async with event_locked(event_id):
        event = await event_row(event_id)
        # Another event's registration is not found, whatever this event's time.
        row = await _registration_at(
            event_id, registration_id, Registration.member, Registration.status
        )
        if attended and now < check_in_opens(event):
            raise Conflict(
                N_("check-in opens %(hours)s hours before the event starts"),
                field="attended",
                hours=CHECK_IN_OPENS.seconds // 3600,
            )
        if not attended and now < event["starts_at"]:
            raise Conflict(N_("a no-show is recorded once the event has started"), field="attended")
        if row["status"] in (RegistrationStatus.cancelled, RegistrationStatus.waitlisted):
            raise Conflict(
                N_("a %(status)s registration cannot be checked in"),
                field="status",
                status=Term(row["status"]),
            )
        status = RegistrationStatus.attended if attended else RegistrationStatus.no_show
        if shown is not None and row["status"] not in (shown, status):
            raise MarkedMeanwhile(
                MARKED_MEANWHILE, name="", now=Term(row["status"]), mine=Term(status)
            )
        await Registration.update({Registration.status: status}).where(
            Registration.id == registration_id
        )
        if row["member"] is None:
            return row["status"]
        day = event["starts_at"].date()
        same = (
            (Activity.member == row["member"])
            & (Activity.source == "event")
            & (Activity.title == event["title"])
            & (Activity.occurred_on == day)
        )
        await Activity.delete().where(same)
        if attended:
            await Activity.insert(
                Activity(
                    member=row["member"], title=event["title"], occurred_on=day, source="event"
                )
            )
    return row["status"]


async def set_own_visibility(event_id: int, member_id: int, hidden: bool) -> None:
    """Hide me, or show me: showing is also the consent an opt-in event needs."""
    updated = (
        await Registration.update(
            {Registration.hide_from_list: hidden, Registration.listing_consent: not hidden}
        )
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .returning(Registration.id)
    )
    if not updated:
        raise NotFound(N_("you are not registered for this event"), field="event_id")


async def set_organiser_hidden(event_id: int, registration_id: int, hidden: bool) -> None:
    updated = (
        await Registration.update({Registration.organiser_hidden: hidden})
        .where((Registration.event == event_id) & (Registration.id == registration_id))
        .returning(Registration.id)
    )
    if not updated:
        raise NotFound(
            N_("no registration %(registration_id)s"),
            field="registration_id",
            registration_id=registration_id,
        )


async def my_registration(event_id: int, member_id: int | None) -> dict[str, Any] | None:
    """The member's registration, with `waitlist_position` (None unless waitlisted) and
    `never_listed`, their wish on their privacy page never to be on a participant list, which
    wins over what they chose for this event."""
    if member_id is None:
        return None
    mine = (
        await Registration.select(
            Registration.id,
            Registration.status,
            Registration.hide_from_list,
            Registration.listing_consent,
            Registration.offer_expires_at,
            Registration.member.opt_out_listing.as_alias("never_listed"),
        )
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )
    if mine is not None:
        waiting = mine["status"] == RegistrationStatus.waitlisted
        mine["waitlist_position"] = (
            (await waitlist_positions(event_id)).get(mine["id"]) if waiting else None
        )
    return mine
