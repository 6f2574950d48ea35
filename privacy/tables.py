"""The privacy module's own records: consents, opt-outs, login months, requests, suppressions,
retention rules, the audit trail, the processor register, restrictions of
processing and the record of recipients with their notification tasks."""

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from kring.declarations import Erase, LegalBasis, declare, declare_not_personal
from kring.tables import Account, Member
from kring.vocabulary import N_


class OptOutEvent(Table):
    """One change of an opt-out, kept as history: who asked, when, and through which channel."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=20)
    active = Boolean()
    channel = Varchar(length=20)
    recorded_by = ForeignKey(Account, on_delete=OnDelete.set_null, null=True)
    recorded_at = Timestamptz()


class Consent(Table):
    """An explicit, timestamped, withdrawable consent (e.g. to use a private e-mail address)."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=40)
    given_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)
    channel = Varchar(length=20)


class LoginMonth(Table):
    """Whether a member logged in during a calendar month: one row per member per month, no more."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    month = Varchar(length=7)


class AccessRequest(Table):
    """A request under GDPR art. 15/20; it must be answered within one calendar month.

    `closed_*`: a refusal (the officer's reason, mailed to the person: art. 12(4)) or a
    withdrawal by the person; `close_notified_at` is set once the refusal mail went out."""

    member = ForeignKey(Member, on_delete=OnDelete.restrict, index=True)
    received_at = Timestamptz()
    due_on = Date()
    status = Varchar(length=10, default="open", index=True)
    channel = Varchar(length=20)
    recorded_by = Integer(null=True, default=None)
    fulfilled_at = Timestamptz(null=True, default=None)
    extended_until = Date(null=True, default=None)
    extension_reason = Text(default="")
    extended_at = Timestamptz(null=True, default=None)
    extension_notified_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    closed_by = Integer(null=True, default=None)
    close_reason = Text(default="")
    close_notified_at = Timestamptz(null=True, default=None)
    notice_refused_at = Timestamptz(null=True, default=None)
    """When the relay last refused a notice of this request for good (a 5xx to the person's
    address): no notice is offered again until the person's record changes."""
    notice_attempts = Integer(default=0)
    notice_due_at = Timestamptz(null=True, default=None)
    """A notice the relay did not take is tried again after growing waits
    (`kring.mail_retries`, the last one repeated: a notice is owed, never given up), not at every
    round of the worker; `notice_attempts` counts the tries since one last went."""


class ErasureRequest(Table):
    """A request under GDPR art. 17; `outcome` lists what was erased and what stays (JSON)."""

    member = ForeignKey(Member, on_delete=OnDelete.restrict, index=True)
    received_at = Timestamptz()
    due_on = Date()
    status = Varchar(length=10, default="open", index=True)
    channel = Varchar(length=20)
    recorded_by = Integer(null=True, default=None)
    carried_out_at = Timestamptz(null=True, default=None)
    outcome = Text(default="")
    extended_until = Date(null=True, default=None)
    extension_reason = Text(default="")
    extended_at = Timestamptz(null=True, default=None)
    extension_notified_at = Timestamptz(null=True, default=None)
    started_by = Integer(null=True, default=None)
    approved_by = Integer(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    closed_by = Integer(null=True, default=None)
    close_reason = Text(default="")
    close_notified_at = Timestamptz(null=True, default=None)
    notice_refused_at = Timestamptz(null=True, default=None)
    """When the relay last refused a notice of this request for good (a 5xx to the person's
    address): no notice is offered again until the person's record changes."""
    notice_attempts = Integer(default=0)
    notice_due_at = Timestamptz(null=True, default=None)
    """A notice the relay did not take is tried again after growing waits
    (`kring.mail_retries`, the last one repeated: a notice is owed, never given up), not at every
    round of the worker; `notice_attempts` counts the tries since one last went."""


class RequestVerification(Table):
    """A code mailed to the address an e-mailed request came from; the request waits for it.

    Only a keyed hash of the code is kept; after `MAX_ATTEMPTS` wrong codes it is locked. The
    row is also the code mail's place in the queue: the code is made when the mail goes
    (`code_sent_at`), and a relay that does not answer is tried again by the worker.
    """

    kind = Varchar(length=10)
    request_id = Integer(index=True)
    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    code_hash = Varchar(length=64)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    attempts = Integer(default=0)
    locked_at = Timestamptz(null=True, default=None)
    verified_at = Timestamptz(null=True, default=None)
    to_private = Boolean(default=False)
    code_sent_at = Timestamptz(null=True, default=None)
    mail_due_at = Timestamptz(null=True, default=None, index=True)
    mail_attempts = Integer(default=0)
    mail_claimed_until = Timestamptz(null=True, default=None)


class DownloadLink(Table):
    """A link to one access request's answer: hashed token, expiry, single use."""

    request = ForeignKey(AccessRequest, on_delete=OnDelete.cascade, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(index=True)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    failed_attempts = Integer(default=0)
    issued_by = Integer(null=True, default=None)


class Suppression(Table):
    """What stays of an erased person: names, when erasure was asked and done, e-mail hashes.

    The hashes are keyed (kring.credentials.keyed_hash), so the e-mail cannot be read back, yet
    a later import of the same address is recognised.
    """

    member = ForeignKey(Member, on_delete=OnDelete.restrict, unique=True)
    first_name = Varchar(length=100)
    last_name = Varchar(length=100)
    requested_at = Timestamptz()
    erased_at = Timestamptz()
    email_hash = Varchar(length=64, null=True, default=None, index=True)
    private_email_hash = Varchar(length=64, null=True, default=None, index=True)


class ErasureLedger(Table):
    """One erasure, written before its first destructive step (privacy/ledger.py).

    Only internal ids and a keyed hash of what identified the person, so a restored backup can
    be erased again (`kring privacy replay`) even when ids moved. Every entry is also appended to
    the ledger file (KRING_ERASURE_LEDGER), which is kept outside the database backups.
    """

    entry = Varchar(length=36, unique=True)
    member = Integer(index=True)
    identity_hash = Varchar(length=64, index=True)
    identity_kind = Varchar(length=10)
    request = Integer(null=True, default=None)
    state = Varchar(length=12, index=True)
    started_at = Timestamptz()
    completed_at = Timestamptz(null=True, default=None)


class RowHold(Table):
    """One row kept back from erasure: the ground (GDPR art. 17(3)), until when, set by whom.

    `erasure_deferred` is set when an erasure kept the row; when the hold ends the worker erases
    the row (privacy/holds.py). `created_by` is an account id, or None for a platform rule.
    """

    table_name = Varchar(length=60, index=True)
    row_id = Integer(index=True)
    reason = Varchar(length=30)
    until = Date(index=True)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    erasure_deferred = Boolean(default=False, index=True)
    released_at = Timestamptz(null=True, default=None)


class RetentionRule(Table):
    """How long data of one category is kept (months); the retention job applies it."""

    category = Varchar(length=40, unique=True)
    months = Integer()
    updated_at = Timestamptz()


class RetentionChange(Table):
    """A change of a retention period: who asked, from what to what, and who approved it.

    A shorter period can erase many people at the next run, so with two-officer approval it
    waits (`approved_at` empty) until a second privacy officer approves it."""

    category = Varchar(length=40, index=True)
    old_months = Integer()
    new_months = Integer()
    requested_by = Integer(null=True, default=None)
    requested_at = Timestamptz()
    status = Varchar(length=10, default="pending", index=True)
    """pending, applied or superseded (a newer change of the same category came first)."""
    approved_by = Integer(null=True, default=None)
    approved_at = Timestamptz(null=True, default=None)


class AuditEntry(Table):
    """Append-only: who did what to whose data, and when. Only ids, never the data itself."""

    actor = Integer(null=True, default=None, index=True)
    member = ForeignKey(Member, on_delete=OnDelete.restrict, null=True, index=True)
    action = Varchar(length=10, index=True)
    table_name = Varchar(length=60, default="")
    at = Timestamptz(index=True)


class Processor(Table):
    """A processor (GDPR art. 28) and whether a data processing agreement was signed."""

    name = Varchar(length=200)
    service = Varchar(length=300)
    data_categories = Varchar(length=300, default="")
    dpa_signed_on = Date(null=True, default=None)
    key = Varchar(length=40, null=True, default=None)
    """The name code uses when it sends data there (`send_mail(..., processor="smtp")`); unique
    by an index the migration makes (SQLite cannot add a UNIQUE column)."""


class Restriction(Table):
    """A restriction of processing (GDPR art. 18): while not lifted, the member's data is kept
    and can be exported, but they are out of matching, participant lists and mailings."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    requested_by = Varchar(length=200)
    reason = Text(default="")
    since = Timestamptz()
    recorded_by = Integer(null=True, default=None)
    lifted_at = Timestamptz(null=True, default=None, index=True)
    lifted_by = Integer(null=True, default=None)


class Disclosure(Table):
    """Which processor received a person's data (GDPR art. 19): one row per person and processor."""

    member = ForeignKey(Member, on_delete=OnDelete.restrict, index=True)
    processor = ForeignKey(Processor, on_delete=OnDelete.cascade, index=True)
    first_at = Timestamptz()
    last_at = Timestamptz()


class RecipientNotice(Table):
    """A task: tell a processor that received a person's data about an erasure or rectification."""

    member = ForeignKey(Member, on_delete=OnDelete.restrict, index=True)
    processor = ForeignKey(Processor, on_delete=OnDelete.cascade, index=True)
    reason = Varchar(length=20)
    fields = Varchar(length=300, default="")
    created_at = Timestamptz()
    done_at = Timestamptz(null=True, default=None, index=True)
    done_by = Integer(null=True, default=None)


declare(
    OptOutEvent,
    subject="member",
    columns={"member": Erase.keep, "kind": Erase.keep, "active": Erase.keep},
    category=N_("preferences"),
    purpose=N_("honour objections to sharing, listing and mailing (GDPR art. 21)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("as long as the member record or its suppression record exists"),
    notes="kept after erasure: it proves the objection was honoured",
)
declare(
    Consent,
    subject="member",
    columns={"member": Erase.delete_row, "purpose": Erase.delete_row},
    category=N_("consents"),
    purpose=N_("prove consent to use private contact details (GDPR art. 7)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("until erasure of the member"),
)
declare(
    LoginMonth,
    subject="member",
    columns={"member": Erase.delete_row, "month": Erase.delete_row},
    category=N_("usage"),
    purpose=N_("know which members use the members' area, at month granularity only"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_("configurable, default 24 months"),
)
declare(
    AccessRequest,
    subject="member",
    columns={
        "member": Erase.legal_hold,
        "received_at": Erase.legal_hold,
        "extension_reason": Erase.legal_hold,
        "close_reason": Erase.legal_hold,
    },
    category=N_("privacy requests"),
    purpose=N_("prove that access requests were answered in time (GDPR art. 12, 15)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("5 years"),
    notes="holds only ids, dates, a status and the officer's reason for an extension or a refusal",
)
declare(
    ErasureRequest,
    subject="member",
    columns={
        "member": Erase.legal_hold,
        "outcome": Erase.legal_hold,
        "extension_reason": Erase.legal_hold,
        "close_reason": Erase.legal_hold,
    },
    category=N_("privacy requests"),
    purpose=N_("prove that erasure was carried out (GDPR art. 5(2), 17)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("5 years"),
    notes="the outcome names tables and counts, never the erased values",
)
declare(
    RequestVerification,
    subject="member",
    columns={"code_hash": Erase.delete_row, "kind": Erase.delete_row},
    category=N_("privacy requests"),
    purpose=N_(
        "check that an e-mailed request comes from the person it is about (GDPR art. 12(6))"
    ),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("until erasure of the member"),
    notes="a keyed hash of the code only",
)
declare(
    DownloadLink,
    subject="request",
    columns={"token_hash": Erase.delete_row},
    category=N_("privacy requests"),
    purpose=N_("hand the answer to an access request to the person, once"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("until erasure of the member"),
    notes="a hash of the link's token only",
)
declare(
    Suppression,
    subject="member",
    columns={
        "first_name": Erase.legal_hold,
        "last_name": Erase.legal_hold,
        "email_hash": Erase.legal_hold,
        "private_email_hash": Erase.legal_hold,
    },
    category=N_("suppression"),
    purpose=N_("never contact or import an erased person again"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("indefinitely"),
    notes="names and keyed hashes only; this is what erasure leaves",
)
declare(
    AuditEntry,
    subject="member",
    columns={"member": Erase.keep, "actor": Erase.keep, "table_name": Erase.keep},
    category=N_("audit"),
    purpose=N_("account for every view, export, change and erasure of personal data"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("5 years"),
    notes="append-only; holds ids only, so it survives erasure unchanged",
)
declare_not_personal(
    ErasureLedger,
    "internal member and request ids, a keyed hash (HMAC, secret key) of the erased person's"
    " e-mail or name, states and dates: it names no one and cannot be reversed without the key",
)
declare_not_personal(
    RowHold,
    "a table name, a row id, a reason code and dates: the held row itself is declared",
)
declare(
    Restriction,
    subject="member",
    columns={
        "member": Erase.delete_row,
        "requested_by": Erase.delete_row,
        "reason": Erase.delete_row,
    },
    category=N_("privacy requests"),
    purpose=N_("honour a restriction of processing (GDPR art. 18)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("until erasure of the member"),
    notes="erasure ends any restriction: nothing is processed any more",
)
declare(
    Disclosure,
    subject="member",
    columns={"member": Erase.keep, "processor": Erase.keep},
    category=N_("recipients"),
    purpose=N_("know which processors to notify of an erasure or rectification (GDPR art. 19)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("5 years"),
    notes="ids and dates only; kept after erasure so the notifications can be proven",
)
declare(
    RecipientNotice,
    subject="member",
    columns={
        "member": Erase.legal_hold,
        "processor": Erase.legal_hold,
        "fields": Erase.keep,
        "reason": Erase.keep,
    },
    category=N_("recipients"),
    purpose=N_("notify each recipient of an erasure or rectification (GDPR art. 19)"),
    legal_basis=LegalBasis.legal_obligation,
    retention=N_("5 years"),
    notes="ids, field names and dates only, never the values",
)
declare_not_personal(RetentionRule, "a retention period per data category")
declare_not_personal(
    RetentionChange,
    "changes of retention periods and the officers' account ids that asked and approved them",
)
declare_not_personal(Processor, "a company that processes data for the network")
