"""The disclosure rule of the area-usage table, checked against every possible set of sign-ins
of small networks: no published month tells whether one member signed in, even to a reader who
knows whether four other members did, and even by subtracting rows from the total."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime

from members.usage import CellState, Person, build_table, completed_months, parse_months
from members.usage_rule import Count, Disclosure, disclose, is_safe
from tests.conftest import same_on_every_database

KNOWN = 4
"""How many other members' sign-ins the reader is assumed to know (themselves and colleagues)."""

Output = tuple[int | None, tuple[int | None, ...]]


Rule = Callable[[Sequence[Count], Count], Disclosure]


def _published(sizes: Sequence[int], left_out: int, counts: Sequence[int], rule: Rule) -> Output:
    """What the table shows of one month: the total and each row's count, or None if hidden."""
    rows = [Count(n, s) for n, s in zip(sizes, counts, strict=False)]
    decided = rule(rows, Count(left_out, counts[-1]))
    total = sum(counts) if decided.total else None
    return total, tuple(s if ok else None for s, ok in zip(counts, decided.rows, strict=False))


def _knowledge(
    groups: Sequence[tuple[int, int]], left: int
) -> Iterator[tuple[tuple[int, int], ...]]:
    """Every way to know `left` members' sign-ins: per group, how many known did and did not."""
    if not groups:
        if left == 0:
            yield ()
        return
    (members, signed), rest = groups[0], groups[1:]
    for did in range(min(signed, left) + 1):
        for did_not in range(min(members - signed, left - did) + 1):
            for tail in _knowledge(rest, left - did - did_not):
                yield ((did, did_not), *tail)


def _fits(
    groups: Sequence[int], knows: Sequence[tuple[int, int]], g: int, b: int, other: Sequence[int]
) -> bool:
    """Whether these counts agree with what the reader knows and give x (in g) the answer 1-b."""
    for h, (members, signed) in enumerate(zip(groups, other, strict=True)):
        did, did_not = knows[h]
        low = did + (1 - b) if h == g else did
        high = low + members - did - did_not - 1 if h == g else members - did_not
        if not low <= signed <= high:
            return False
    return True


def _deductions(sizes: Sequence[int], left_out: int, rule: Rule = disclose) -> list[object]:
    """Every (sign-ins, knowledge, member) for which the table pins that member's sign-in.

    A member x with sign-in b is not pinned when some other set of sign-ins, agreeing with what
    the reader knows, gives the same table and gives x the other answer. The table depends on
    the counts per group only, so it is enough to look for such counts."""
    groups = [*sizes, left_out]
    classes: dict[Output, list[tuple[int, ...]]] = {}
    for counts in itertools.product(*[range(n + 1) for n in groups]):
        classes.setdefault(_published(sizes, left_out, counts, rule), []).append(counts)
    known = min(KNOWN, sum(groups) - 1)
    found = []
    for same_table in classes.values():
        for counts in same_table:
            for knows in _knowledge(list(zip(groups, counts, strict=True)), known):
                for g, (n, s) in enumerate(zip(groups, counts, strict=True)):
                    did, did_not = knows[g]
                    for b in (0, 1):
                        if (s - did if b else n - s - did_not) < 1:
                            continue  # no unknown member in g with that answer

                        if _fits(groups, knows, g, b, counts):
                            continue  # x and an unknown member of g swap answers
                        if not any(_fits(groups, knows, g, b, o) for o in same_table):
                            found.append((counts, knows, g, b))
    return found


@same_on_every_database
def test_no_month_of_a_small_network_pins_one_member():
    scenes = [
        ((5,), 1),  # one organisation and one member elsewhere
        ((10,), 4),
        ((10, 10), 1),  # the case that subtracting a hidden row would reveal
        ((5, 12), 3),
        ((10, 10, 5), 0),  # a reader who knows four members of one row
        ((5, 5, 5), 0),
    ]
    for sizes, left_out in scenes:
        assert _deductions(sizes, left_out) == [], (sizes, left_out)


@same_on_every_database
def test_the_checker_finds_what_a_naive_rule_would_reveal():
    """Showing every safe row and the total (no second hiding) lets the total minus the rows
    tell whether the one member without a row signed in: the check must see that."""

    def naive(rows: Sequence[Count], without_row: Count) -> Disclosure:
        total = sum(rows, without_row)
        return Disclosure(is_safe(total), tuple(is_safe(row) for row in rows))

    assert _deductions((10,), 1, naive)


def _people(spec: dict[int | None, tuple[int, int]], month: str) -> list[Person]:
    """Per organisation: (members, how many of them signed in during `month`)."""
    people = []
    for organisation, (members, signed) in spec.items():
        for index in range(members):
            logins = frozenset({month}) if index < signed else frozenset()
            people.append(Person(organisation, date(2020, 1, 1), logins))
    return people


@same_on_every_database
def test_the_table_pools_small_organisations_and_hides_small_counts():
    month = "2026-03"
    people = _people({1: (12, 6), 2: (10, 2), 3: (3, 1), 4: (2, 2), None: (1, 0)}, month)
    rows = build_table(
        people, [month], {1: "Acme", 2: "Brouwerij", 3: "Klein", 4: "Mini"}, "2000-01"
    )
    shown = {(row.kind.value, row.name): row.cells[0] for row in rows}
    assert set(shown) == {
        ("all", ""),
        ("organisation", "Acme"),
        ("organisation", "Brouwerij"),
        ("other", ""),
    }
    assert shown["organisation", "Brouwerij"].state is CellState.hidden  # only 2 signed in
    other = shown["other", ""]
    assert (other.state, other.members, other.signed_in) == (CellState.hidden, 6, None)
    # Brouwerij and Other hidden: together 16 members, 5 signed in, too few to show their sum,
    # so Acme (the smallest shown row) is hidden too, and the total stays.
    assert shown["organisation", "Acme"].state is CellState.hidden
    total = shown["all", ""]
    assert (total.state, total.members, total.signed_in) == (CellState.shown, 28, 11)
    # Every cell: no count of who signed in, or who did not, below 5.
    for row in rows:
        for cell in row.cells:
            if cell.signed_in is not None:
                assert cell.signed_in >= 5 and cell.members - cell.signed_in >= 5


@same_on_every_database
def test_a_pool_below_five_is_left_out_and_old_months_are_not_kept():
    months = ["2026-02", "2026-03"]
    people = _people({1: (20, 10), 2: (3, 3)}, "2026-03")
    rows = build_table(people, months, {1: "Acme", 2: "Klein"}, "2026-03")
    by_kind = {row.kind.value: row for row in rows}
    total = by_kind["all"].cells
    assert [c.state for c in total] == [CellState.not_kept, CellState.shown]
    assert (total[1].members, total[1].signed_in) == (23, 13)
    assert by_kind["other"].cells[1].state is CellState.too_small
    assert by_kind["other"].cells[1].members == 3 and by_kind["other"].cells[1].signed_in is None
    # 3 of the 23 signed in outside Acme: Acme's 10 would tell it by subtraction.
    assert by_kind["organisation"].cells[1].state is CellState.hidden


@same_on_every_database
def test_months_are_whole_months_before_the_running_one_and_the_parameter_is_checked():
    now = datetime(2026, 1, 15, tzinfo=UTC)
    assert completed_months(now, 3) == ("2025-10", "2025-11", "2025-12")
    assert parse_months(None) == 12 and parse_months("36") == 36 and parse_months(" 1 ") == 1
    for bad in ("0", "37", "-1", "1.5", "twelve", "²", "١٢"):
        try:
            parse_months(bad)
        except ValueError as error:
            assert "months" in str(error)
        else:
            raise AssertionError(bad)
