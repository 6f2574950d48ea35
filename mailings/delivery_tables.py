"""Who receives a mailing (the outbox: one row per mailing and member) and the interest signals
of members who consented to them (one row per member and article, the day only).

Raw unique indexes (the mailings app's second migration) make a second row for the same
mailing and member, or member and article, impossible whatever number of workers race.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import Date, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from kring.choices import Language
from kring.declarations import Erase, LegalBasis, declare
from kring.tables import Member
from kring.vocabulary import N_
from mailings.tables import Article, Mailing


class RecipientState(StrEnum):
    """waiting → sent; or failed (the relay did not take it at any attempt, or refused it for
    good at the first), or skipped (at send time
    the person had opted out, was paused, erased or restricted, had no e-mail address any more,
    or the mailing was cancelled)."""

    waiting = "waiting"
    sent = "sent"
    failed = "failed"
    skipped = "skipped"


class Problem(StrEnum):
    """Why a recipient's mail has not gone (yet): a code, never the relay's text, which may
    name the address."""

    none = ""
    no_agreement = "no_agreement"
    relay = "relay"
    refused = "refused"
    given_up = "given_up"  # the relay did not take it at any attempt: not tried again
    bad_address = "bad_address"  # no mail can be written to the address: not tried again
    opted_out = "opted_out"
    inactive = "inactive"
    restricted = "restricted"
    no_address = "no_address"
    cancelled = "cancelled"


class MailingRecipient(Table):
    """One member a queued mailing goes to, in the language fixed when it was queued. Claimed
    (`claimed_until`) before it is sent, so any number of senders send it once."""

    mailing = ForeignKey(Mailing, on_delete=OnDelete.cascade, index=True)
    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    language = Varchar(length=2, choices=Language, default=Language.nl)
    state = Varchar(length=8, choices=RecipientState, default=RecipientState.waiting, index=True)
    problem = Varchar(length=16, choices=Problem, default=Problem.none)
    attempts = Integer(default=0)
    due_at = Timestamptz()
    claimed_until = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None, index=True)


class InterestClick(Table):
    """A consenting member followed an article's link; the day only, once per article."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    article = ForeignKey(Article, on_delete=OnDelete.cascade, index=True)
    mailing = ForeignKey(Mailing, on_delete=OnDelete.cascade, index=True)
    clicked_on = Date(index=True)


declare(
    MailingRecipient,
    subject="member",
    columns={"member": Erase.delete_row},
    category=N_("mailings"),
    purpose=N_("send the network's mailings once to each person in their language"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_(
        "until the mailing is sent, then for the retention period of mailing recipients "
        "(default 24 months)"
    ),
    recipients=(N_("the mail relay on the processor register"),),
    notes="ids, a language and the delivery state; erasure removes the rows",
)
declare(
    InterestClick,
    subject="member",
    columns={"member": Erase.delete_row},
    category=N_("interest signals"),
    purpose=N_("offer related initiatives to members who showed interest in an article"),
    legal_basis=LegalBasis.consent,
    retention=N_(
        "while the consent stands, for the retention period of interest signals (default 12 "
        "months); withdrawing the consent deletes them at once"
    ),
    notes="recorded only with the interest_signals consent; the day of the first click only",
)
