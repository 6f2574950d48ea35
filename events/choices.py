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
LISTABLE = (RegistrationStatus.confirmed, RegistrationStatus.attended)


def N_(message: str) -> str:
    return message


# Shown on pages through `_(status)`; marked here so the catalogues carry them.
SHOWN_VALUES = (
    N_("confirmed"),
    N_("waitlisted"),
    N_("offered"),
    N_("cancelled"),
    N_("attended"),
    N_("no_show"),
    N_("scheduled"),
)
