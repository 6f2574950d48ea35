"""Consents, opt-outs and login months: the privacy module's own records about people."""

from piccolo.columns import Boolean, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from kring.tables import Account, Member
from privacy.declarations import Erase, LegalBasis, declare


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
