"""Closed vocabularies of events and registrations."""

from enum import StrEnum


class EventStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class RegistrationStatus(StrEnum):
    confirmed = "confirmed"
    waitlisted = "waitlisted"
    offered = "offered"  # a freed seat offered to the first on the waitlist, until it expires
    cancelled = "cancelled"
    attended = "attended"
    no_show = "no_show"


HOLDS_A_SEAT = (
    RegistrationStatus.confirmed,
    RegistrationStatus.offered,
    RegistrationStatus.attended,
)


class EventMailKind(StrEnum):
    """Which mail about a registration is owed (one row per registration and kind until sent)."""

    registered = "registered"  # a seat: confirmed, with the invitation (.ics REQUEST)
    waitlisted = "waitlisted"  # the event is full: their place in line
    offered = "offered"  # a freed seat, to accept before the offer lapses
    offer_withdrawn = "offer_withdrawn"  # the capacity was lowered: back on the waitlist
    event_cancelled = "event_cancelled"  # with the cancellation (.ics CANCEL)
    event_moved = "event_moved"  # its time or place changed: with the updated invitation
    organiser_cancelled = "organiser_cancelled"  # their registration, by the organisers
    offer_lapsed = "offer_lapsed"  # not accepted in time: the seat went on, their place ended


class ListVisibility(StrEnum):
    """Who may see an event's shareable participant list; the organiser chooses per event."""

    organisers = "organisers"
    participants = "participants"
    public = "public"  # every signed-in account


class ListingPolicy(StrEnum):
    """Listed unless one says no (the network's policy), or listed only after saying yes."""

    opt_out = "opt_out"
    opt_in = "opt_in"


LISTABLE = (RegistrationStatus.confirmed, RegistrationStatus.attended)
