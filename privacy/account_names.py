"""Who an account number is, for the privacy officer's pages: "Sofie Peeters (privacy
officer)", not "12".

The desk's records keep account numbers (`recorded_by`, an audit entry's `actor`); a reader
asks who did it. An account that no longer exists (deleted, or erased with its member) reads
as a neutral label, never as an error or as someone else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kring.messages import N_
from kring.tables import Account
from kring.vocabulary import label

ACCOUNT_COLUMNS = frozenset(
    {
        "recorded_by",
        "started_by",
        "approved_by",
        "closed_by",
        "issued_by",
        "actor",
        "done_by",
    }
)
"""Columns of the privacy tables that hold an account number."""

GONE = N_("an account that no longer exists")


async def account_names(ids: Iterable[object], gettext: Callable[[str], str]) -> dict[int, str]:
    """Each account number among `ids` → its person's name and role, in the reader's
    language; a number with no account left → the neutral label."""
    wanted = sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool)})
    if not wanted:
        return {}
    rows = await Account.select(
        Account.id,
        Account.display_name,
        Account.role,
        Account.member.first_name,
        Account.member.last_name,
    ).where(Account.id.is_in(wanted))
    found = {}
    for row in rows:
        person = " ".join(
            part for part in (row["member.first_name"], row["member.last_name"]) if part
        )
        name = person or row["display_name"] or gettext(GONE)
        found[row["id"]] = f"{name} ({label(row['role'], gettext)})"
    return {i: found.get(i, gettext(GONE)) for i in wanted}
