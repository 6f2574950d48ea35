"""What an import did to each row, and why: the answer of the CLI, the API and the page."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kring.messages import Gettext, Message, english, translate
from kring.validation import FieldError


class Outcome(StrEnum):
    created = "created"
    updated = "updated"
    skipped = "skipped"
    rejected = "rejected"


@dataclass(frozen=True)
class Problem:
    """A reason tied to a row and a field; `row` is the line (CSV) or row (XLSX) in the file.

    `template` is an English message id (marked with `N_`) and `params` fill it in: the CLI and
    the API read `message`, the import page `translate(gettext)` in the organiser's language.
    """

    row: int
    field: str
    template: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, row: int, field: str, error: FieldError) -> Problem:
        return cls(row, field, error.template, error.params)

    @property
    def message(self) -> str:
        return english(self.template, self.params)

    def translate(self, gettext: Gettext) -> str:
        return translate(self.template, self.params, gettext)

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
    notices: list[Message] = field(default_factory=list)

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
