"""Marks the values of closed vocabularies for translation; templates show them with `_()`."""

from kring.choices import InteractionKind, MemberStatus, MetVia, OrganisationKind, RecordStatus


def N_(message: str) -> str:
    return message


SHOWN_VALUES = (
    N_("phone"),
    N_("email"),
    N_("social_media"),
    N_("in_person"),
    N_("event"),
    N_("unknown"),
    N_("active"),
    N_("paused"),
    N_("erased"),
    N_("company"),
    N_("public_body"),
    N_("non_profit"),
    N_("education"),
    N_("healthcare"),
    N_("consultancy"),
    N_("meeting"),
    N_("appointment"),
    N_("call"),
    N_("open"),
    N_("closed"),
    # introductions.tables.IntroductionState (kring does not import matching)
    N_("proposed"),
    N_("requested"),
    N_("accepted"),
    N_("declined"),
    N_("expired"),
    N_("completed"),
    N_("Bad request"),
    N_("Not logged in"),
    N_("Forbidden"),
    N_("Not found"),
    N_("Method not allowed"),
    N_("Conflict"),
    N_("Request too large"),
    N_("Unsupported media type"),
    N_("Unprocessable content"),
    N_("Too many requests"),
    N_("Internal server error"),
    N_("Service unavailable"),
    N_("Error"),
)

ENUMS = (MetVia, MemberStatus, OrganisationKind, InteractionKind, RecordStatus)
