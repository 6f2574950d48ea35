"""Where other people's words name a person: what an erasure leaves, found for the officer.

Erasure removes a person's own rows and files; what others wrote about them (a challenge that
names a colleague, a project note, a juror's comment, a library text) stays, since rewriting
another member's words would change their record. The officer reads those places before
confirming an erasure that must reach them and settles each with its author. This module
finds them: every free-text column of the network is declared beside its table, and the test
`tests/privacy/test_mentions.py` fails when a table gains a free-text column that is neither
declared (`kring.declarations.declare_free_text`, beside the table) nor set aside with a reason.

A mention is the person's full name in either order ("Jan Peeters", "Peeters Jan", "Peeters,
Jan"), folded as the people search folds names (case, accents and punctuation aside), or their
e-mail address. A surname alone is not one: it names too many people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from piccolo.columns import Column

from kring.declarations import REGISTER, FreeText
from kring.queries import contains
from kring.search import fold
from kring.tables import Member

MOST_SHOWN = 200
"""Mentions listed at most (the officer narrows it down with the authors after that)."""
EXCERPT = 240
"""Characters of a text shown around a mention."""


@dataclass(frozen=True)
class Mention:
    """One row whose text names the person."""

    label: str
    row_id: int
    owner: int | None
    """The member whose row it is (who wrote it, or whom it is about), where the table says."""
    excerpt: str


async def mentions_of(member_id: int) -> list[Mention]:
    """The rows of others whose free text names ``member_id`` (their own rows, which erasure
    removes, are left out), place by place, at most ``MOST_SHOWN``."""
    person = (
        await Member.select(Member.first_name, Member.last_name, Member.email, Member.private_email)
        .where(Member.id == member_id)
        .first()
    )
    if person is None:
        return []
    names = _spellings(person["first_name"] or "", person["last_name"] or "")
    addresses = [a.casefold() for a in (person["email"], person["private_email"]) if a]
    hints = [h for h in (_hint(person["last_name"] or ""), *addresses) if h]
    if not hints or not (names or addresses):
        return []
    found: list[Mention] = []
    for place in REGISTER.free_text.values():
        for row in await _candidates(place, hints, member_id):
            text = " · ".join(str(row[c]) for c in place.columns if row[c])
            at = _where(text, names, addresses)
            if at is not None:
                owner = row.get(place.owner) if place.owner else None
                found.append(Mention(place.label, row["id"], owner, _excerpt(text, at)))
                if len(found) >= MOST_SHOWN:
                    return found
    return found


async def _candidates(place: FreeText, hints: list[str], member_id: int) -> list[dict]:
    """Rows where a column holds one of ``hints`` (the database narrows; ``_where`` decides)."""
    table = place.table
    columns: list[Column] = [table._meta.get_column_by_name(c) for c in place.columns]
    where = None
    for column in columns:
        for hint in hints:
            clause = contains(column, hint)
            where = clause if where is None else where | clause
    owner = table._meta.get_column_by_name(place.owner) if place.owner else None
    query = table.select(table._meta.primary_key, *columns, *([owner] if owner else []))
    query = query.where(where)
    if owner is not None:  # the person's own rows: their erasure handles them
        query = query.where((owner != member_id) | owner.is_null())
    return await query.order_by(table._meta.primary_key)


_ASCII_RUN = re.compile(r"[A-Za-z]{3,}")


def _hint(last_name: str) -> str:
    """What the database looks for first: the surname's longest run of plain letters (its
    LIKE ignores the case of those only), or the surname as written."""
    runs = _ASCII_RUN.findall(last_name)
    return max(runs, key=len) if runs else last_name.strip()


def _spellings(first_name: str, last_name: str) -> list[str]:
    """The full name in both orders, folded; none when either name is missing."""
    first, last = fold(first_name), fold(last_name)
    if not first or not last:
        return []
    return [f"{first} {last}", f"{last} {first}"]


_WORD = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*")


def _where(text: str, names: list[str], addresses: list[str]) -> int | None:
    """Where in ``text`` the person is named (a character offset), or None: a full name is
    a run of words that fold to its words, an address is found as written (case aside)."""
    words = [(fold(found.group()), found.start()) for found in _WORD.finditer(text)]
    folded = [w for w, _ in words]
    for name in names:
        wanted = name.split()
        for i in range(len(folded) - len(wanted) + 1):
            if " ".join(folded[i : i + len(wanted)]).split() == wanted:
                return words[i][1]
    lowered = text.casefold()
    for address in addresses:
        at = lowered.find(address)
        if at >= 0:
            return at
    return None


def _excerpt(text: str, at: int) -> str:
    """About ``EXCERPT`` characters of ``text`` around offset ``at``."""
    if len(text) <= EXCERPT:
        return text
    start = max(0, min(at - EXCERPT // 3, len(text) - EXCERPT))
    piece = text[start : start + EXCERPT]
    return f"{'…' if start else ''}{piece}{'…' if start + EXCERPT < len(text) else ''}"
