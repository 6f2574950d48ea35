"""Which counts of one month's sign-ins may be shown without revealing a single member.

Pure: counts in, a decision out. The rule, for one month:

- a group of members is *safe* when at least 5 of them signed in and at least 5 did not; an
  exact count of a safe group says nothing about any one of them, even to someone who knows
  whether up to four of the others signed in;
- a row is shown only when its group is safe; the members who have no row (the pool of small
  organisations when it is below 5) count as hidden too;
- the hidden rows together can be worked out from the total minus the shown rows, and the reader
  also knows that each of them was hidden (so its count is small or large): that difference
  must therefore be safe twice over (at least 10 who signed in and 10 who did not); while it is
  not, the smallest shown row is hidden too. The total is shown when it is safe.

Whether a row is a row at all depends only on how many members it has, never on who signed
in. `tests/members/test_usage_rule.py` checks the rule against every possible set of sign-ins
of small networks, for a reader who knows whether four of the members signed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM = 5
"""No count below this (of members, of those who signed in, of those who did not) is shown."""


@dataclass(frozen=True)
class Count:
    members: int
    signed_in: int

    def __add__(self, other: Count) -> Count:
        return Count(self.members + other.members, self.signed_in + other.signed_in)


NOBODY = Count(0, 0)


def is_safe(count: Count, minimum: int = MINIMUM) -> bool:
    return count.signed_in >= minimum and count.members - count.signed_in >= minimum


@dataclass(frozen=True)
class Disclosure:
    total: bool
    """Whether the month's total may be shown."""
    rows: tuple[bool, ...]
    """Per row, in the order given: whether its count may be shown."""


def disclose(rows: Sequence[Count], without_row: Count = NOBODY) -> Disclosure:
    """`rows` are the groups that have a row of their own this month (each of at least
    MINIMUM members); `without_row` are the members counted in the total only."""
    shown = [is_safe(row) for row in rows]
    hidden = sum((row for row, ok in zip(rows, shown, strict=True) if not ok), without_row)
    # The smallest rows go first: they tell least, and hiding them costs the reader least.
    by_size = sorted(range(len(rows)), key=lambda index: (rows[index].members, index))
    for index in by_size:
        if hidden.members == 0 or is_safe(hidden, 2 * MINIMUM):
            break
        if shown[index]:
            shown[index] = False
            hidden = hidden + rows[index]
    total = sum(rows, without_row)
    return Disclosure(total=is_safe(total), rows=tuple(shown))
