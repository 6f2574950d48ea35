"""Hard rules on who may be proposed to whom, checked before scoring and after assignment.

Every rule is a reason code so a refusal can be logged and tested one rule at a time.
Unknown members are never eligible: missing facts must fail closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

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
