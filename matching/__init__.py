"""Kring's pure matching engine: expertise text and tags in, scored proposals out.

No database, web or I/O: callers pass plain records and facts and get plain results.

The names below load on first use (PEP 562): a process that needs only the eligibility rules
(the award's jury checks, every `kring` command) does not pay for scipy and the scorers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matching.affinity import affinity
    from matching.assignment import (
        Alternate,
        Introduction,
        Proposal,
        ProposalSet,
        Reason,
        Shortfall,
        propose,
        shortlist,
    )
    from matching.eligibility import (
        EligibilityFacts,
        MemberFacts,
        OrganisationFacts,
        Rule,
        is_eligible,
        pair,
        violations,
    )
    from matching.engine import Engine, EngineConfig
    from matching.explain import Explanation, TermContribution
    from matching.records import Challenge, ExpertiseRecord, MemberScore
    from matching.tags import TagMatch, match_tags, tag_score, tag_similarity
    from matching.text import TextConfig

_HOMES = {
    "affinity": "affinity",
    "Alternate": "assignment",
    "Introduction": "assignment",
    "Proposal": "assignment",
    "ProposalSet": "assignment",
    "Reason": "records",
    "Shortfall": "assignment",
    "propose": "assignment",
    "shortlist": "assignment",
    "EligibilityFacts": "eligibility",
    "MemberFacts": "eligibility",
    "OrganisationFacts": "eligibility",
    "Rule": "eligibility",
    "is_eligible": "eligibility",
    "pair": "eligibility",
    "violations": "eligibility",
    "Engine": "engine",
    "EngineConfig": "engine",
    "Explanation": "explain",
    "TermContribution": "explain",
    "Challenge": "records",
    "ExpertiseRecord": "records",
    "MemberScore": "records",
    "TagMatch": "tags",
    "match_tags": "tags",
    "tag_score": "tags",
    "tag_similarity": "tags",
    "TextConfig": "text",
}

__all__ = [
    "Alternate",
    "Challenge",
    "EligibilityFacts",
    "Engine",
    "EngineConfig",
    "ExpertiseRecord",
    "Explanation",
    "Introduction",
    "MemberFacts",
    "MemberScore",
    "OrganisationFacts",
    "Proposal",
    "ProposalSet",
    "Reason",
    "Rule",
    "Shortfall",
    "TagMatch",
    "TermContribution",
    "TextConfig",
    "affinity",
    "is_eligible",
    "match_tags",
    "pair",
    "propose",
    "shortlist",
    "tag_score",
    "tag_similarity",
    "violations",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'matching' has no attribute {name!r}")
    value = getattr(import_module(f"matching.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
