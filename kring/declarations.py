"""The declared map of personal data: every table that holds it says what, why and how it is erased.

Declarations sit next to each table definition and are applied by one mechanism in `privacy/`;
no other code decides on its own what erasure does to a column.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from piccolo.table import Table

from kring.messages import Message


class LegalBasis(StrEnum):
    legitimate_interest = "legitimate_interest"
    contract = "contract"
    legal_obligation = "legal_obligation"
    consent = "consent"


class Erase(StrEnum):
    """What erasure does to a column (or, for `delete_row`, to the whole row)."""

    delete_row = "delete_row"
    null = "null"
    blank = "blank"
    replace = "replace"
    keep = "keep"
    legal_hold = "legal_hold"


@dataclass(frozen=True)
class PersonalData:
    """One table's declaration. `subject` is the column that points at the person (a Member id)."""

    table: type[Table]
    subject: str
    columns: Mapping[str, Erase]
    category: str
    purpose: str
    legal_basis: LegalBasis
    retention: str
    recipients: tuple[str, ...] = ()
    notes: str = ""
    retention_params: Callable[[], Mapping[str, Any]] | None = None
    """Values for `%(name)s` in `retention` that come from the settings, read when shown."""

    @property
    def tablename(self) -> str:
        return self.table._meta.tablename

    @property
    def retention_text(self) -> Message:
        """The retention as a sentence: English where it is data, the reader's language on a
        page (`shown`), with the configured values filled in."""
        return Message(self.retention, self.retention_params() if self.retention_params else None)


@dataclass(frozen=True)
class NoPersonalData:
    """A table whose personal-looking columns are not about a natural person, and why."""

    table: type[Table]
    reason: str


@dataclass(frozen=True)
class Departure:
    """What a table's owner does first when a person leaves: before an erasure anonymises
    their rows (`erasing(member_id)`), or before a merge moves the double's rows onto the
    survivor (`merging(survivor_id, loser_id)`). Events give seats still to come back to the
    waitlist here, through the same path as a cancellation. Both run inside the caller's
    transaction, after it locked the member rows."""

    erasing: Callable[[int], Awaitable[None]] | None = None
    merging: Callable[[int, int], Awaitable[None]] | None = None


@dataclass(frozen=True)
class PasswordChange:
    """What an app turns off when a member's password changes: an address or key of its own
    that reads the member's data without the password, which whoever knew the old password
    could have made (events: the calendar address). `end(member_id)` runs inside the caller's
    transaction and says whether one was on; `told` (an `N_` message) then tells the person,
    with where to make a new one."""

    end: Callable[[int], Awaitable[bool]]
    told: str


@dataclass(frozen=True)
class RetentionPolicy:
    """A kind of data an app removes when its time is up, applied by privacy's retention job
    with the period the privacy officer set (or `default_months`). `count` and `remove` take
    the cutoff: whatever ended before it (a decided award edition, an ended project) is past
    its time. `remove` is idempotent and safe with several workers."""

    category: str
    default_months: int
    count: Callable[[datetime], Awaitable[int]]
    remove: Callable[[datetime], Awaitable[int]]
    describe: Callable[[datetime], Awaitable[list[str]]] | None = None
    """What a run would remove, a line per item (an edition, a project), for the dry run."""


@dataclass(frozen=True)
class FreeText:
    """Columns of a table where people write what they like, so a name of someone else may
    stand in them: erasure does not rewrite them, and the privacy officer searches them for
    a person before an erasure (`privacy/mentions.py`)."""

    table: type[Table]
    columns: tuple[str, ...]
    owner: str | None
    """The member column of whose row it is (they wrote it, or it is about them: their own
    erasure handles it), or None where staff write it."""
    label: str
    """What the officer calls a row (an `N_` message)."""


@dataclass
class Register:
    personal: dict[str, PersonalData] = field(default_factory=dict)
    not_personal: dict[str, NoPersonalData] = field(default_factory=dict)
    departures: dict[str, Departure] = field(default_factory=dict)
    retention: dict[str, RetentionPolicy] = field(default_factory=dict)
    free_text: dict[str, FreeText] = field(default_factory=dict)
    password_changes: dict[str, PasswordChange] = field(default_factory=dict)

    def is_declared(self, table: type[Table]) -> bool:
        return self.is_declared_name(table._meta.tablename)

    def is_declared_name(self, tablename: str) -> bool:
        return tablename in self.personal or tablename in self.not_personal


REGISTER = Register()


def declare(
    table: type[Table],
    *,
    subject: str,
    columns: Mapping[str, Erase],
    category: str,
    purpose: str,
    legal_basis: LegalBasis,
    retention: str,
    recipients: tuple[str, ...] = (),
    notes: str = "",
    retention_params: Callable[[], Mapping[str, Any]] | None = None,
) -> None:
    known = {column._meta.name for column in table._meta.columns}
    unknown = (set(columns) | {subject}) - known
    if unknown:
        raise ValueError(f"{table.__name__} declares columns it does not have: {sorted(unknown)}")
    REGISTER.personal[table._meta.tablename] = PersonalData(
        table=table,
        subject=subject,
        columns=dict(columns),
        category=category,
        purpose=purpose,
        legal_basis=legal_basis,
        retention=retention,
        recipients=recipients,
        notes=notes,
        retention_params=retention_params,
    )


def declare_not_personal(table: type[Table], reason: str) -> None:
    REGISTER.not_personal[table._meta.tablename] = NoPersonalData(table=table, reason=reason)


def declare_departure(table: type[Table], departure: Departure) -> None:
    """Declared by the module that holds the logic (which imports the table), and imported by
    the app's `piccolo_app.py`, so it is known wherever the tables are."""
    REGISTER.departures[table._meta.tablename] = departure


def declare_password_change(table: type[Table], change: PasswordChange) -> None:
    """Declared as a departure is (`declare_departure`): by the module that holds the logic,
    imported by the app's `piccolo_app.py`; the password pages run it without importing the
    app."""
    REGISTER.password_changes[table._meta.tablename] = change


def declare_retention(policy: RetentionPolicy) -> None:
    """Declared beside the tables it removes (imported by the app's `piccolo_app.py`); its
    category needs a label in `kring.vocabulary.LABELS`."""
    REGISTER.retention[policy.category] = policy


def declare_free_text(
    table: type[Table], columns: tuple[str, ...], *, owner: str | None, label: str
) -> None:
    """Declared beside the table: which of its columns hold free text (searched for a
    person's name before an erasure)."""
    known = {column._meta.name for column in table._meta.columns}
    unknown = (set(columns) | ({owner} if owner else set())) - known
    if unknown:
        raise ValueError(f"{table.__name__} declares columns it does not have: {sorted(unknown)}")
    REGISTER.free_text[table._meta.tablename] = FreeText(table, columns, owner, label)
