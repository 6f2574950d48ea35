"""The award's tables: editions with their categories and weighted criteria, candidacies with
their texts and attachments, jurors, assignments, declared conflicts and scores.

Personal data in them is declared to the privacy module below. Erasing the member who submitted
a candidacy removes it whole (texts, attachments, the jury's scores of it): its texts are that
person's words, and no text can be scrubbed of a name reliably. Otherwise dossiers are kept five
years after their edition is decided (awards/retention.py), so a decision stays explainable.
"""

from __future__ import annotations

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

from awards.choices import CandidacyState, EditionState
from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text, declare_not_personal
from kring.tables import Account, Member, Organisation
from kring.uploads import FileColumns
from kring.vocabulary import N_


class Edition(Table, tablename="award_edition"):
    """One year's award. Deadlines are stored in UTC."""

    name = Varchar(length=200)
    year = Integer()
    state = Varchar(length=20, choices=EditionState, default=EditionState.open)
    submission_deadline = Timestamptz()
    jury_deadline = Timestamptz()
    decided_at = Timestamptz(null=True, default=None, index=True)
    created_at = Timestamptz(default=utc_now)


class AwardCategory(Table, tablename="award_category"):
    """A category candidacies compete in (say, SMEs and large organisations)."""

    edition = ForeignKey(Edition, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=200)
    position = Integer(default=0)


class Criterion(Table, tablename="award_criterion"):
    """A criterion jurors score 0–10; the weight counts in the weighted mean."""

    edition = ForeignKey(Edition, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=200)
    description = Text(default="")
    weight = Integer(default=1)
    position = Integer(default=0)


class Candidacy(Table, tablename="award_candidacy"):
    """An organisation's candidacy, submitted by one of its members."""

    edition = ForeignKey(Edition, on_delete=OnDelete.cascade, index=True)
    category = ForeignKey(AwardCategory, on_delete=OnDelete.set_null, null=True)
    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.set_null, null=True, index=True)
    """Required for a new candidacy; empty only for dossiers carried over from before the
    award had its own app, whose submitter named no organisation."""
    title = Varchar(length=200)
    summary = Text(default="")
    state = Varchar(length=20, choices=CandidacyState, default=CandidacyState.draft)
    created_at = Timestamptz(default=utc_now)
    updated_at = Timestamptz(default=utc_now)
    submitted_at = Timestamptz(null=True, default=None)


class CandidacyText(Table, tablename="award_candidacy_text"):
    """What the candidate writes for one criterion."""

    candidacy = ForeignKey(Candidacy, on_delete=OnDelete.cascade, index=True)
    criterion = ForeignKey(Criterion, on_delete=OnDelete.cascade)
    text = Text(default="")


class Attachment(FileColumns, Table, tablename="award_attachment"):
    """A file of a candidacy, kept in the database with its dossier."""

    candidacy = ForeignKey(Candidacy, on_delete=OnDelete.cascade, index=True)
    uploaded_at = Timestamptz(default=utc_now)


class Juror(Table, tablename="award_juror"):
    """An account appointed to one edition's jury. Until `agreed_at` (the confidentiality
    agreement) the juror sees no dossier of that edition."""

    edition = ForeignKey(Edition, on_delete=OnDelete.cascade, index=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    appointed_at = Timestamptz(default=utc_now)
    agreed_at = Timestamptz(null=True, default=None)


class Assignment(Table, tablename="award_assignment"):
    """A candidacy a juror judges."""

    juror = ForeignKey(Juror, on_delete=OnDelete.cascade, index=True)
    candidacy = ForeignKey(Candidacy, on_delete=OnDelete.cascade, index=True)
    assigned_at = Timestamptz(default=utc_now)


class Conflict(Table, tablename="award_conflict"):
    """A conflict of interest a juror declared for a candidacy; it ends the assignment."""

    juror = ForeignKey(Juror, on_delete=OnDelete.cascade, index=True)
    candidacy = ForeignKey(Candidacy, on_delete=OnDelete.cascade, index=True)
    reason = Text(default="")
    declared_at = Timestamptz(default=utc_now)


class Score(Table, tablename="award_score"):
    """One juror's score (0–10) of one criterion of one candidacy, with a comment."""

    juror = ForeignKey(Juror, on_delete=OnDelete.cascade, index=True)
    candidacy = ForeignKey(Candidacy, on_delete=OnDelete.cascade, index=True)
    criterion = ForeignKey(Criterion, on_delete=OnDelete.cascade)
    score = Integer()
    comment = Text(default="")
    updated_at = Timestamptz(default=utc_now)
    final = Boolean(default=False)


KEPT_WITH_THE_DOSSIER = N_(
    "5 years after the edition is decided (never decided: after its jury deadline)"
)

declare_not_personal(Edition, "an award edition: name, year, deadlines and state")
declare_not_personal(AwardCategory, "a category of an award edition")
declare_not_personal(Criterion, "a judging criterion and its weight")
declare(
    Candidacy,
    subject="member",
    columns={"title": Erase.delete_row, "summary": Erase.delete_row},
    category=N_("award dossiers"),
    purpose=N_("judge candidacies for the network's award"),
    legal_basis=LegalBasis.consent,
    retention=KEPT_WITH_THE_DOSSIER,
    recipients=(N_("jurors who signed a confidentiality agreement"),),
    notes="erasing the submitter removes the candidacy with its texts, attachments and scores",
)
declare(
    CandidacyText,
    subject="candidacy",
    columns={"text": Erase.delete_row},
    category=N_("award dossiers"),
    purpose=N_("judge candidacies for the network's award"),
    legal_basis=LegalBasis.consent,
    retention=KEPT_WITH_THE_DOSSIER,
    recipients=(N_("jurors who signed a confidentiality agreement"),),
)
declare(
    Attachment,
    subject="candidacy",
    columns={"filename": Erase.delete_row, "content": Erase.delete_row},
    category=N_("award dossiers"),
    purpose=N_("judge candidacies for the network's award"),
    legal_basis=LegalBasis.consent,
    retention=KEPT_WITH_THE_DOSSIER,
    recipients=(N_("jurors who signed a confidentiality agreement"),),
)
declare(
    Juror,
    subject="account",
    columns={"account": Erase.delete_row},
    category=N_("award jury"),
    purpose=N_("appoint jurors, record their confidentiality agreement and their judgement"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=KEPT_WITH_THE_DOSSIER,
    notes="erasing a juror removes their seat, assignments, conflicts and scores",
)
for _table, _columns in (
    (Assignment, {"candidacy": Erase.delete_row}),
    (Conflict, {"reason": Erase.delete_row}),
    (Score, {"score": Erase.delete_row, "comment": Erase.delete_row}),
):
    declare(
        _table,
        subject="juror",
        columns=_columns,
        category=N_("award jury"),
        purpose=N_("appoint jurors, record their confidentiality agreement and their judgement"),
        legal_basis=LegalBasis.legitimate_interest,
        retention=KEPT_WITH_THE_DOSSIER,
    )

declare_free_text(Candidacy, ("title", "summary"), owner="member", label=N_("Award candidacy"))
declare_free_text(CandidacyText, ("text",), owner=None, label=N_("Award candidacy text"))
declare_free_text(Score, ("comment",), owner=None, label=N_("Juror's comment"))
declare_free_text(Conflict, ("reason",), owner=None, label=N_("Juror's conflict of interest"))
