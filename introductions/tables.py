"""The introductions app's tables: proposals, introductions, blocks, preferences, runs, the
embedding cache and the mail outbox (the Piccolo layer that feeds the pure engine in `matching`).

`Introduction` is the one row per (challenge, expert) pair that the engine proposed; the
double opt-in workflow moves that same row through its states, so history, capacity and
cooldown are all read from one table.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    JSON,
    Boolean,
    Bytea,
    ForeignKey,
    Integer,
    OnDelete,
    Real,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text, declare_not_personal
from kring.tables import Challenge, Member
from kring.vocabulary import N_
from matching.records import Reason
from privacy.mail import Refusal

DEFAULT_CAPACITY = 3


class Feedback(StrEnum):
    """How one side says the meeting went; organisers only ever see counts."""

    useful = "useful"
    not_useful = "not_useful"
    did_not_happen = "did_not_happen"


class Side(StrEnum):
    """Which side of an introduction acted: the challenge owner or the expert."""

    requester = "requester"
    expert = "expert"


class IntroductionState(StrEnum):
    proposed = "proposed"
    requested = "requested"
    accepted = "accepted"
    declined = "declined"
    expired = "expired"
    withdrawn = "withdrawn"
    """The request no longer stands although nobody said no: its challenge was closed, or
    one of the two can no longer be introduced (restricted, erased, opted out, blocked)."""
    completed = "completed"


OPEN_STATES = (IntroductionState.requested, IntroductionState.accepted)
"""Introductions that use an expert's capacity and are kept by every re-run."""
COOLDOWN_STATES = (
    IntroductionState.requested,
    IntroductionState.accepted,
    IntroductionState.declined,
    IntroductionState.completed,
)
"""Introductions whose date starts the cooldown between the two members."""
ASKED_AGAIN = (IntroductionState.expired,)
"""Requests after which the expert may be proposed for the same challenge again, and asked
again: nobody said no. A declined or completed pair stays apart for that challenge (and the
cooldown keeps a declined pair apart for every challenge); a pending one cannot be asked twice."""


class Block(Table):
    """A private blocklist entry: either side's block keeps the pair from ever being proposed."""

    blocker = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    blocked = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()


class MatchingPreference(Table):
    """A member's wishes as an expert; no row means capacity 3, not paused."""

    member = ForeignKey(Member, on_delete=OnDelete.cascade, unique=True)
    capacity = Integer(null=True, default=None)
    paused = Boolean(default=False)
    updated_at = Timestamptz(auto_update=utc_now)


class Introduction(Table):
    """A proposal of an expert for a challenge, and later the introduction it became.

    `proposed` rows are the engine's current output and are replaced by every re-run;
    `alternate` marks the ranked next-best experts (they are not shown as proposals). Rows in
    any other state belong to the members' workflow and no re-run touches them.
    """

    challenge = ForeignKey(Challenge, on_delete=OnDelete.cascade, index=True)
    expert = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    requester = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    state = Varchar(
        length=12, choices=IntroductionState, default=IntroductionState.proposed, index=True
    )
    alternate = Boolean(default=False)
    score = Real(default=0.0)
    rank = Integer(default=0)
    explanation = JSON(default={})
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)
    decided_at = Timestamptz(null=True, default=None)
    # The workflow after the owner asked (all null/empty while `proposed`).
    requested_at = Timestamptz(null=True, default=None)
    expires_at = Timestamptz(null=True, default=None, index=True)
    reminded_at = Timestamptz(null=True, default=None)
    idempotency_key = Varchar(length=100, null=True, default=None)
    declined_by = Varchar(length=10, choices=Side, null=True, default=None)
    decline_reason = Varchar(length=500, default="")
    requester_feedback = Varchar(length=15, choices=Feedback, null=True, default=None)
    expert_feedback = Varchar(length=15, choices=Feedback, null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)


class MailKind(StrEnum):
    """Which introduction mail is owed, and to whom (one row per recipient, so a retry never
    sends a mail twice that already went)."""

    request = "request"  # to the expert
    accepted_requester = "accepted_requester"
    accepted_expert = "accepted_expert"
    expired = "expired"  # to the requester
    reminder = "reminder"  # to the expert


TO_THE_EXPERT = frozenset({MailKind.request, MailKind.accepted_expert, MailKind.reminder})
"""The mails to the introduction's expert; the others go to its requester."""


class IntroductionMail(Table):
    """A mail an introduction's state change owes, written in the same transaction as the change.

    Ids only: the text is rendered when it is sent, from the data as it is then. Sent at once
    when the relay answers; otherwise the worker retries (`introductions.mail_outbox`). A raw unique
    index on (introduction, kind) makes owing a mail twice impossible.
    """

    introduction = ForeignKey(Introduction, on_delete=OnDelete.cascade, index=True)
    recipient = ForeignKey(Member, on_delete=OnDelete.cascade, null=True, default=None, index=True)
    """Whom the mail is to (the introduction's expert or requester, by its kind): a mail not
    delivered is that member's alone to see. Empty on rows owed before it was kept."""
    kind = Varchar(length=20, choices=MailKind)
    due_at = Timestamptz()
    attempts = Integer(default=0)
    claimed_until = Timestamptz(null=True, default=None)
    done_at = Timestamptz(null=True, default=None)
    refusal = Varchar(length=20, choices=Refusal, null=True, default=None)
    """Why the mail was given up at once (`privacy.mail.Refusal`: the address on record, or the
    relay's refusal for good); listed for organisers and the person, offered again once the
    person's record changes."""


class MatchingRun(Table):
    """When a challenge was last matched, and why it got fewer experts than it asked for."""

    challenge = ForeignKey(Challenge, on_delete=OnDelete.cascade, unique=True)
    computed_at = Timestamptz()
    shortfall_reason = Varchar(length=20, choices=Reason, null=True, default=None)
    missing = Integer(default=0)
    scorer = Varchar(length=120, default="")
    """Which scorer computed the run: 'tfidf+tags', or the sentence model's version + it."""


class MatchingRound(Table):
    """When a round of stale proposals last started, per runner: `worker` (`kring worker`) or
    `serve` (`kring serve` standing in on SQLite while no worker runs). A page promises
    proposals "within a few minutes" only while rounds start; serve stands in only while the
    worker's row is old."""

    runner = Varchar(length=10, unique=True)
    started_at = Timestamptz()


class Embedding(Table):
    """A sentence embedding of one member's expertise or challenge text, computed once.

    Keyed by the SHA-256 of the text and the model version (unique with the member, index in
    the migration); ``vector`` is little-endian float32 bytes (bytea on PostgreSQL). The
    member is kept so that erasure finds the rows; ``prune_embeddings`` (worker) drops rows
    whose text the member no longer has.
    """

    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    text_hash = Varchar(length=64, index=True)
    model = Varchar(length=120)
    vector = Bytea()
    created_at = Timestamptz()


class QueryBankMean(Table):
    """Per sentence model and challenge language the mean query vector ν of the network's
    open challenges, as the last re-match centred them on (``matching.semantic_scoring.
    QueryBank``): pages that score a few challenges ("who to meet") centre theirs alike
    without reading every challenge's vector. Only languages with at least
    ``QUERY_BANK_MIN`` open challenges have a row."""

    model = Varchar(length=120)
    language = Varchar(length=8)
    mean = Bytea()
    """Little-endian float64 bytes."""
    questions = Integer()
    """Distinct open challenges in that language it is the mean of."""
    computed_at = Timestamptz()


__all__ = [
    "ASKED_AGAIN",
    "COOLDOWN_STATES",
    "DEFAULT_CAPACITY",
    "OPEN_STATES",
    "Block",
    "Embedding",
    "Feedback",
    "Introduction",
    "IntroductionState",
    "MatchingPreference",
    "MatchingRound",
    "MatchingRun",
    "QueryBankMean",
    "Side",
]


declare(
    Block,
    subject="blocker",
    columns={"blocker": Erase.delete_row, "blocked": Erase.delete_row},
    category=N_("preferences"),
    purpose=N_("keep members a member does not want to meet out of their proposals"),
    legal_basis=LegalBasis.contract,
    retention=N_("until the member lifts the block or is erased"),
    notes="never shown to the blocked member; erasing either member deletes the row",
)
declare(
    MatchingPreference,
    subject="member",
    columns={"capacity": Erase.delete_row, "paused": Erase.delete_row},
    category=N_("preferences"),
    purpose=N_("respect how many introductions a member wants to receive"),
    legal_basis=LegalBasis.contract,
    retention=N_("while a member"),
)
declare(
    Introduction,
    subject="expert",
    columns={
        "expert": Erase.delete_row,
        "requester": Erase.delete_row,
        "explanation": Erase.delete_row,
        "decline_reason": Erase.delete_row,
        "requester_feedback": Erase.delete_row,
        "expert_feedback": Erase.delete_row,
    },
    category=N_("introductions"),
    purpose=N_("propose and keep track of introductions between peers of different organisations"),
    legal_basis=LegalBasis.contract,
    retention=N_("proposals until the next run; introductions while both are members"),
    notes="the requester is a second subject: erasing either member deletes the row",
)
declare(
    Embedding,
    subject="member",
    columns={"text_hash": Erase.delete_row, "vector": Erase.delete_row},
    category=N_("challenges and expertise"),
    purpose=N_("match members by the meaning of their expertise and challenge texts"),
    legal_basis=LegalBasis.contract,
    retention=N_("while the text it was computed from exists; pruned by the worker after an edit"),
    notes="derived from the member's texts (not readable as text); erasing the member deletes it",
)
declare_not_personal(
    MatchingRun, "a challenge's last run time and a shortfall code from a closed list"
)
declare_not_personal(
    MatchingRound, "when a round of stale proposals last started, per kind of process"
)
declare_not_personal(
    QueryBankMean,
    "per model and language the mean vector of at least 20 open challenges of different "
    "members: an aggregate from which no text or member can be read; replaced by each run",
)
declare(
    IntroductionMail,
    subject="recipient",
    columns={"recipient": Erase.delete_row, "refusal": Erase.delete_row},
    category=N_("introductions"),
    purpose=N_(
        "mail a member about an introduction, and show them and the organisers a mail that "
        "could not be delivered to their address"
    ),
    legal_basis=LegalBasis.contract,
    retention=N_("until the mail goes; one given up, 30 days"),
    notes="ids, a kind and why a mail was not delivered (a code: never the address or the "
    "relay's words); the text is rendered when it goes and never kept. Deleted with the "
    "introduction, so with either member's erasure",
)

declare_free_text(
    Introduction,
    ("decline_reason",),
    owner="expert",
    label=N_("Reason an introduction was declined"),
)
