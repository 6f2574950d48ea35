"""Award dossiers are kept five years after their edition is decided, then removed whole:
candidacies, texts, attachments, jurors and scores go with the edition (foreign keys cascade).
An edition never decided (abandoned while open, judging or in deliberation) counts its five
years from its jury deadline, or its dossiers would be kept for ever."""

from __future__ import annotations

from datetime import datetime

from awards.tables import Candidacy, Edition
from kring.declarations import RetentionPolicy, declare_retention

DOSSIER_MONTHS = 60


def _past(cutoff: datetime):
    decided = Edition.decided_at.is_not_null() & (Edition.decided_at < cutoff)
    abandoned = Edition.decided_at.is_null() & (Edition.jury_deadline < cutoff)
    return decided | abandoned


async def count_dossiers(cutoff: datetime) -> int:
    """Candidacies of editions decided before the cutoff (what the dry run lists)."""
    editions = Edition.select(Edition.id).where(_past(cutoff))
    return await Candidacy.count().where(Candidacy.edition.is_in(editions))


async def describe_dossiers(cutoff: datetime) -> list[str]:
    """One line per edition a run would remove, with its number of candidacies."""
    editions = await Edition.select(
        Edition.id, Edition.name, Edition.year, Edition.decided_at, Edition.jury_deadline
    ).where(_past(cutoff))
    lines = []
    for edition in sorted(editions, key=lambda e: e["decided_at"] or e["jury_deadline"]):
        count = await Candidacy.count().where(Candidacy.edition == edition["id"])
        decided = edition["decided_at"]
        when = (
            f"decided {decided:%Y-%m-%d}"
            if decided
            else f"never decided, jury deadline {edition['jury_deadline']:%Y-%m-%d}"
        )
        lines.append(
            f"edition {edition['id']} {edition['name']} {edition['year']}, {when}: "
            f"candidacies {count}"
        )
    return lines


async def remove_dossiers(cutoff: datetime) -> int:
    removed = await count_dossiers(cutoff)
    await Edition.delete().where(_past(cutoff))
    return removed


declare_retention(
    RetentionPolicy(
        category="award_dossiers",
        default_months=DOSSIER_MONTHS,
        count=count_dossiers,
        remove=remove_dossiers,
        describe=describe_dossiers,
    )
)
