"""The organisers' view of the login-month record: per month, the share of members who signed
in to the members' area, overall and per organisation, never finer than the month and never
for fewer than 5 people (`members.usage_rule` decides what may be shown).

Who counts in a month: members active today, not under a restriction of processing, who had
joined by the month's last day; their organisation is today's. Paused members are left out:
their membership is on hold, so they are not the people the area serves. Only completed months
are shown: the running month's figures would change from one visit to the next and tell who
signed in between. Every month is worked out on its own, so it reads the same in every period
it is shown in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.messages import N_
from kring.tables import Member, Organisation
from kring.validation import FieldError, only_digits
from members.usage_rule import MINIMUM, NOBODY, Count, disclose
from privacy.restriction import restricted_members
from privacy.retention import Category, months_before, rules
from privacy.tables import LoginMonth

DEFAULT_MONTHS = 12
MAX_MONTHS = 36


class RowKind(StrEnum):
    everyone = "all"
    organisation = "organisation"
    without_organisation = "without_organisation"
    other = "other"


class CellState(StrEnum):
    shown = "shown"
    """The count and the share are shown."""
    hidden = "hidden"
    """Too few signed in or too few did not (or showing it would reveal another hidden row)."""
    too_small = "too_small"
    """The pooled small organisations are themselves fewer than 5: counted in the total only."""
    in_other = "in_other"
    """This organisation had fewer than 5 counted members that month: counted in Other."""
    not_kept = "not_kept"
    """Older than the login months are kept (the retention period the privacy officer set)."""
    no_members = "no_members"


ROW_NAMES = {
    RowKind.everyone: N_("All members"),
    RowKind.without_organisation: N_("Without an organisation"),
    RowKind.other: N_("Other organisations (fewer than 5 members each)"),
}


@dataclass(frozen=True)
class Cell:
    month: str
    state: CellState
    members: int
    signed_in: int | None = None

    @property
    def share(self) -> float | None:
        if self.signed_in is None or not self.members:
            return None
        return self.signed_in / self.members


@dataclass(frozen=True)
class Row:
    kind: RowKind
    organisation_id: int | None
    name: str
    """The organisation's name; empty for the other kinds (their names are translated)."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Usage:
    months: tuple[str, ...]
    rows: tuple[Row, ...]
    kept_months: int
    """How long login months are kept; older months have no record."""


def parse_months(raw: str | None) -> int:
    """The `months` parameter: a whole number from 1 to 36 (12 when not given)."""
    if raw is None or raw.strip() == "":
        return DEFAULT_MONTHS
    text = raw.strip()
    if not only_digits(text) or not 1 <= int(text) <= MAX_MONTHS:
        raise FieldError(
            "months",
            N_("%(value)r is not a number of months from 1 to %(maximum)s"),
            value=raw[:20],
            maximum=MAX_MONTHS,
        )
    return int(text)


def completed_months(now: datetime, months: int) -> tuple[str, ...]:
    """The `months` whole months before the running one, oldest first, as YYYY-MM."""
    current = now.year * 12 + now.month - 1
    return tuple(
        f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(current - months, current)
    )


def month_end(month: str) -> date:
    year, number = int(month[:4]), int(month[5:])
    following = date(year + number // 12, number % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class Person:
    """What the table needs of one counted member; it never leaves this module."""

    organisation: int | None
    joined_on: date
    signed_in: frozenset[str]


def group_counts(
    people: Iterable[Person], months: Sequence[str]
) -> dict[str, dict[int | None, Count]]:
    """Per month, per organisation (None: members without one): who counted, who signed in.
    One pass over the people: the table must stay quick for a network of 100,000."""
    ends = {month: month_end(month) for month in months}
    joined: dict[int | None, list[date]] = defaultdict(list)
    signed: dict[tuple[str, int | None], int] = defaultdict(int)
    for person in people:
        joined[person.organisation].append(person.joined_on)
        for month in person.signed_in:
            if month in ends and person.joined_on <= ends[month]:
                signed[month, person.organisation] += 1
    for dates in joined.values():
        dates.sort()
    return {
        month: {
            key: Count(members, signed[month, key])
            for key, dates in joined.items()
            if (members := bisect_right(dates, ends[month]))
        }
        for month in months
    }


def month_cells(
    groups: dict[int | None, Count], month: str
) -> tuple[Cell, dict[int | None, Cell], Cell]:
    """One month: the total, the groups with a row of their own, and the pool of the others."""
    own = {key: count for key, count in groups.items() if count.members >= MINIMUM}
    pool = sum((c for key, c in groups.items() if key not in own), NOBODY)
    keys = sorted(own, key=lambda key: (key is None, key or 0))
    pooled = [pool] if pool.members >= MINIMUM else []
    left_out = NOBODY if pooled else pool
    rows = [own[key] for key in keys] + pooled
    decided = disclose(rows, left_out)
    total = sum(rows, left_out)

    def cell(count: Count, shown: bool) -> Cell:
        state = CellState.shown if shown else CellState.hidden
        return Cell(month, state, count.members, count.signed_in if shown else None)

    by_group = {key: cell(own[key], ok) for key, ok in zip(keys, decided.rows, strict=False)}
    if pooled:
        other = cell(pool, decided.rows[-1])
    elif pool.members:
        other = Cell(month, CellState.too_small, pool.members)
    else:
        other = Cell(month, CellState.no_members, 0)
    if not total.members:
        return Cell(month, CellState.no_members, 0), by_group, other
    return cell(total, decided.total), by_group, other


def build_table(
    people: Sequence[Person], months: Sequence[str], names: dict[int, str], oldest_kept: str
) -> tuple[Row, ...]:
    """The whole table from plain data: pure, so the rule is tested without a database."""
    counts = group_counts(people, months)
    total: list[Cell] = []
    other: list[Cell] = []
    per_group: dict[int | None, dict[str, Cell]] = defaultdict(dict)
    for month in months:
        if month < oldest_kept:
            members = sum(c.members for c in counts[month].values())
            total.append(Cell(month, CellState.not_kept, members))
            other.append(Cell(month, CellState.not_kept, 0))
            continue
        month_total, groups, pool = month_cells(counts[month], month)
        total.append(month_total)
        other.append(pool)
        for key, cell in groups.items():
            per_group[key][month] = cell
    rows = [Row(RowKind.everyone, None, "", tuple(total))]
    named = sorted(
        (key for key in per_group if key is not None),
        key=lambda key: (names.get(key, "").casefold(), key),
    )
    for key in [*named, *([None] if None in per_group else [])]:
        absent = (CellState.not_kept, CellState.in_other)
        cells = tuple(
            per_group[key].get(month) or Cell(month, absent[month >= oldest_kept], 0)
            for month in months
        )
        kind = RowKind.organisation if key is not None else RowKind.without_organisation
        rows.append(Row(kind, key, names.get(key, "") if key is not None else "", cells))
    if any(cell.state not in (CellState.no_members, CellState.not_kept) for cell in other):
        rows.append(Row(RowKind.other, None, "", tuple(other)))
    return tuple(rows)


async def _people(first: str, last: str) -> list[Person]:
    members = await Member.select(Member.id, Member.organisation, Member.joined_at).where(
        (Member.status == MemberStatus.active)
        & Member.id.not_in(restricted_members())
        & (Member.joined_at <= month_end(last))
    )
    logins: dict[int, set[str]] = defaultdict(set)
    for row in await LoginMonth.select(LoginMonth.member, LoginMonth.month).where(
        (LoginMonth.month >= first) & (LoginMonth.month <= last)
    ):
        logins[row["member"]].add(row["month"])
    return [
        Person(m["organisation"], m["joined_at"], frozenset(logins.get(m["id"], ())))
        for m in members
    ]


async def login_usage(months: int, now: datetime | None = None) -> Usage:
    now = now or utc_now()
    shown = completed_months(now, months)
    people = await _people(shown[0], shown[-1])
    names = {
        r["id"]: r["name"] for r in await Organisation.select(Organisation.id, Organisation.name)
    }
    kept = (await rules())[Category.login_months]
    # The retention job removes the months before this one (privacy.retention.apply).
    oldest_kept = months_before(now, kept).strftime("%Y-%m")
    return Usage(shown, build_table(people, shown, names, oldest_kept), kept)
