"""Award dossiers are kept five years after their edition is decided, then removed whole:
candidacies, texts, attachments, jurors and scores go with the edition (foreign keys cascade)."""

from __future__ import annotations

from datetime import datetime

from awards.tables import Candidacy, Edition
from kring.declarations import RetentionPolicy, declare_retention

DOSSIER_MONTHS = 60


def _past(cutoff: datetime):
    return Edition.decided_at.is_not_null() & (Edition.decided_at < cutoff)


async def count_dossiers(cutoff: datetime) -> int:
    """Candidacies of editions decided before the cutoff (what the dry run lists)."""
    editions = Edition.select(Edition.id).where(_past(cutoff))
    return await Candidacy.count().where(Candidacy.edition.is_in(editions))


async def describe_dossiers(cutoff: datetime) -> list[str]:
    """One line per edition a run would remove, with its number of candidacies."""
    editions = await Edition.select(
        Edition.id, Edition.name, Edition.year, Edition.decided_at
    ).where(_past(cutoff))
    lines = []
    for edition in sorted(editions, key=lambda e: e["decided_at"]):
        count = await Candidacy.count().where(Candidacy.edition == edition["id"])
        lines.append(
            f"edition {edition['id']} {edition['name']} {edition['year']}, decided "
            f"{edition['decided_at']:%Y-%m-%d}: candidacies {count}"
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
