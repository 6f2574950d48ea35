"""The closed vocabularies of the platform, shared by tables, API schemas, forms and the demo."""

from enum import StrEnum


class Role(StrEnum):
    member = "member"
    organiser = "organiser"
    privacy_officer = "privacy_officer"
    admin = "admin"


class MetVia(StrEnum):
    """How the network first met a person; for a 30-year-old network `unknown` is normal."""

    phone = "phone"
    email = "email"
    social_media = "social_media"
    in_person = "in_person"
    event = "event"
    unknown = "unknown"


class MemberStatus(StrEnum):
    active = "active"
    paused = "paused"
    erased = "erased"


class OrganisationKind(StrEnum):
    company = "company"
    public_body = "public_body"
    non_profit = "non_profit"
    education = "education"
    healthcare = "healthcare"
    consultancy = "consultancy"


class InteractionKind(StrEnum):
    meeting = "meeting"
    appointment = "appointment"
    call = "call"


class Language(StrEnum):
    nl = "nl"
    en = "en"


class RecordStatus(StrEnum):
    open = "open"
    closed = "closed"


class ResetLinkSpent(StrEnum):
    """Why a password reset link no longer works, so its page can say so: it was used, another
    link set the password, or the password was changed with the current one."""

    used = "used"
    replaced = "replaced"
    changed = "changed"
