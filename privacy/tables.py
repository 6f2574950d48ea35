"""The privacy module's own records: consents, opt-outs, login months, requests, suppressions,
retention rules, award dossiers, the audit trail and the processor register."""

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

from kring.tables import Account, Member
from privacy.declarations import Erase, LegalBasis, declare, declare_not_personal


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
    """A request under GDPR art. 15/20; it must be answered within one calendar month."""

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


class RequestVerification(Table):
    """A code mailed to the address an e-mailed request came from; the request waits for it.

    Only a keyed hash of the code is kept; after `MAX_ATTEMPTS` wrong codes it is locked.
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


class RetentionRule(Table):
    """How long data of one category is kept (months); the retention job applies it."""

    category = Varchar(length=40, unique=True)
    months = Integer()
    updated_at = Timestamptz()


class AwardDossier(Table):
    """A candidacy or project file submitted for an award; read only by bound jurors."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    award = Varchar(length=100, index=True)
    title = Varchar(length=200)
    body = Text(default="")
    submitted_at = Timestamptz(index=True)


class JurorAgreement(Table):
    """A juror's recorded confidentiality agreement for one award; without it, no access."""

    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    award = Varchar(length=100)
    signed_at = Timestamptz()


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


declare(
    OptOutEvent,
    subject="member",
    columns={"member": Erase.keep, "kind": Erase.keep, "active": Erase.keep},
    category="preferences",
    purpose="honour objections to sharing, listing and mailing (GDPR art. 21)",
    legal_basis=LegalBasis.legal_obligation,
    retention="as long as the member record or its suppression record exists",
    notes="kept after erasure: it proves the objection was honoured",
)
declare(
    Consent,
    subject="member",
    columns={"member": Erase.delete_row, "purpose": Erase.delete_row},
    category="consents",
    purpose="prove consent to use private contact details (GDPR art. 7)",
    legal_basis=LegalBasis.legal_obligation,
    retention="until erasure of the member",
)
declare(
    LoginMonth,
    subject="member",
    columns={"member": Erase.delete_row, "month": Erase.delete_row},
    category="usage",
    purpose="know which members use the members' area, at month granularity only",
    legal_basis=LegalBasis.legitimate_interest,
    retention="configurable, default 24 months",
)
declare(
    AccessRequest,
    subject="member",
    columns={
        "member": Erase.legal_hold,
        "received_at": Erase.legal_hold,
        "extension_reason": Erase.legal_hold,
    },
    category="privacy requests",
    purpose="prove that access requests were answered in time (GDPR art. 12, 15)",
    legal_basis=LegalBasis.legal_obligation,
    retention="5 years",
    notes="holds only ids, dates, a status and the officer's reason for an extension",
)
declare(
    ErasureRequest,
    subject="member",
    columns={
        "member": Erase.legal_hold,
        "outcome": Erase.legal_hold,
        "extension_reason": Erase.legal_hold,
    },
    category="privacy requests",
    purpose="prove that erasure was carried out (GDPR art. 5(2), 17)",
    legal_basis=LegalBasis.legal_obligation,
    retention="5 years",
    notes="the outcome names tables and counts, never the erased values",
)
declare(
    RequestVerification,
    subject="member",
    columns={"code_hash": Erase.delete_row, "kind": Erase.delete_row},
    category="privacy requests",
    purpose="check that an e-mailed request comes from the person it is about (GDPR art. 12(6))",
    legal_basis=LegalBasis.legal_obligation,
    retention="until erasure of the member",
    notes="a keyed hash of the code only",
)
declare(
    DownloadLink,
    subject="request",
    columns={"token_hash": Erase.delete_row},
    category="privacy requests",
    purpose="hand the answer to an access request to the person, once",
    legal_basis=LegalBasis.legal_obligation,
    retention="until erasure of the member",
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
    category="suppression",
    purpose="never contact or import an erased person again",
    legal_basis=LegalBasis.legal_obligation,
    retention="indefinitely",
    notes="names and keyed hashes only; this is what erasure leaves",
)
declare(
    AwardDossier,
    subject="member",
    columns={"title": Erase.delete_row, "body": Erase.delete_row, "award": Erase.delete_row},
    category="award dossiers",
    purpose="judge candidacies and project files for the network's awards",
    legal_basis=LegalBasis.consent,
    retention="5 years after submission",
    recipients=("jurors who signed a confidentiality agreement",),
)
declare(
    JurorAgreement,
    subject="account",
    columns={"account": Erase.delete_row, "award": Erase.delete_row},
    category="award dossiers",
    purpose="prove that a juror agreed to keep dossiers confidential",
    legal_basis=LegalBasis.legitimate_interest,
    retention="while the juror has access",
)
declare(
    AuditEntry,
    subject="member",
    columns={"member": Erase.keep, "actor": Erase.keep, "table_name": Erase.keep},
    category="audit",
    purpose="account for every view, export, change and erasure of personal data",
    legal_basis=LegalBasis.legal_obligation,
    retention="5 years",
    notes="append-only; holds ids only, so it survives erasure unchanged",
)
declare_not_personal(RetentionRule, "a retention period per data category")
declare_not_personal(Processor, "a company that processes data for the network")
