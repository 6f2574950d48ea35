"""The closed vocabularies of mailings."""

from enum import StrEnum

from kring.vocabulary import N_


class MailingState(StrEnum):
    """draft → queued (recipients fixed, the outbox is filled) → sending → sent; a draft or a
    queued mailing may be cancelled (what was sent stays sent)."""

    draft = "draft"
    queued = "queued"
    sending = "sending"
    sent = "sent"
    cancelled = "cancelled"


class AudienceKind(StrEnum):
    """Who a mailing goes to; whatever the kind, erased, restricted and opted-out people are
    never in it (`mailings.audience`)."""

    all_members = "all_members"
    event = "event"
    organisations = "organisations"
    tags = "tags"


AUDIENCE_LABELS = {
    AudienceKind.all_members: N_("all members who allow mailings"),
    AudienceKind.event: N_("the participants of an event"),
    AudienceKind.organisations: N_("the members of chosen organisations"),
    AudienceKind.tags: N_("members whose open challenges or expertise match tags"),
}
"""How the audience page names each kind (message ids; `_()` in the template)."""
