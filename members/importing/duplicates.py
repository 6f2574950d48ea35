"""Likely duplicate members and organisations, scored, with the signals that matched.

Comparing every pair of 100,000 members is 5·10⁹ comparisons; blocking compares only people
who share a key (e-mail, e-mail local part, phone, an order-free phonetic name key, a surname
skeleton with the other name's initial, or organisation with surname start). Blocks larger than
MAX_BLOCK say nothing (everyone at a large employer) and are left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from kring.choices import MemberStatus
from kring.messages import N_, Message
from kring.tables import Member, Organisation, OrganisationDomain
from members.importing.companies import web_domain
from members.importing.names import PARTICLES, fold, organisation_key

MAX_BLOCK = 200
GENERIC_LOCAL_PARTS = {
    "info",
    "contact",
    "admin",
    "office",
    "mail",
    "hello",
    "sales",
    "secretariaat",
}
_VOWELS = re.compile(r"(?<=.)[aeiouyh]")
_REPEATS = re.compile(r"(.)\1+")
_SOUNDS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("z", "s"), ("dt", "t"), ("ij", "y"), ("w", "v"))


def skeleton(word: str) -> str:
    """A rough Dutch phonetic key: `Janssens`, `Jansens` and `Janszens` give `jnsns`."""
    for old, new in _SOUNDS:
        word = word.replace(old, new)
    return _VOWELS.sub("", _REPEATS.sub(r"\1", word))


@dataclass(frozen=True)
class PersonRecord:
    id: int
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    organisation: int | None = None
    organisation_name: str = ""

    @property
    def label(self) -> str:
        where = f" ({self.organisation_name})" if self.organisation_name else ""
        return f"{self.first_name} {self.last_name}{where}"

    @property
    def tokens(self) -> list[str]:
        words = fold(f"{self.first_name} {self.last_name}").split()
        return [w for w in words if w not in PARTICLES] or words


@dataclass(frozen=True)
class OrganisationRecord:
    id: int
    name: str
    enterprise_number: str = ""
    domains: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Pair:
    left: PersonRecord | OrganisationRecord
    right: PersonRecord | OrganisationRecord
    score: float
    signals: tuple[str, ...]


def person_keys(person: PersonRecord) -> set[str]:
    keys: set[str] = set()
    email = person.email.lower()
    if email:
        keys.add("e:" + email)
        local = re.sub(r"[^a-z0-9]", "", email.split("@")[0])
        if len(local) >= 5 and local not in GENERIC_LOCAL_PARTS:
            keys.add("l:" + local)
    if person.phone:
        keys.add("p:" + person.phone)
    tokens = person.tokens
    if tokens:
        keys.add("n:" + "|".join(sorted(skeleton(t)[:4] for t in tokens)))
        longest = max(tokens, key=len)
        others = sorted(t[0] for t in tokens if t is not longest) or [""]
        keys.add(f"s:{skeleton(longest)}:{others[0]}")
        if person.organisation is not None:
            keys.add(f"o:{person.organisation}:{skeleton(longest)[:2]}")
    return keys


def candidate_pairs(
    records: Sequence[PersonRecord | OrganisationRecord], keys=person_keys
) -> set[tuple[int, int]]:
    """Index pairs sharing at least one blocking key, never more than a block's worth each."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for key in keys(record):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    return pairs


def _similar(similarity: float) -> Message:
    return Message(N_("similar name (%(share)s)"), {"share": f"{similarity:.0%}"})


def score_people(a: PersonRecord, b: PersonRecord) -> tuple[float, tuple[str, ...]]:
    signals: list[str] = []
    name_a, name_b = " ".join(a.tokens), " ".join(b.tokens)
    similarity = fuzz.token_sort_ratio(name_a, name_b) / 100
    score = 0.6 * similarity if similarity >= 0.75 else 0.0
    if similarity >= 0.97:
        swapped = fold(a.first_name) == fold(b.last_name) and fold(a.last_name) == fold(
            b.first_name
        )
        if swapped and fold(a.first_name) != fold(a.last_name):
            signals.append(Message(N_("same name, first and last name swapped")))
        elif f"{a.first_name} {a.last_name}" != f"{b.first_name} {b.last_name}":
            signals.append(Message(N_("same name apart from accents or capitals")))
        else:
            signals.append(Message(N_("same name")))
    elif similarity >= 0.75:
        signals.append(_similar(similarity))
    if a.email and a.email.lower() == b.email.lower():
        score += 0.4
        signals.append(Message(N_("same e-mail")))
    elif a.email and b.email and a.email.split("@")[0].lower() == b.email.split("@")[0].lower():
        score += 0.2
        signals.append(Message(N_("same e-mail local part")))
    if a.phone and a.phone == b.phone:
        score += 0.3
        signals.append(Message(N_("same phone")))
    if a.organisation is not None and a.organisation == b.organisation:
        score += 0.1
        signals.append(Message(N_("same organisation")))
    return min(score, 1.0), tuple(signals)


def organisation_keys(org: OrganisationRecord) -> set[str]:
    keys = {"d:" + d for d in org.domains}
    if org.enterprise_number:
        keys.add("k:" + org.enterprise_number)
    words = organisation_key(org.name).split()
    if words:
        keys.add("n:" + skeleton(max(words, key=len))[:5])
    return keys


def score_organisations(a: OrganisationRecord, b: OrganisationRecord) -> tuple[float, tuple]:
    signals: list[str] = []
    similarity = fuzz.token_sort_ratio(organisation_key(a.name), organisation_key(b.name)) / 100
    score = 0.6 * similarity if similarity >= 0.8 else 0.0
    if similarity >= 0.8:
        signals.append(Message(N_("same name")) if similarity >= 0.97 else _similar(similarity))
    if a.enterprise_number and a.enterprise_number == b.enterprise_number:
        score += 0.6
        signals.append(Message(N_("same enterprise number")))
    shared = sorted(a.domains & b.domains)
    if shared:
        score += 0.4
        signals.append(Message(N_("same domain %(domain)s"), {"domain": shared[0]}))
    return min(score, 1.0), tuple(signals)


def duplicate_pairs(
    records: Sequence[PersonRecord | OrganisationRecord], min_score: float = 0.6
) -> list[Pair]:
    people = bool(records) and isinstance(records[0], PersonRecord)
    keys, score = (
        (person_keys, score_people) if people else (organisation_keys, score_organisations)
    )
    found = []
    for i, j in candidate_pairs(records, keys):
        value, signals = score(records[i], records[j])
        if value >= min_score:
            left, right = sorted((records[i], records[j]), key=lambda r: r.id)
            found.append(Pair(left, right, round(value, 3), signals))
    return sorted(found, key=lambda p: (-p.score, p.left.id, p.right.id))


async def member_records() -> list[PersonRecord]:
    rows = await Member.select(
        Member.id,
        Member.first_name,
        Member.last_name,
        Member.email,
        Member.phone,
        Member.organisation,
        Member.organisation.name,
    ).where(Member.status != MemberStatus.erased)
    return [
        PersonRecord(
            id=r["id"],
            first_name=r["first_name"],
            last_name=r["last_name"],
            email=r["email"] or "",
            phone=r["phone"] or "",
            organisation=r["organisation"],
            organisation_name=r["organisation.name"] or "",
        )
        for r in rows
    ]


async def organisation_records() -> list[OrganisationRecord]:
    domains: dict[int, set[str]] = defaultdict(set)
    for row in await OrganisationDomain.select():
        domains[row["organisation"]].add(row["domain"])
    rows = await Organisation.select(
        Organisation.id, Organisation.name, Organisation.enterprise_number, Organisation.website
    )
    return [
        OrganisationRecord(
            id=r["id"],
            name=r["name"],
            enterprise_number=r["enterprise_number"] or "",
            domains=frozenset(domains[r["id"]] | ({web_domain(r["website"])} - {""})),
        )
        for r in rows
    ]


def _top(pairs: Iterable[Pair], limit: int) -> list[Pair]:
    return list(pairs)[:limit]


async def find_member_duplicates(min_score: float = 0.6, limit: int = 100) -> list[Pair]:
    return _top(duplicate_pairs(await member_records(), min_score), limit)


async def find_organisation_duplicates(min_score: float = 0.6, limit: int = 100) -> list[Pair]:
    return _top(duplicate_pairs(await organisation_records(), min_score), limit)
