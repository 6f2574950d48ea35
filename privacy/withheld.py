"""Rows of a person's access answer that the staff member preparing it may not read, because
they take part in what the rows record: a privacy officer on an award jury reads no fellow
juror's scores before the jury deliberates. The person's own copy is never filtered.

Apps register a rule per table (`withhold_from_viewer`); the desk applies them all in one place
(`privacy.requests.access_answer`), so no handler carries its own exception."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

RowsHidden = Callable[[int, list[dict[str, Any]]], Awaitable[set[int]]]
"""Given the viewer's account id and the table's rows in the answer, the ids to withhold."""


@dataclass(frozen=True)
class Rule:
    hidden: RowsHidden
    why: str
    """Said in the answer in place of the rows (English, as the answer's other notes)."""


RULES: dict[str, Rule] = {}


def withhold_from_viewer(tablename: str, hidden: RowsHidden, why: str) -> None:
    RULES[tablename] = Rule(hidden, why)


async def as_seen_by(viewer_account_id: int, export: dict[str, Any]) -> dict[str, Any]:
    """The answer without the rows this viewer may not read, each table so shortened named
    under `withheld_from_you` with the reason."""
    withheld: dict[str, str] = {}
    for tablename, rule in RULES.items():
        table = export["tables"].get(tablename)
        if not table or not table["rows"]:
            continue
        hidden = await rule.hidden(viewer_account_id, table["rows"])
        if hidden:
            table["rows"] = [r for r in table["rows"] if r["id"] not in hidden]
            withheld[tablename] = rule.why
    if withheld:
        export["withheld_from_you"] = withheld
    return export
