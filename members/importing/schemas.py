"""Request and response shapes of the import, duplicate, merge and export API."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

from members.importing.duplicates import Pair
from members.importing.merge import MergeResult
from members.importing.report import ImportReport, Problem

Id = Annotated[int, Meta(ge=1, le=2**31 - 1)]
Cell = Annotated[str, Meta(max_length=2000)]
Row = Annotated[dict[Annotated[str, Meta(max_length=200)], Cell], Meta(max_length=50)]


class ImportRows(Struct, forbid_unknown_fields=True):
    """Rows keyed by field names (`first_name`, `email`…) or by a CRM's headers plus `mapping`."""

    rows: Annotated[list[Row], Meta(min_length=1, max_length=50_000)]
    dry_run: bool = False
    mapping: dict[str, str] | None = None


class ProblemOut(Struct):
    row: int
    field: str
    message: str


class RowOut(Struct):
    row: int
    outcome: str
    name: str
    member_id: int | None
    reasons: list[ProblemOut]
    notices: list[ProblemOut]


class ImportReportOut(Struct):
    dry_run: bool
    mapping: dict[str, str]
    counts: dict[str, int]
    organisations_created: int
    notices: list[str]
    rows: list[RowOut]


def _problems(items: list[Problem]) -> list[ProblemOut]:
    return [ProblemOut(p.row, p.field, p.message) for p in items]


def report_out(report: ImportReport) -> ImportReportOut:
    """Provisional ids of a dry run (negative) are not ids: they become null."""
    return ImportReportOut(
        dry_run=report.dry_run,
        mapping=report.mapping,
        counts=report.counts,
        organisations_created=report.organisations_created,
        notices=[str(notice) for notice in report.notices],
        rows=[
            RowOut(
                row=r.row,
                outcome=r.outcome.value,
                name=r.name,
                member_id=r.member_id if r.member_id and r.member_id > 0 else None,
                reasons=_problems(r.reasons),
                notices=_problems(r.notices),
            )
            for r in report.rows
        ],
    )


class DuplicateSide(Struct):
    id: int
    label: str


class DuplicatePair(Struct):
    left: DuplicateSide
    right: DuplicateSide
    score: float
    signals: list[str]


def pair_out(pair: Pair) -> DuplicatePair:
    return DuplicatePair(
        left=DuplicateSide(pair.left.id, pair.left.label),
        right=DuplicateSide(pair.right.id, pair.right.label),
        score=pair.score,
        signals=[str(signal) for signal in pair.signals],
    )


class MergeRequest(Struct, forbid_unknown_fields=True):
    """`fields` names the fields to take from the loser (or explicitly from the survivor)."""

    survivor: Id
    loser: Id
    fields: dict[str, Literal["survivor", "loser"]] = {}


class MergeOut(Struct):
    survivor: int
    loser: int
    moved: dict[str, int]
    dropped: dict[str, int]
    notes: list[str]


def merge_out(result: MergeResult) -> MergeOut:
    return MergeOut(
        survivor=result.survivor,
        loser=result.loser,
        moved=dict(result.moved),
        dropped=dict(result.dropped),
        notes=result.notes,
    )
