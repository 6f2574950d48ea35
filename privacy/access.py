"""Everything held about a person (GDPR art. 15 and 20), found through the declarations.

The export's schema, `kring-access/1`:

    {"schema": "kring-access/1",
     "generated_at": "<ISO 8601, UTC>",
     "subject": {"member_id": int, "first_name": str, "last_name": str, "status": str},
     "tables": {"<table name>": {"category": str, "purpose": str, "legal_basis": str,
                                  "retention": str, "recipients": [str], "rows": [{...}]}},
     "not_searched": {"<table name>": "<why: staff-only table not linked to members>"},
     "information": {<art. 15(1): see `information()`>}}

Every column of every row is included; credentials (password and token hashes) are withheld.
Tables where the person has no rows are listed with an empty `rows`.

Art. 15(4): the answer never holds another member's e-mail addresses, phone, addresses or the
network's notes about them. Rows shared with another member (introductions, blocks) keep their
ids but lose what is the other member's own (their feedback, their reason to decline); an
introduction names the other member only once both said yes, and until then shows the expert
neither the owner's challenge nor what was made from it (explanation, score, rank); a block is
shown only to the member who made it. Any other member's contact value or note that would
still appear in a text is replaced by `OTHERS_WITHHELD`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kring.clock import utc_now
from kring.declarations import PersonalData
from kring.errors import NotFound
from kring.i18n import gettext_for
from kring.messages import shown
from kring.tables import Account, Interaction, Member
from kring.vocabulary import N_, label
from privacy.serialise import row
from privacy.subjects import Finder, link_columns, linked_declarations, unlinked_declarations
from privacy.tables import AuditEntry

SCHEMA = "kring-access/1"
OTHERS_WITHHELD = N_("[withheld: another person's data]")
AUTHORITY = {
    "name": "Gegevensbeschermingsautoriteit",
    "address": "Drukpersstraat 35, 1000 Brussel",
    "website": "https://www.gegevensbeschermingsautoriteit.be",
}
RIGHTS = (
    N_("access (art. 15)"),
    N_("rectification (art. 16)"),
    N_("erasure (art. 17)"),
    N_("restriction of processing (art. 18)"),
    N_("data portability (art. 20)"),
    N_("objection (art. 21)"),
    N_("withdrawal of consent at any time (art. 7(3))"),
    N_("lodging a complaint with the supervisory authority (art. 77)"),
)
SOURCES = {
    "phone": N_("the network met you by phone"),
    "email": N_("the network met you by e-mail"),
    "social_media": N_("the network met you through social media"),
    "in_person": N_("the network met you in person"),
    "event": N_("the network met you at an event"),
    "unknown": N_("how the network first met you was not recorded (older member records)"),
}
# Rows of these tables are shown only to the member in the named column (art. 15(4)).
SHOWN_ONLY_TO = {"block": "blocker"}
# Columns that are the other member's own, by the link column naming that other member.
OTHER_SIDES_COLUMNS = {
    "introduction": {"expert": ("expert_feedback",), "requester": ("requester_feedback",)}
}
# Rows whose other member stays unnamed until both said yes (an introduction's double opt-in):
# in any other state the other side's member id is withheld, as the introduction pages do.
NAMED_ONLY_WHEN = {"introduction": ("state", frozenset({"accepted", "completed"}))}
# Columns made from the member in the named link column's private records (the challenge
# owner's challenge, its tags and terms, and the score and rank computed from them): withheld
# from the other side by the same rule as the member id, until both said yes.
DERIVED_FROM_UNTIL_NAMED = {
    "introduction": {"requester": ("challenge", "explanation", "score", "rank")}
}
# A decline reason is its author's: withheld unless the subject declined.
DECLINED_BY = {"introduction": ("declined_by", "decline_reason")}
MIN_SCRUBBED = 5  # shorter values (an empty phone, "—") would blank unrelated text


async def access_export(member_id: int) -> dict[str, Any]:
    """Read in one transaction: a consistent snapshot, on one connection."""
    async with Member._meta.db.transaction():
        return await _export(member_id)


async def _export(member_id: int) -> dict[str, Any]:
    member = (
        await Member.select(
            Member.id, Member.first_name, Member.last_name, Member.status, Member.language
        )
        .where(Member.id == member_id)
        .first()
    )
    if member is None:
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    finder = Finder(member_id)
    others: set[int] = set()

    def own_part(declaration: PersonalData, values: dict[str, Any]) -> dict[str, Any] | None:
        return _own_part(declaration, values, member_id, others)

    tables = await declared_tables(finder, own_part)
    for account_id in await finder.ids(Account):
        await add_done_by(tables, account_id, member_id)
    others.discard(member_id)
    tables = _scrub(tables, await _others_values(others, member_id))
    facts = await information(member_id, tables)
    return {
        "schema": SCHEMA,
        "generated_at": utc_now().isoformat(),
        "subject": {
            "member_id": member["id"],
            "first_name": member["first_name"],
            "last_name": member["last_name"],
            "status": member["status"],
        },
        "tables": tables,
        "not_searched": {
            d.tablename: "staff-only table, not linked to members" for d in unlinked_declarations()
        },
        "information": facts,
        "information_in_your_language": in_language(facts, member["language"]),
    }


async def declared_tables(
    finder: Finder, own_part: Callable[[PersonalData, dict[str, Any]], dict[str, Any] | None]
) -> dict[str, Any]:
    """Every member-linked table's rows of the finder's person, with what its declaration says
    of them (category, purpose, legal basis, retention, recipients); `own_part` gives a row as
    the person may see it, or None. A member's answer and a staff account's
    (`privacy.account_data`) are both made by this one loop."""
    tables: dict[str, Any] = {}
    for declaration in linked_declarations():
        where = await finder.where(declaration)
        table = declaration.table
        rows = (
            []
            if where is None
            else await table.select().where(where).order_by(table._meta.primary_key)
        )
        shown = [own_part(declaration, values) for values in rows]
        tables[declaration.tablename] = {
            "category": declaration.category,
            "purpose": declaration.purpose,
            "legal_basis": str(declaration.legal_basis),
            "retention": declaration.retention_text,
            "recipients": list(declaration.recipients),
            "rows": [row(values) for values in shown if values is not None],
        }
    return tables


async def add_done_by(tables: dict[str, Any], account_id: int, member_id: int | None) -> None:
    """The audit entries the person's account made join those about them: what someone did as
    staff (an officer's every look at a member's page) is their data too, whether or not they
    also have a member profile. Whose data an entry touched is another person's and withheld
    (art. 15(4)), unless it is the person's own."""
    entries = (
        await AuditEntry.select().where(AuditEntry.actor == account_id).order_by(AuditEntry.id)
    )
    section = tables[AuditEntry._meta.tablename]
    about_them = {entry["id"] for entry in section["rows"]}
    made = [
        row({**entry, "member": _touched(entry["member"], member_id)})
        for entry in entries
        if entry["id"] not in about_them
    ]
    section["rows"] = sorted(section["rows"] + made, key=lambda entry: entry["id"])


def _touched(member: int | None, member_id: int | None) -> int | str | None:
    return member if member is None or member == member_id else OTHERS_WITHHELD


def in_language(facts: dict[str, Any], language: str) -> dict[str, Any]:
    """The texts of `information` in the person's language: `information` keeps the English
    the register and the processors read, and the keys a program reads (legal bases, source);
    a person reading their JSON reads it in their own language (art. 12(1): intelligible)."""
    in_theirs = gettext_for(language)
    return {
        "language": language,
        "categories": [
            {
                "category": in_theirs(entry["category"]),
                "purposes": [in_theirs(purpose) for purpose in entry["purposes"]],
                "legal_bases": [label(basis, in_theirs) for basis in entry["legal_bases"]],
                "retention": [shown(text, in_theirs) for text in entry["retention"]],
                "recipients": [in_theirs(recipient) for recipient in entry["recipients"]],
                "holds_your_data": entry["holds_your_data"],
            }
            for entry in facts["categories"]
        ],
        "source": in_theirs(facts["source"]["explanation"]),
        "also": in_theirs(facts["source"]["other"]),
        "rights": [in_theirs(right) for right in facts["rights"]],
    }


def _member_links(declaration: PersonalData) -> list[str]:
    return [
        column._meta.name
        for column in link_columns(declaration)
        if column._foreign_key_meta.resolved_references is Member
    ]


def _own_part(
    declaration: PersonalData, values: dict[str, Any], member_id: int, others: set[int]
) -> dict[str, Any] | None:
    """The row as the subject may see it: another member's own columns withheld (art. 15(4))."""
    name = declaration.tablename
    links = _member_links(declaration)
    for link in links:
        if values.get(link) is not None:
            others.add(values[link])
    only = SHOWN_ONLY_TO.get(name)
    if only is not None and values.get(only) != member_id:
        return None
    values = dict(values)
    named = NAMED_ONLY_WHEN.get(name)
    if named is not None and values.get(named[0]) not in named[1]:
        for link in links:
            if values.get(link) is not None and values[link] != member_id:
                values[link] = OTHERS_WITHHELD
        for owner, columns in DERIVED_FROM_UNTIL_NAMED.get(name, {}).items():
            if values.get(owner) != member_id:
                for column in columns:
                    if column in values:
                        values[column] = OTHERS_WITHHELD
    for link, columns in OTHER_SIDES_COLUMNS.get(name, {}).items():
        if values.get(link) != member_id:
            for column in columns:
                if values.get(column):
                    values[column] = OTHERS_WITHHELD
    if name in DECLINED_BY:
        side, reason = DECLINED_BY[name]
        if values.get(side) and values.get(values[side]) != member_id and values.get(reason):
            values[reason] = OTHERS_WITHHELD
    return values


CONTACT = (Member.email, Member.phone, Member.address, Member.private_email, Member.private_address)


async def _others_values(others: set[int], member_id: int) -> list[str]:
    """Other members' contact details and the network's notes about them: never shown.

    A value the subject shares (a colleague's office address) is the subject's too and stays.
    """
    if not others:
        return []
    ids = sorted(others)
    people = await Member.select(*CONTACT).where(Member.id.is_in(ids))
    notes = await Interaction.select(Interaction.note).where(Interaction.member.is_in(ids))
    values = {str(v) for person in people for v in person.values() if v}
    values |= {n["note"] for n in notes if n["note"]}
    own = await Member.select(*CONTACT).where(Member.id == member_id).first() or {}
    values -= {str(v) for v in own.values() if v}
    # Longest first, so a value containing another is replaced whole.
    return sorted((v for v in values if len(v) >= MIN_SCRUBBED), key=len, reverse=True)


def _scrub(value: Any, secrets: list[str]) -> Any:
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, OTHERS_WITHHELD)
        return value
    if isinstance(value, list):
        return [_scrub(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, secrets) for key, item in value.items()}
    return value


async def information(member_id: int, tables: dict[str, Any]) -> dict[str, Any]:
    """Art. 15(1)(a)-(h), derived from the declarations, the retention rules and the processors.

    Per category: purposes, legal bases, retention and recipients of the declared tables;
    then the processors, the source of the data and the person's rights.
    """
    from privacy import processors, retention

    categories: dict[str, dict[str, Any]] = {}
    for declaration in linked_declarations():
        entry = categories.setdefault(
            declaration.category,
            {
                "category": declaration.category,
                "tables": [],
                "holds_your_data": False,
                "purposes": [],
                "legal_bases": [],
                "retention": [],
                "recipients": [],
            },
        )
        entry["tables"].append(declaration.tablename)
        entry["holds_your_data"] |= bool(tables.get(declaration.tablename, {}).get("rows"))
        for key, value in (
            ("purposes", declaration.purpose),
            ("legal_bases", str(declaration.legal_basis)),
            ("retention", declaration.retention_text),
        ):
            if value not in entry[key]:
                entry[key].append(value)
        for recipient in declaration.recipients:
            if recipient not in entry["recipients"]:
                entry["recipients"].append(recipient)
    met_via = (await Member.select(Member.met_via).where(Member.id == member_id).first() or {}).get(
        "met_via"
    ) or "unknown"
    return {
        "controller": "Kring",
        "categories": sorted(categories.values(), key=lambda c: c["category"]),
        "retention_rules_months": {str(k): v for k, v in (await retention.rules()).items()},
        "processors": [
            {"name": p["name"], "service": p["service"], "data_categories": p["data_categories"]}
            for p in await processors.list_processors()
        ],
        "source": {
            "met_via": met_via,
            "explanation": SOURCES.get(met_via, SOURCES["unknown"]),
            "other": N_(
                "what you entered yourself in the members' area or the API, and what the "
                "network's staff recorded about its contacts with you"
            ),
        },
        "rights": list(RIGHTS),
        "supervisory_authority": AUTHORITY,
    }
