"""Kring's pure matching engine: expertise text and tags in, scored proposals out.

No database, web or I/O: callers pass plain records and facts and get plain results.
"""

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
