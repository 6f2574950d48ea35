"""Hard rules on who may be proposed to whom, checked before scoring and after assignment.

Every rule is a reason code so a refusal can be logged and tested one rule at a time.
Unknown members are never eligible: missing facts must fail closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

import numpy as np

from matching.records import Challenge

MemberStatus = Literal["active", "paused", "erased"]
DEFAULT_COOLDOWN_DAYS = 180

PUBLIC_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.be",
        "outlook.com",
        "outlook.be",
        "live.com",
        "live.be",
        "msn.com",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "telenet.be",
        "skynet.be",
        "scarlet.be",
        "proximus.be",
        "gmx.com",
        "gmx.net",
        "web.de",
        "mail.com",
        "aol.com",
    ]
)
"""Sharing one of these domains says nothing about being colleagues."""


class Rule(StrEnum):
    SELF = "self"
    CLOSED_CHALLENGE = "closed_challenge"
    UNKNOWN_MEMBER = "unknown_member"
    INACTIVE = "inactive"
    OPTED_OUT = "opted_out"
    SAME_ORGANISATION = "same_organisation"
    BLOCKED = "blocked"
    COOLDOWN = "cooldown"
    RESTRICTED = "restricted"


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What eligibility needs to know about a member (never shown in explanations)."""

    member_id: str
    organisation_id: str | None = None
    email_domain: str | None = None
    status: MemberStatus = "active"
    share_name_for_matching: bool = True
    blocklist: frozenset[str] = frozenset()
    restricted: bool = False  # processing restricted (GDPR art. 18): out of matching both ways


@dataclass(frozen=True, slots=True)
class OrganisationFacts:
    organisation_id: str
    email_domains: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EligibilityFacts:
    """All facts for one run; ``introductions`` maps a pair to its past introduction dates."""

    members: Mapping[str, MemberFacts]
    today: date
    organisations: Mapping[str, OrganisationFacts] = field(default_factory=dict)
    introductions: Mapping[frozenset[str], tuple[date, ...]] = field(default_factory=dict)
    cooldown_days: int = DEFAULT_COOLDOWN_DAYS


def pair(a: str, b: str) -> frozenset[str]:
    """Key for ``EligibilityFacts.introductions`` (order-free)."""
    return frozenset((a, b))


def _domain(value: str | None) -> str:
    return (value or "").strip().lower().lstrip("@")


def _org_domains(member: MemberFacts, facts: EligibilityFacts) -> frozenset[str]:
    org = facts.organisations.get(member.organisation_id or "")
    return frozenset(_domain(d) for d in org.email_domains) if org else frozenset()


def same_organisation(a: MemberFacts, b: MemberFacts, facts: EligibilityFacts) -> bool:
    """Same organisation id, or colleagues recognised by a shared non-public mail domain."""
    if a.organisation_id and a.organisation_id == b.organisation_id:
        return True
    da, db = _domain(a.email_domain), _domain(b.email_domain)
    if da and da == db and da not in PUBLIC_MAIL_DOMAINS:
        return True
    return bool((da and da in _org_domains(b, facts)) or (db and db in _org_domains(a, facts)))


def _in_cooldown(a: str, b: str, facts: EligibilityFacts) -> bool:
    window = timedelta(days=facts.cooldown_days)
    return any(facts.today - d < window for d in facts.introductions.get(pair(a, b), ()))


def violations(
    challenge: Challenge,
    expert_id: str,
    facts: EligibilityFacts,
    *,
    skip: Iterable[Rule] = (),
) -> list[Rule]:
    """Every rule that forbids proposing ``expert_id`` for ``challenge`` (empty = allowed).

    ``skip`` lets a re-run keep an existing introduction whose own date would otherwise
    trip the cooldown rule.
    """
    skipped = set(skip)
    found: list[Rule] = []
    if expert_id == challenge.owner_id:
        found.append(Rule.SELF)
    if not challenge.is_open:
        found.append(Rule.CLOSED_CHALLENGE)
    expert = facts.members.get(expert_id)
    owner = facts.members.get(challenge.owner_id)
    if expert is None or owner is None:
        found.append(Rule.UNKNOWN_MEMBER)
    else:
        if expert.status != "active" or owner.status == "erased":
            found.append(Rule.INACTIVE)
        if not expert.share_name_for_matching:
            found.append(Rule.OPTED_OUT)
        if expert.restricted or owner.restricted:
            found.append(Rule.RESTRICTED)
        if expert_id != challenge.owner_id and same_organisation(owner, expert, facts):
            found.append(Rule.SAME_ORGANISATION)
        if expert_id in owner.blocklist or challenge.owner_id in expert.blocklist:
            found.append(Rule.BLOCKED)
    if _in_cooldown(challenge.owner_id, expert_id, facts):
        found.append(Rule.COOLDOWN)
    return [rule for rule in found if rule not in skipped]


def is_eligible(challenge: Challenge, expert_id: str, facts: EligibilityFacts) -> bool:
    return not violations(challenge, expert_id, facts)


def excluded_members(challenge: Challenge, facts: EligibilityFacts) -> set[str]:
    """Known members that may never be proposed for ``challenge`` (pre-scoring filter)."""
    return {m for m in facts.members if violations(challenge, m, facts)}


class EligibilityMasks:
    """``violations`` for one challenge against many experts at once, as boolean masks.

    Built once per run over the engine's member order. Per-member facts (status, opt-out,
    restriction, unknown) become one array; organisation and e-mail domain become integer
    codes compared as vectors; blocks and cooldown pairs, which are few, are kept per member
    as small sorted arrays of the members they exclude.
    """

    def __init__(self, facts: EligibilityFacts, member_ids: Sequence[str]) -> None:
        self.facts = facts
        self.index = {m: i for i, m in enumerate(member_ids)}
        n = len(member_ids)
        known = [facts.members.get(m) for m in member_ids]
        self.open = np.array(
            [
                f is not None
                and f.status == "active"
                and f.share_name_for_matching
                and not f.restricted
                for f in known
            ],
            dtype=bool,
        )
        self._orgs: dict[str, int] = {}
        self._domains: dict[str, int] = {}
        self.org = np.array([self._org_code(f) for f in known], dtype=np.int64)
        self.domain = np.array(
            [self._domain_code(f.email_domain if f else None) for f in known], dtype=np.int64
        )
        self._org_domains: dict[str, np.ndarray] = {}
        orgs_with: dict[int, set[int]] = {}
        for org_id, org in facts.organisations.items():
            codes = {self._domain_code(d) for d in org.email_domains} - {-1}
            code = self._orgs.setdefault(org_id, len(self._orgs)) if org_id else -1
            self._org_domains[org_id] = np.array(sorted(codes), dtype=np.int64)
            for d in codes:
                orgs_with.setdefault(d, set()).add(code)
        self._orgs_with_domain = {
            d: np.array(sorted(c), dtype=np.int64) for d, c in orgs_with.items()
        }
        pairs: dict[str, set[int]] = {}
        for member_id, f in facts.members.items():
            for blocked in f.blocklist:
                self._exclude(pairs, member_id, blocked)
                self._exclude(pairs, blocked, member_id)
        window = timedelta(days=facts.cooldown_days)
        for key, dates in facts.introductions.items():
            if len(key) == 2 and any(facts.today - d < window for d in dates):
                a, b = tuple(key)
                self._exclude(pairs, a, b)
                self._exclude(pairs, b, a)
        self._pairs = {m: np.array(sorted(s), dtype=np.int64) for m, s in pairs.items()}
        self.size = n

    def _exclude(self, pairs: dict[str, set[int]], owner: str, expert: str) -> None:
        idx = self.index.get(expert)
        if idx is not None:
            pairs.setdefault(owner, set()).add(idx)

    def _org_code(self, f: MemberFacts | None) -> int:
        if f is None or not f.organisation_id:
            return -1
        return self._orgs.setdefault(f.organisation_id, len(self._orgs))

    def _domain_code(self, value: str | None) -> int:
        domain = _domain(value)
        if not domain:
            return -1
        return self._domains.setdefault(domain, len(self._domains))

    def owner_may_ask(self, challenge: Challenge) -> bool:
        """False when the owner's own facts forbid every expert (unknown, erased, restricted)
        or the challenge is closed."""
        owner = self.facts.members.get(challenge.owner_id)
        return (
            challenge.is_open
            and owner is not None
            and owner.status != "erased"
            and not owner.restricted
        )

    def allowed_for(self, challenge: Challenge, members: np.ndarray) -> np.ndarray:
        """For each member index: may it be proposed for ``challenge``? Equals
        ``not violations(challenge, member, facts)``."""
        if not self.owner_may_ask(challenge):
            return np.zeros(len(members), dtype=bool)
        owner = self.facts.members[challenge.owner_id]
        ok = self.open[members]
        owner_idx = self.index.get(challenge.owner_id)
        if owner_idx is not None:
            ok &= members != owner_idx
        org = self._orgs.get(owner.organisation_id or "", -1) if owner.organisation_id else -1
        if org >= 0:
            ok &= self.org[members] != org
        domain_name = _domain(owner.email_domain)
        domain = self._domains.get(domain_name, -1) if domain_name else -1
        if domain >= 0:
            if domain_name not in PUBLIC_MAIL_DOMAINS:
                ok &= self.domain[members] != domain
            orgs = self._orgs_with_domain.get(domain)
            if orgs is not None:
                ok &= _none_of(self.org[members], orgs)
        own_domains = self._org_domains.get(owner.organisation_id or "")
        if own_domains is not None and len(own_domains):
            ok &= _none_of(self.domain[members], own_domains)
        excluded = self._pairs.get(challenge.owner_id)
        if excluded is not None:
            ok &= _none_of(members, excluded)
        return ok

    def owner_rule(self, challenge: Challenge) -> OwnerRule | None:
        """What ``allowed_for`` compares for ``challenge``, reduced to codes once (None when
        its owner may ask no one), for the re-match's compiled loops."""
        if not self.owner_may_ask(challenge):
            return None
        owner = self.facts.members[challenge.owner_id]
        org = self._orgs.get(owner.organisation_id or "", -1) if owner.organisation_id else -1
        domain_name = _domain(owner.email_domain)
        domain = self._domains.get(domain_name, -1) if domain_name else -1
        none = np.zeros(0, dtype=np.int64)
        return OwnerRule(
            owner=self.index.get(challenge.owner_id, -1),
            org=org,
            domain=domain if domain >= 0 and domain_name not in PUBLIC_MAIL_DOMAINS else -1,
            orgs_sharing_domain=self._orgs_with_domain.get(domain, none) if domain >= 0 else none,
            own_domains=self._org_domains.get(owner.organisation_id or "", none),
            excluded=self._pairs.get(challenge.owner_id, none),
        )

    def allowed_pairs(
        self,
        challenges: Sequence[Challenge],
        rows: np.ndarray,
        members: np.ndarray,
    ) -> np.ndarray:
        """For each k: may member ``members[k]`` (an index) be proposed for
        ``challenges[rows[k]]``? ``allowed_for`` pair by pair, in one pass: a full re-match asks
        it for 100,000 challenges of 20 candidates, where one call per challenge costs about
        60 µs of numpy overhead (6 s in all). Each owner is reduced once to codes (organisation,
        mail domain, which small exclusion list applies) and every rule that compares a pair
        becomes an array comparison or one membership test of combined integer keys."""
        n = len(challenges)
        may = np.zeros(n, dtype=bool)
        owner_at = np.full(n, -1, dtype=np.int64)
        org = np.full(n, -1, dtype=np.int64)
        domain = np.full(n, -1, dtype=np.int64)
        private = np.zeros(n, dtype=bool)
        own_domains = np.full(n, -1, dtype=np.int64)
        excluded = np.full(n, -1, dtype=np.int64)
        own_domains_key = {org_id: k for k, org_id in enumerate(self._org_domains)}
        excluded_key = {owner_id: k for k, owner_id in enumerate(self._pairs)}
        members_facts = self.facts.members
        for r, challenge in enumerate(challenges):
            if not self.owner_may_ask(challenge):
                continue
            owner_id = challenge.owner_id
            owner = members_facts[owner_id]
            may[r] = True
            owner_at[r] = self.index.get(owner_id, -1)
            if owner.organisation_id:
                org[r] = self._orgs.get(owner.organisation_id, -1)
            name = _domain(owner.email_domain)
            if name:
                domain[r] = self._domains.get(name, -1)
                private[r] = name not in PUBLIC_MAIL_DOMAINS
            own_domains[r] = own_domains_key.get(owner.organisation_id or "", -1)
            excluded[r] = excluded_key.get(owner_id, -1)

        member_org = self.org[members]
        member_domain = self.domain[members]
        ok = may[rows] & self.open[members] & (members != owner_at[rows])
        row_org = org[rows]
        ok &= (row_org < 0) | (member_org != row_org)
        row_domain = domain[rows]
        ok &= ~((row_domain >= 0) & private[rows] & (member_domain == row_domain))
        # Codes start at -1 (none), hence the + 1 where a code is part of a combined key.
        orgs = len(self._orgs) + 1
        sharing = ((d, codes + 1) for d, codes in self._orgs_with_domain.items())
        ok &= ~_listed(sharing, row_domain, member_org + 1, orgs)
        domains = len(self._domains) + 1
        own = ((own_domains_key[o], codes + 1) for o, codes in self._org_domains.items())
        ok &= ~_listed(own, own_domains[rows], member_domain + 1, domains)
        pairs = ((excluded_key[o], idx) for o, idx in self._pairs.items())
        ok &= ~_listed(pairs, excluded[rows], members, self.size)
        return ok


@dataclass(frozen=True, slots=True)
class OwnerRule:
    """``allowed_for`` of one challenge as codes: an expert may be proposed when open, not
    the owner (index ``owner``), not of organisation ``org``, not of mail ``domain`` (-1:
    none, or a public one), of none of ``orgs_sharing_domain`` (organisations that own the
    owner's domain), with no mail domain among ``own_domains`` (its organisation's) and not
    ``excluded`` (blocks and cooldown). The arrays are sorted."""

    owner: int
    org: int
    domain: int
    orgs_sharing_domain: np.ndarray
    own_domains: np.ndarray
    excluded: np.ndarray


def _listed(
    lists: Iterable[tuple[int, np.ndarray]], which: np.ndarray, values: np.ndarray, width: int
) -> np.ndarray:
    """Is ``values[k]`` in the list numbered ``which[k]`` (-1: none)? Values lie in
    ``[0, width)``; list and value become one key ``number × width + value``."""
    keyed = [key * width + values_of for key, values_of in lists if len(values_of)]
    if not keyed:
        return np.zeros(len(which), dtype=bool)
    listed = np.sort(np.concatenate(keyed))
    asked = np.flatnonzero(which >= 0)
    keys = which[asked] * width + values[asked]
    at = np.minimum(np.searchsorted(listed, keys), len(listed) - 1)
    found = np.zeros(len(which), dtype=bool)
    found[asked] = listed[at] == keys
    return found


def _none_of(values: np.ndarray, forbidden: np.ndarray) -> np.ndarray:
    """``~np.isin(values, forbidden)``; for the usual handful of forbidden codes one
    comparison each, as ``isin`` sorts ``values`` first (0.1 ms for 5,000 candidates)."""
    if len(forbidden) > 8:
        return ~np.isin(values, forbidden)
    ok = np.ones(len(values), dtype=bool)
    for code in forbidden:
        ok &= values != code
    return ok
