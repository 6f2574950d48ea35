"""The privacy officer finds the person a request is about: by name, e-mail or member number.

People rarely quote their member number; they write from an address or give their name. The
desk searches everyone, whatever their status: the officer answers for hidden, paused and
restricted members too. An erased person keeps only a suppression record, so their name no
longer finds them; their member number still does.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from kring.messages import N_
from kring.queries import contains
from kring.search import (
    can_find_anyone,
    members_with_every_word,
    part_of_an_address,
    search_words,
    signs_left_out_of_names,
)
from kring.tables import Account, Member
from kring.validation import FieldError, briefly, only_digits, read_id
from privacy.account_names import account_names
from privacy.requests import TABLES, Kind

PEOPLE_SHOWN = 50


def _any_of(clauses: list[Any]) -> Any:
    """The clauses joined by OR; None when there are none (the query can find no one)."""
    found = [clause for clause in clauses if clause is not None]
    return reduce(operator.or_, found) if found else None


def _by_address(text: str) -> Any:
    by_login = Account.select(Account.member).where(contains(Account.email, text))
    by_member = contains(Member.email, text) | contains(Member.private_email, text)
    return by_member | Member.id.is_in(by_login)


def _clause(query: str) -> Any:
    text = query.strip()[:254]
    if "@" in text:
        return _by_address(text)
    clauses = [members_with_every_word(search_words(text), organisations=False)]
    number = text.lstrip("#")
    if only_digits(number) and len(number) < 10:
        clauses.append(Member.id == int(number))
    if part_of_an_address(text):  # `jan_peeters`: no name holds the `_`
        clauses.append(_by_address(text))
    return _any_of(clauses)


def how_it_was_read(query: str) -> dict[str, Any]:
    """What the page says of a search above its results (`_search_notice.html`): that it can
    find nobody (no letter or digit), or which signs the name search read past and the words
    it searched for (and, `typed`, the part of an address looked for as typed). An address and
    a member number (`#42`) are searched as typed."""
    text = query.strip()[:254]
    number = only_digits(text.lstrip("#")) and len(text.lstrip("#")) < 10
    return {
        "unsearchable": bool(text) and _clause(text) is None,
        "left_out": "" if "@" in text or number else signs_left_out_of_names(text),
        "searched_words": search_words(text),
        "typed": text if part_of_an_address(text) else "",
    }


async def find_people(query: str, limit: int = PEOPLE_SHOWN) -> list[dict[str, Any]]:
    """The people a query names, each with their access and erasure requests (newest first)."""
    clause = _clause(query)
    if clause is None:
        return []
    people = (
        await Member.select(
            Member.id,
            Member.first_name,
            Member.last_name,
            Member.email,
            Member.private_email,
            Member.status,
            Member.organisation.name.as_alias("organisation"),
        )
        .where(clause)
        .order_by(Member.last_name)
        .order_by(Member.first_name)
        .order_by(Member.id)
        .limit(limit)
    )
    ids = [person["id"] for person in people]
    for person in people:
        person["requests"] = []
    by_id = {person["id"]: person for person in people}
    if ids:
        for kind in Kind:
            table = TABLES[kind]
            rows = (
                await table.select(table.id, table.member, table.status, table.received_at)
                .where(table.member.is_in(ids))
                .order_by(table.received_at, ascending=False)
            )
            for row in rows:
                by_id[row["member"]]["requests"].append(row | {"kind": kind})
    for person in people:
        person["requests"].sort(key=lambda row: row["received_at"], reverse=True)
    return people


PICKER_SHOWN = 10
"""Matches a desk form offers for a name or an address that names more than one person."""


class SeveralPeople(FieldError):
    """A name or an address that names more than one person: the form offers them to pick."""

    def __init__(self, field: str, typed: str, people: list[dict[str, Any]]) -> None:
        super().__init__(
            field,
            N_("%(value)r names more than one person: pick one from the list"),
            value=briefly(typed),
        )
        self.people = people


def picked(person: dict[str, Any]) -> dict[str, Any]:
    """What the picker shows of a person: the number it fills in, the name and the work
    address (never the private one: the picker's list is not audited as a view of it)."""
    name = " ".join(p for p in (person["first_name"], person["last_name"]) if p)
    return {"id": person["id"], "name": name, "email": person["email"] or ""}


def typed_number(raw: str, field: str) -> tuple[str, int | None]:
    """What a picker field holds (trimmed, at most 254 characters) and, when it has no letter
    and no `@`, the number it names (`183`, `#183`), refused at `field` when it is none
    (`-1`, `1.5`); a name or an address is searched for by the caller."""
    typed = str(raw or "").strip()[:254]
    if not typed:
        raise FieldError(field, N_("is required"))
    if "@" not in typed and not any(character.isalpha() for character in typed):
        return typed, read_id(typed.removeprefix("#").strip(), field)
    return typed, None


def people_to_pick(error: BaseException) -> list[dict[str, Any]]:
    """The people a refused desk form offers to pick from: those of its `SeveralPeople`, also
    when it was refused with other fields (`FieldErrors`)."""
    found = (e for e in getattr(error, "errors", [error]) if isinstance(e, SeveralPeople))
    return next((e.people for e in found), [])


async def pick_person(raw: str, field: str = "member_id") -> int:
    """The member a desk form names: a member number (`183`, `#183`) as it is, or a name or
    an e-mail address that finds exactly one person. No one found, or several, is refused at
    `field` (several with the people to pick from, `SeveralPeople`)."""
    typed, number = typed_number(raw, field)
    if number is not None:
        return number
    people = await find_people(typed, limit=PICKER_SHOWN + 1)
    if not people:
        raise FieldError(
            field,
            N_("no one found for %(value)r: type a name, an e-mail address or a member number"),
            value=briefly(typed),
        )
    if len(people) > 1:
        raise SeveralPeople(field, typed, [picked(p) for p in people[:PICKER_SHOWN]])
    return int(people[0]["id"])


def _accounts_by_address(text: str) -> Any:
    members = Member.select(Member.id).where(
        contains(Member.email, text) | contains(Member.private_email, text)
    )
    return contains(Account.email, text) | Account.member.is_in(members)


async def find_accounts(query: str, limit: int = PICKER_SHOWN) -> list[dict[str, Any]]:
    """The accounts a query names, for the audit trail's "done by" filter: by the login's
    e-mail address, the member's name or e-mail address, or the account's own name (staff
    accounts may have no member). A number is the account's own number."""
    text = query.strip()[:254]
    number = text.removeprefix("#").strip()
    if only_digits(number):
        clause: Any = Account.id == int(number)
    elif "@" in text:
        clause = _accounts_by_address(text)
    else:
        clauses: list[Any] = []
        words = search_words(text)
        if words and can_find_anyone(text):
            named = members_with_every_word(words, organisations=False)
            by_own_name: Any = None
            for word in text.split()[:5]:  # as typed: display names are not folded
                match = contains(Account.display_name, word)
                by_own_name = match if by_own_name is None else by_own_name & match
            clauses += [Account.member.is_in(Member.select(Member.id).where(named)), by_own_name]
        if part_of_an_address(text):  # `jan_peeters`: no name holds the `_`
            clauses.append(_accounts_by_address(text))
        clause = _any_of(clauses)
        if clause is None:
            return []
    rows = await (
        Account.select(Account.id, Account.email)
        .where(clause)
        .order_by(Account.display_name)
        .order_by(Account.id)
        .limit(limit)
    )
    return rows


async def picked_accounts(
    rows: list[dict[str, Any]], gettext: Callable[[str], str]
) -> list[dict[str, Any]]:
    """What the picker shows of an account: its number, "Name (role)" as the audit trail
    shows it, and its login address."""
    names = await account_names((row["id"] for row in rows), gettext)
    return [{"id": row["id"], "name": names[row["id"]], "email": row["email"]} for row in rows]


class SeveralAccounts(FieldError):
    """A name or an address that names more than one account: the form offers them to pick."""

    def __init__(self, field: str, typed: str, accounts: list[dict[str, Any]]) -> None:
        super().__init__(
            field,
            N_("%(value)r names more than one account: pick one from the list"),
            value=briefly(typed),
        )
        self.accounts = accounts


async def pick_account(raw: str, gettext: Callable[[str], str], field: str = "actor") -> int:
    """The account a filter names: an account number as it is (`12`, `#12`), or a name or an
    e-mail address that finds exactly one account. No one found, or several, is refused at
    `field` (several with the accounts to pick from, `SeveralAccounts`)."""
    typed, number = typed_number(raw, field)
    if number is not None:
        return number
    rows = await find_accounts(typed, limit=PICKER_SHOWN + 1)
    if not rows:
        raise FieldError(
            field,
            N_("no account found for %(value)r: type a name, an e-mail address or a number"),
            value=briefly(typed),
        )
    if len(rows) > 1:
        raise SeveralAccounts(field, typed, await picked_accounts(rows[:PICKER_SHOWN], gettext))
    return int(rows[0]["id"])


async def audit_filter_ids(
    member: str | None, actor: str | None, gettext: Callable[[str], str]
) -> tuple[int | None, int | None]:
    """The member and the account the audit trail's person (`member`) and "done by" (`actor`)
    filters name, as the page and the API read them alike: a number, a name or an e-mail
    address; empty is no filter. What names no one or several is refused at its filter."""
    member, actor = (member or "").strip(), (actor or "").strip()
    return (
        await pick_person(member, "member") if member else None,
        await pick_account(actor, gettext, "actor") if actor else None,
    )
