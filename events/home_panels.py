"""The events' part of the home page: a member's coming events with their place, and for
organisers how full the coming events are."""

from __future__ import annotations

from typing import Any

from events import undelivered
from events.choices import EventStatus, RegistrationStatus
from events.listing import list_events
from events.registration import waitlist_positions
from events.tables import Registration
from kring.audience import EVERYONE, ORGANISERS
from kring.clock import utc_now
from kring.home import HomePanel
from kring.principal import Principal

COMING = 5
STILL_ON = (
    RegistrationStatus.confirmed,
    RegistrationStatus.offered,
    RegistrationStatus.waitlisted,
    # Checked in at the door: the event is still on until it ends (it vanished at check-in).
    RegistrationStatus.attended,
)


async def my_events(viewer: Principal) -> dict[str, Any] | None:
    """The member's coming registrations, soonest first (a cancelled event marked)."""
    rows = (
        await Registration.select(
            Registration.id,
            Registration.event,
            Registration.event.title,
            Registration.event.starts_at,
            Registration.event.status,
            Registration.status,
            Registration.offer_expires_at,
        )
        .where(
            (Registration.member == viewer.member_id)
            & Registration.status.is_in(list(STILL_ON))
            & (Registration.event.ends_at >= utc_now())
            # A cancelled event stays, marked, for whoever held a seat in it: vanishing, it
            # looked like a lost registration (offers and waitlist places ended with it).
            & (
                (Registration.event.status != EventStatus.cancelled)
                | (Registration.status == RegistrationStatus.confirmed)
            )
        )
        .order_by(Registration.event.starts_at)
        .limit(COMING)
    )
    for row in rows:
        if row["status"] == RegistrationStatus.waitlisted:
            places = await waitlist_positions(row["event"])
            row["waitlist_position"] = places.get(row["id"])
    return {"registrations": rows}


async def fill_rates(viewer: Principal) -> dict[str, Any]:
    """The coming events for organisers, the cancelled ones among them marked, so the one who
    cancelled an event still finds it here."""
    return {"events": await list_events(upcoming=True, limit=COMING, cancelled_too=True)}


PANELS = (
    HomePanel("home/my_events.html", my_events, EVERYONE, needs_profile=True, order=40),
    HomePanel("home/fill_rates.html", fill_rates, ORGANISERS, order=10),
    HomePanel(
        "home/my_mails_not_delivered.html",
        undelivered.members_panel,
        EVERYONE,
        needs_profile=True,
        order=5,
    ),
    HomePanel("home/mails_not_delivered.html", undelivered.organisers_panel, ORGANISERS, order=5),
)
