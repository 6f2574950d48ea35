"""/api/challenges/{id}/proposals: the experts proposed for a challenge, before anyone opted in.

Thin handlers: access, hard rules and the anonymity of experts live in `introductions.service`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, Request, get, post
from msgspec import Meta, Struct

from introductions.service import ShortfallReason, proposal_overview, refresh
from kring.choices import OrganisationKind
from kring.web.auth import current, signed_in
from kring.web.params import PathId


class Term(Struct):
    """A term shared by the challenge and the expert's public expertise."""

    term: Annotated[str, Meta(examples=["interne audit"])]
    weight: float


class TagMatch(Struct):
    """A challenge tag and the expert's tag that matched it."""

    challenge_tag: Annotated[str, Meta(examples=["ISO9001"])]
    expert_tag: Annotated[str, Meta(examples=["ISO 9001"])]
    similarity: Annotated[float, Meta(ge=0, le=1)]


class Explanation(Struct):
    """Why this expert was proposed, from their public expertise only."""

    terms: list[Term] = []
    tags: list[TagMatch] = []
    sentence_nl: Annotated[
        str, Meta(examples=["Voorgesteld omdat de expertise “interne audit” vermeldt."])
    ] = ""
    sentence_en: Annotated[
        str, Meta(examples=["Suggested because their expertise mentions “internal audit”."])
    ] = ""


class Proposal(Struct):
    """A proposed expert, anonymous until both sides opt in: no name, contact or organisation
    name, only what they know about and what kind of organisation they work for."""

    id: Annotated[int, Meta(description="opaque id of this proposal (not a member id)")]
    rank: Annotated[int, Meta(ge=1, description="1 is the best fit")]
    score: Annotated[float, Meta(ge=0, le=1, examples=[0.42])]
    organisation_kind: OrganisationKind | None
    expertise: Annotated[
        list[str],
        Meta(description="titles of the expert's open expertise records", examples=[["ISO 9001"]]),
    ]
    explanation: Explanation


class Shortfall(Struct):
    """Why the challenge shows fewer experts than it asks for, or none."""

    reason: Annotated[
        ShortfallReason,
        Meta(
            description="`no_eligible_expert`, `below_threshold`, `capacity_exhausted`: what "
            "its last run found; `owner_not_sharing`: its owner chose not to share their name "
            "for matching, so it gets no proposals until they opt in (PUT "
            "/api/privacy/me/opt-outs); `pending`: not matched since it was made or edited "
            "(or its owner opted in): the next round of stale proposals matches it within "
            "minutes while `kring worker` runs (or `kring serve` on SQLite), and POST "
            "…/proposals/refresh matches it now",
            examples=["pending"],
        ),
    ]
    missing: Annotated[int, Meta(ge=1, description="how many experts fewer than it asks for")]


class ChallengeProposals(Struct):
    """A challenge's current proposals; `computed_at` is null before its first matching run."""

    challenge_id: int
    computed_at: datetime | None
    scorer: Annotated[
        str | None,
        Meta(
            description="which scorer computed the run: sentence model + TF-IDF + tags, "
            "or TF-IDF + tags without the semantic extra",
            examples=["tfidf+tags"],
        ),
    ]
    shortfall: Shortfall | None
    proposals: list[Proposal]


class ProposalController(Controller):
    path = "/api/challenges"
    tags = ["proposals"]
    guards = [signed_in]

    @get(
        "/{challenge_id:int}/proposals",
        summary="The experts proposed for a challenge (its owner; organisers: any)",
    )
    async def proposals(self, request: Request, challenge_id: PathId) -> ChallengeProposals:
        overview = await proposal_overview(current(request), challenge_id)
        return msgspec.convert(overview, ChallengeProposals)

    @post(
        "/{challenge_id:int}/proposals/refresh",
        summary="Re-match a challenge now and answer its proposals",
        status_code=200,
    )
    async def refresh(self, request: Request, challenge_id: PathId) -> ChallengeProposals:
        overview = await refresh(current(request), challenge_id)
        return msgspec.convert(overview, ChallengeProposals)
