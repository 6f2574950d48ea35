"""Events, their organisers and registrations."""

from __future__ import annotations

import uuid

from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from events.choices import (
    EventMailKind,
    EventStatus,
    ListingPolicy,
    ListVisibility,
    RegistrationStatus,
)
from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text, declare_not_personal
from kring.tables import Account, Member
from kring.vocabulary import N_
from privacy.mail import Refusal


def new_uid() -> str:
    """An iCalendar UID, made once per event and never regenerated."""
    return f"{uuid.uuid4()}@kring"


class Event(Table):
    """A network event. Times are stored in UTC; `timezone` says where they happen."""

    uid = Varchar(length=80, unique=True, default=new_uid)
    title = Varchar(length=200)
    description = Text(default="")
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    timezone = Varchar(length=64, default="Europe/Brussels")
    venue = Varchar(length=200, default="")
    address = Varchar(length=300, default="")
    online_url = Varchar(length=500, default="")
    capacity = Integer(default=0)
    registration_opens_at = Timestamptz(null=True, default=None)
    registration_closes_at = Timestamptz(null=True, default=None)
    members_only = Boolean(default=True)
    status = Varchar(length=10, choices=EventStatus, default=EventStatus.scheduled)
    # Who sees the shareable participant list, and whether people are listed unless they say no.
    list_visibility = Varchar(length=12, choices=ListVisibility, default=ListVisibility.organisers)
    listing = Varchar(length=8, choices=ListingPolicy, default=ListingPolicy.opt_out)
    sequence = Integer(default=0)
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)


class EventOrganiser(Table):
    """Which staff accounts organise an event; they see its full participant data."""

    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)


class Registration(Table):
    """A member's or a guest's place at an event.

    `hide_from_list` is the participant's own "don't list me for this event";
    `organiser_hidden` is the organiser's flag. Either one, or the member-wide opt-out, keeps a
    person off every shareable participant list. `listing_consent` is the participant's yes,
    needed on events whose listing is opt-in.
    """

    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    member = ForeignKey(Member, on_delete=OnDelete.cascade, null=True, index=True)
    guest_first_name = Varchar(length=100, default="")
    guest_last_name = Varchar(length=100, default="")
    guest_job_title = Varchar(length=150, default="")
    guest_company = Varchar(length=200, default="")
    guest_email = Varchar(length=254, null=True, default=None)
    status = Varchar(length=12, choices=RegistrationStatus, default=RegistrationStatus.confirmed)
    hide_from_list = Boolean(default=False)
    organiser_hidden = Boolean(default=False)
    listing_consent = Boolean(default=False)
    registered_at = Timestamptz()
    offer_expires_at = Timestamptz(null=True, default=None)
    updated_at = Timestamptz(auto_update=utc_now)


class CalendarFeed(Table):
    """A member's personal calendar subscription. Only a hash of the secret URL token is kept."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)


class ExportLog(Table):
    """One download of an organiser's full participant export: who, which event, when, format."""

    account = ForeignKey(Account, on_delete=OnDelete.set_null, null=True, index=True)
    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    format = Varchar(length=8)
    created_at = Timestamptz()


class WhoToMeetMail(Table):
    """The "who to meet" mail of one registration, claimed before it is sent.

    A raw unique index on `registration` (migration) lets two workers race safely: only the one
    whose insert lands sends. A send the relay did not take keeps the row with `retry_at`, when
    a later round may claim it again (`kring.mail_retries`' growing waits), so a relay that is
    down is not asked at every round.
    """

    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    sent_at = Timestamptz()
    attempts = Integer(default=0)
    retry_at = Timestamptz(null=True, default=None)
    refusal = Varchar(length=20, choices=Refusal, null=True, default=None)
    """Why the mail was given up at once (`privacy.mail.Refusal`), at `sent_at`: listed for the
    organisers and the member with the event mails not delivered, and offered again once the
    member's record changes (`events.who_to_meet_mail`)."""


class EventMail(Table):
    """A mail a registration's change owes its person, written in the same transaction as the
    change. Ids only: the text is rendered when it is sent, from the data as it is then (a
    mail that no longer holds, such as an offer accepted meanwhile, is not sent). Sent at once
    when the relay answers, otherwise retried by the worker (`events.mail_outbox`). A raw
    partial unique index on (registration, kind) while unsent makes owing a mail twice
    impossible."""

    registration = ForeignKey(Registration, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=20, choices=EventMailKind)
    due_at = Timestamptz()
    attempts = Integer(default=0)
    claimed_until = Timestamptz(null=True, default=None)
    done_at = Timestamptz(null=True, default=None)
    refusal = Varchar(length=20, choices=Refusal, null=True, default=None)
    """Why the mail was given up at once (`privacy.mail.Refusal`: the address on record, or the
    relay's refusal for good); listed for organisers and the person, offered again once the
    person's record changes."""


declare_not_personal(Event, "an event of the network; its organisers are linked in EventOrganiser")
declare_not_personal(EventOrganiser, "links staff accounts to events they organise")
declare(
    Registration,
    subject="member",
    columns={
        "member": Erase.null,
        "guest_first_name": Erase.blank,
        "guest_last_name": Erase.blank,
        "guest_job_title": Erase.blank,
        "guest_company": Erase.blank,
        "guest_email": Erase.null,
        "hide_from_list": Erase.keep,
        "listing_consent": Erase.keep,
    },
    category=N_("participation"),
    purpose=N_("organise events: seats, waitlists, attendance, participant lists"),
    legal_basis=LegalBasis.contract,
    retention=N_("attendance kept for the member's activity history; guests: 2 years"),
    notes="after erasure the row stays anonymous so capacity history and reports stay correct",
)
declare(
    CalendarFeed,
    subject="member",
    columns={"token_hash": Erase.delete_row},
    category=N_("account"),
    purpose=N_("let a member subscribe to the events they registered for in their calendar"),
    legal_basis=LegalBasis.contract,
    retention=N_("until revoked or the member leaves"),
)
declare_not_personal(
    ExportLog,
    "accountability log of full participant exports: the staff account id, event, time and "
    "format only, no participant data",
)
declare(
    WhoToMeetMail,
    subject="registration",
    columns={"registration": Erase.delete_row, "refusal": Erase.delete_row},
    category=N_("participation"),
    purpose=N_(
        "mail a member the people to meet at an event once, and show them and the organisers "
        "a mail that could not be delivered to their address"
    ),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_("as long as the registration; a mail not delivered is listed for 30 days"),
    notes="a registration id, times, a count and why a mail was not delivered (a code: never "
    "the address or the relay's words); the mail itself is not kept",
)
declare(
    EventMail,
    subject="registration",
    columns={"registration": Erase.delete_row, "refusal": Erase.delete_row},
    category=N_("participation"),
    purpose=N_(
        "mail a person about their registration, and show them and the organisers a mail that "
        "could not be delivered to their address"
    ),
    legal_basis=LegalBasis.contract,
    retention=N_("until the mail goes; one given up, 30 days"),
    notes="ids, a kind and why a mail was not delivered (a code: never the address or the "
    "relay's words); the text is rendered when it goes and never kept, and none goes about "
    "an erased person",
)

declare_free_text(Event, ("title", "description"), owner=None, label=N_("Event"))
