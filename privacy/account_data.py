"""Everything held about a staff account without a member profile (GDPR art. 15 and 20).

An organiser's, officer's or administrator's login is personal data too: its e-mail address and
name, its sessions, API tokens and password resets, a jury seat and its scores, the imports it
started, and the audit trail of what it did. Without a member profile there was no way to ask
for it; this answer follows the same declarations as a member's (`privacy.access`), starting
from the account instead of the member, in the same `kring-access/1` shape.
"""

from __future__ import annotations

from typing import Any

from kring.clock import utc_now
from kring.errors import NotFound
from kring.tables import Account, Member
from kring.vocabulary import N_
from privacy.access import SCHEMA, add_done_by, declared_tables, in_language, information
from privacy.subjects import Finder, unlinked_declarations

STAFF_SOURCE = N_("the network made this account for you as a member of its staff")

PAGE_ROWS = 500
"""The rows of one table the page shows, newest last; the JSON download holds every row."""


def for_the_page(export: dict[str, Any]) -> dict[str, int]:
    """Cuts each table longer than `PAGE_ROWS` to its newest rows, in place; returns the cut
    tables with their full count, for the page to say so. An officer's audit trail grows with
    every member page they open: years of it made a page of tens of thousands of rows."""
    shortened = {}
    for name, table in export["tables"].items():
        if len(table["rows"]) > PAGE_ROWS:
            shortened[name] = len(table["rows"])
            table["rows"] = table["rows"][-PAGE_ROWS:]
    return shortened


class AccountFinder(Finder):
    """A `Finder` rooted at one account: no member rows, the account's own row and what hangs
    from it (sessions, tokens, resets, jury seats and their scores, imports)."""

    def __init__(self, account_id: int) -> None:
        super().__init__(member_id=0)
        self._ids = {Member._meta.tablename: [], Account._meta.tablename: [account_id]}

    async def where(self, declaration: Any) -> Any:
        if declaration.table is Member:
            return None
        if declaration.table is Account:
            return Account.id == self._ids[Account._meta.tablename][0]
        return await super().where(declaration)


async def account_export(account_id: int, language: str) -> dict[str, Any]:
    """Read in one transaction, as a member's answer is."""
    async with Account._meta.db.transaction():
        return await _export(account_id, language)


async def _export(account_id: int, language: str) -> dict[str, Any]:
    account = (
        await Account.select(Account.id, Account.display_name, Account.role)
        .where(Account.id == account_id)
        .first()
    )
    if account is None:
        raise NotFound(N_("account %(account_id)s not found"), account_id=account_id)
    tables = await declared_tables(AccountFinder(account_id), lambda _, values: values)
    await add_done_by(tables, account_id, None)
    facts = await information(0, tables)
    facts["source"]["explanation"] = STAFF_SOURCE
    return {
        "schema": SCHEMA,
        "generated_at": utc_now().isoformat(),
        "subject": {
            "account_id": account["id"],
            "first_name": account["display_name"],
            "last_name": "",
            "role": account["role"],
        },
        "tables": tables,
        "not_searched": {
            d.tablename: "staff-only table, not linked to members" for d in unlinked_declarations()
        },
        "information": facts,
        "information_in_your_language": in_language(facts, language),
    }
