"""The platform core's tables. Personal data in them is declared to the privacy module below."""

from __future__ import annotations

from piccolo.columns import (
    Array,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.date import DateNow
from piccolo.table import Table

from kring.choices import (
    InteractionKind,
    Language,
    MemberStatus,
    MetVia,
    OrganisationKind,
    RecordStatus,
    ResetLinkSpent,
    Role,
)
from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text, declare_not_personal
from kring.settings import get_settings
from kring.vocabulary import N_


class Organisation(Table):
    """A member organisation; its e-mail domains tell who are colleagues."""

    name = Varchar(length=200, index=True)
    enterprise_number = Varchar(length=12, unique=True, null=True, default=None)
    kind = Varchar(length=20, choices=OrganisationKind, default=OrganisationKind.company)
    website = Varchar(length=300, default="")
    address = Varchar(length=300, default="")
    created_at = Timestamptz()
    # Name and number folded for search (kring.search), kept in step by every write.
    search_name = Varchar(length=300, default="")


class OrganisationDomain(Table):
    """One e-mail domain of an organisation; a domain belongs to one organisation only."""

    organisation = ForeignKey(Organisation, on_delete=OnDelete.cascade, index=True)
    domain = Varchar(length=253, unique=True)


class Member(Table):
    """A professional in the network. Never a minor: no birth date is ever stored."""

    first_name = Varchar(length=100)
    last_name = Varchar(length=100, index=True)
    job_title = Varchar(length=150, default="")
    email = Varchar(length=254, unique=True, null=True, default=None)
    phone = Varchar(length=20, default="")
    address = Varchar(length=300, default="")
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, null=True, index=True)
    met_via = Varchar(length=20, choices=MetVia, default=MetVia.unknown)
    joined_at = Date(default=DateNow())
    status = Varchar(length=10, choices=MemberStatus, default=MemberStatus.active, index=True)
    language = Varchar(length=2, choices=Language, default=Language.nl)
    # Opt-outs as they stand now; their history (who, when, how) lives in privacy.OptOutEvent,
    # and only privacy.opt_outs changes these flags.
    opt_out_sharing = Boolean(default=False)
    opt_out_listing = Boolean(default=False)
    no_mailings = Boolean(default=False)
    # Fields left off participant lists when listed (the name always shows); privacy.opt_outs.
    hide_job_title_on_lists = Boolean(default=False)
    hide_company_on_lists = Boolean(default=False)
    # Only usable while a consent record exists (privacy.Consent).
    private_email = Varchar(length=254, null=True, default=None)
    private_address = Varchar(length=300, null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)
    # Both names folded for search (kring.search), kept in step by every write; erasure blanks
    # it, so an erased person is no longer found by name. Indexed: a search scans the index.
    search_name = Varchar(length=300, default="", index=True)


class Account(Table):
    """A login. Members' accounts point at their profile; staff accounts may have none."""

    email = Varchar(length=254, unique=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20, choices=Role, default=Role.member)
    member = ForeignKey(Member, on_delete=OnDelete.set_null, null=True, unique=True)
    display_name = Varchar(length=200, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()


class UserSession(Table):
    """A server-side page session. Only a hash of the cookie's token is stored."""

    token_hash = Varchar(length=64, unique=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    expires_at = Timestamptz(index=True)
    # When the password was last asked again in this session (before export or erasure).
    reauthenticated_at = Timestamptz(null=True, default=None)


class ApiToken(Table):
    """A bearer token for the API, stored hashed, revocable, shown once at creation."""

    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=100)
    prefix = Varchar(length=12)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    expires_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class LoginThrottle(Table):
    """Failed logins per keyed hash (of an e-mail or a client address) and time window."""

    key_hash = Varchar(length=64, index=True)
    window_start = Timestamptz()
    failures = Integer(default=0)


class PasswordReset(Table):
    """A link mailed to reset a forgotten password: single-use, valid for an hour from when its
    mail went. Only a hash of its token is stored; the worker deletes the row once the hour is
    over (of a mail still to be tried again: the hour after that try)."""

    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    expires_at = Timestamptz(index=True)
    used_at = Timestamptz(null=True, default=None)
    spent_because = Varchar(length=12, choices=ResetLinkSpent, null=True, default=None)
    # Its mail, tried again when the relay did not take it (members.reset_mails).
    language = Varchar(length=2, default="")
    mail_due_at = Timestamptz(null=True, default=None)
    mail_attempts = Integer(default=0)
    mail_claimed_until = Timestamptz(null=True, default=None)
    mail_sent_at = Timestamptz(null=True, default=None)


class Interaction(Table):
    """A meeting, appointment or call the network's staff held with a member."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=12, choices=InteractionKind, default=InteractionKind.meeting)
    occurred_on = Date()
    note = Varchar(length=500, default="")
    staff = ForeignKey(Account, on_delete=OnDelete.set_null, null=True)


class Activity(Table):
    """A member's participation in an activity of the network (events fill this)."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    title = Varchar(length=200)
    occurred_on = Date()
    source = Varchar(length=50, default="")


class Challenge(Table):
    """Something a member wants to discuss with peers from other organisations."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    title = Varchar(length=200)
    body = Text(default="")
    tags = Array(base_column=Varchar(length=40))
    language = Varchar(length=2, choices=Language, default=Language.nl)
    status = Varchar(length=6, choices=RecordStatus, default=RecordStatus.open, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)


class Expertise(Table):
    """Know-how a member is willing to share with peers."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    title = Varchar(length=200)
    body = Text(default="")
    tags = Array(base_column=Varchar(length=40))
    language = Varchar(length=2, choices=Language, default=Language.nl)
    status = Varchar(length=6, choices=RecordStatus, default=RecordStatus.open, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)


class Invoice(Table):
    """An invoice to a member: an accounting record, kept unchanged for the legal period.

    Erasure keeps it under a per-row hold (privacy/holds.py) until that period ends
    (KRING_ACCOUNTING_RETENTION_YEARS after `issued_on`, default 7), then deletes it.
    """

    number = Varchar(length=30, unique=True)
    member = ForeignKey(Member, on_delete=OnDelete.restrict, index=True)
    issued_on = Date()
    amount = Numeric(digits=(12, 2))
    paid = Boolean(default=False)


__all__ = [
    "Account",
    "Activity",
    "ApiToken",
    "Challenge",
    "Expertise",
    "Interaction",
    "Invoice",
    "LoginThrottle",
    "Member",
    "Organisation",
    "OrganisationDomain",
    "PasswordReset",
    "UserSession",
]


declare_not_personal(Organisation, "a legal person: name, number and address of a company")
declare_not_personal(OrganisationDomain, "an organisation's e-mail domain, not a mailbox")
declare(
    Member,
    subject="id",
    columns={
        "first_name": Erase.keep,
        "last_name": Erase.keep,
        "job_title": Erase.blank,
        "email": Erase.null,
        "phone": Erase.blank,
        "address": Erase.blank,
        "organisation": Erase.null,
        "met_via": Erase.replace,
        "private_email": Erase.null,
        "private_address": Erase.null,
        "search_name": Erase.blank,
    },
    category=N_("profile"),
    purpose=N_("run the membership network: profile, contact, matching and events"),
    legal_basis=LegalBasis.contract,
    retention=N_("while a member; inactive contacts per retention rule"),
    notes="names stay with a note that erasure was asked (the suppression record)",
)
declare(
    Account,
    subject="member",
    columns={"email": Erase.delete_row, "display_name": Erase.delete_row},
    category=N_("account"),
    purpose=N_("let members and staff log in"),
    legal_basis=LegalBasis.contract,
    retention=N_("while the member or staff member has access"),
)
declare(
    UserSession,
    subject="account",
    columns={"token_hash": Erase.delete_row},
    category=N_("account"),
    purpose=N_("keep a logged-in page session"),
    legal_basis=LegalBasis.contract,
    retention=N_("until logout or expiry"),
)
declare(
    ApiToken,
    subject="account",
    columns={"name": Erase.delete_row, "token_hash": Erase.delete_row},
    category=N_("account"),
    purpose=N_("let other systems use the API on a person's behalf"),
    legal_basis=LegalBasis.contract,
    retention=N_("until revoked or expired"),
)
declare(
    PasswordReset,
    subject="account",
    columns={"token_hash": Erase.delete_row, "created_at": Erase.delete_row},
    category=N_("account"),
    purpose=N_("let a person who forgot their password set a new one"),
    legal_basis=LegalBasis.contract,
    retention=N_(
        "an hour after its mail went, until the link is used or expires (a mail the relay did not"
        " take is tried again for up to 6 hours); then deleted"
    ),
)
declare_not_personal(
    LoginThrottle,
    "the security log of failed logins, kept apart from members: keyed hashes of the e-mail, of"
    " the client address and of the pair, a window start and a count; the worker removes a row"
    " 15 minutes after its window started (job 'expired login throttles')",
)
declare(
    Interaction,
    subject="member",
    columns={"note": Erase.delete_row, "occurred_on": Erase.delete_row},
    category=N_("relationship history"),
    purpose=N_("remember the network's contacts with a member"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_("while a member; inactive contacts per retention rule"),
)
declare(
    Activity,
    subject="member",
    columns={"title": Erase.delete_row, "occurred_on": Erase.delete_row},
    category=N_("participation"),
    purpose=N_("show a member's activity history"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_("while a member"),
)
for _record in (Challenge, Expertise):
    declare(
        _record,
        subject="member",
        columns={"title": Erase.delete_row, "body": Erase.delete_row, "tags": Erase.delete_row},
        category=N_("challenges and expertise"),
        purpose=N_("propose introductions between peers of different organisations"),
        legal_basis=LegalBasis.contract,
        retention=N_("until closed and no longer needed, or erasure"),
    )
declare(
    Invoice,
    subject="member",
    columns={"member": Erase.delete_row, "number": Erase.delete_row, "amount": Erase.delete_row},
    category=N_("accounting"),
    purpose=N_("invoice membership fees and keep the accounts"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("%(years)s years after the invoice date"),
    retention_params=lambda: {"years": get_settings().accounting_retention_years},
    notes="erasure keeps each invoice under a hold (GDPR art. 17(3)(b), (e)) until then",
)

declare_free_text(Challenge, ("title", "body"), owner="member", label=N_("Challenge"))
declare_free_text(Expertise, ("title", "body"), owner="member", label=N_("Expertise"))
declare_free_text(Interaction, ("note",), owner="member", label=N_("Contact history note"))
declare_free_text(Activity, ("title",), owner="member", label=N_("Activity"))
