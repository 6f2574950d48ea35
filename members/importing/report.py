"""What an import did to each row, and why: the answer of the CLI, the API and the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    created = "created"
    updated = "updated"
    skipped = "skipped"
    rejected = "rejected"


@dataclass(frozen=True)
class Problem:
    """A reason tied to a row and a field; `row` is the line (CSV) or row (XLSX) in the file."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass
class RowResult:
    row: int
    outcome: Outcome
    name: str = ""
    member_id: int | None = None
    organisation_id: int | None = None
    reasons: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool
    mapping: dict[str, str]
    rows: list[RowResult] = field(default_factory=list)
    organisations_created: int = 0
    notices: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome.value: self.count(outcome) for outcome in Outcome}

    @property
    def problems(self) -> list[Problem]:
        return [p for row in self.rows for p in row.reasons]

    @property
    def flagged(self) -> list[Problem]:
        return [p for row in self.rows for p in row.notices]
