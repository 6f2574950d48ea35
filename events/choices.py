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
