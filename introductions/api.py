"""/api/introductions: ask for a proposed expert, answer, complete and give feedback.

Thin handlers: the workflow, double opt-in and who may see what live in
`introductions.workflow`. A member sees only introductions they are part of (others: 404).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromQuery, HeaderParameter, JSONBody, QueryParameter
from msgspec import Meta, Struct

from introductions import workflow
from introductions.proposals_api import Explanation
from introductions.tables import Feedback, IntroductionState, Side
from kring.choices import OrganisationKind, Role
from kring.queries import MAX_PAGE
from kring.web.auth import current, requires, signed_in
from kring.web.params import PathId, QueryOffset

Id = Annotated[int, Meta(ge=1, le=2**31 - 1)]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        min_length=1,
        max_length=100,
        description="any unique string of 1 to 100 characters; a retry with the same key "
        "never makes a second introduction",
    ),
]


class IntroductionCreate(Struct, forbid_unknown_fields=True):
    """Ask for one of your challenge's proposed experts."""

    proposal_id: Annotated[
        int,
        Meta(
            ge=1,
            le=2**31 - 1,
            description="`id` of a proposal from GET /api/challenges/{id}/proposals",
            examples=[42],
        ),
    ]


class Decline(Struct, forbid_unknown_fields=True):
    """Say no (the expert) or withdraw (the requester)."""

    reason: Annotated[
        str,
        Meta(
            max_length=500,
            description="private: kept for you, never shown to the other side",
            examples=["Geen tijd dit kwartaal"],
        ),
    ] = ""
    block: Annotated[
        bool, Meta(description="also block the other member from future proposals")
    ] = False


class FeedbackCreate(Struct, forbid_unknown_fields=True):
    """How the meeting went; organisers only ever see counts."""

    outcome: Annotated[Feedback, Meta(examples=["useful"])]


class ChallengeSummary(Struct):
    id: int
    title: Annotated[str, Meta(examples=["Wie helpt ons met ISO 9001 certificering?"])]
    body: str
    tags: Annotated[list[str], Meta(examples=[["iso 9001", "audit"]])]


class ExpertSummary(Struct):
    """What the requester knows of the expert before both opted in."""

    organisation_kind: OrganisationKind | None
    expertise: Annotated[list[str], Meta(examples=[["Interne audits ISO 9001"]])]


class Contact(Struct):
    """The other side's business contact details, once both opted in."""

    first_name: Annotated[str, Meta(examples=["An"])]
    last_name: Annotated[str, Meta(examples=["Peeters"])]
    email: Annotated[str | None, Meta(examples=["an.peeters@voorbeeld.be"])]
    phone: Annotated[str, Meta(examples=["+3292641234"])]
    organisation: str | None


class IntroductionOut(Struct):
    """An introduction as the caller may see it: no names or contact details before both
    sides opted in; `contact` is the other side's once accepted."""

    id: int
    state: IntroductionState
    role: Annotated[
        Literal["requester", "expert", "organiser"],
        Meta(description="the caller's part in this introduction"),
    ]
    challenge: ChallengeSummary
    requester_organisation_kind: OrganisationKind | None
    expert: ExpertSummary
    explanation: Explanation
    requested_at: datetime | None
    expires_at: Annotated[datetime | None, Meta(description="when an unanswered request expires")]
    decided_at: datetime | None
    completed_at: datetime | None
    contact: Contact | None
    my_feedback: Feedback | None
    declined_by_me: bool
    decline_reason: Annotated[str | None, Meta(description="your own reason, if you declined")] = (
        None
    )
    requester_id: Annotated[int | None, Meta(description="organisers only")] = None
    expert_id: Annotated[int | None, Meta(description="organisers only")] = None


class FeedbackCounts(Struct):
    useful: int
    not_useful: int
    did_not_happen: int


class FeedbackSummary(Struct):
    """Counts only: no introduction or person can be told apart."""

    feedback: FeedbackCounts
    answers: int
    introductions: Annotated[
        dict[str, int], Meta(examples=[{"requested": 4, "accepted": 2, "completed": 7}])
    ]


def _out(view: dict) -> IntroductionOut:
    return msgspec.convert(view, IntroductionOut)


class IntroductionController(Controller):
    path = "/api/introductions"
    tags = ["introductions"]
    guards = [signed_in]

    @post(
        "/",
        summary="Ask for a proposed expert (the challenge's owner)",
        description="201 with the new introduction; a retry with the same `Idempotency-Key` "
        "answers 200 with the same one, the same key for another proposal 409.",
    )
    async def create(
        self,
        request: Request,
        data: JSONBody[IntroductionCreate],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[IntroductionOut]:
        view, created = await workflow.request_introduction(
            current(request), data.proposal_id, idempotency_key
        )
        return Response(_out(view), status_code=201 if created else 200)

    @get("/", summary="Your introductions as requester or expert (organisers: all)")
    async def index(
        self,
        request: Request,
        role: FromQuery[Side | None] = None,
        in_state: Annotated[IntroductionState | None, QueryParameter(name="state")] = None,
        challenge: Annotated[int | None, QueryParameter(ge=1, le=2**31 - 1)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE)] = 50,
        offset: QueryOffset = 0,
    ) -> list[IntroductionOut]:
        views = await workflow.list_introductions(
            current(request), role, in_state, challenge, limit, offset
        )
        return [_out(view) for view in views]

    @get(
        "/feedback",
        summary="Feedback counts per outcome (organisers)",
        guards=[requires(Role.organiser)],
    )
    async def feedback_summary(self) -> FeedbackSummary:
        return msgspec.convert(await workflow.feedback_summary(), FeedbackSummary)

    @get("/{introduction_id:int}", summary="One introduction")
    async def show(self, request: Request, introduction_id: PathId) -> IntroductionOut:
        return _out(await workflow.get_introduction(current(request), introduction_id))

    @post("/{introduction_id:int}/accept", summary="Accept a request (the expert)", status_code=200)
    async def accept(self, request: Request, introduction_id: PathId) -> IntroductionOut:
        return _out(await workflow.accept(current(request), introduction_id))

    @post(
        "/{introduction_id:int}/decline",
        summary="Decline a request (the expert) or withdraw it (the requester)",
        status_code=200,
    )
    async def decline(
        self,
        request: Request,
        introduction_id: PathId,
        data: JSONBody[Decline | None] = None,
    ) -> IntroductionOut:
        body = data or Decline()
        view = await workflow.decline(current(request), introduction_id, body.reason, body.block)
        return _out(view)

    @post(
        "/{introduction_id:int}/complete",
        summary="Mark an accepted introduction as done",
        status_code=200,
    )
    async def complete(self, request: Request, introduction_id: PathId) -> IntroductionOut:
        return _out(await workflow.complete(current(request), introduction_id))

    @post(
        "/{introduction_id:int}/feedback",
        summary="Say how the meeting went (once per side; completes the introduction)",
        status_code=200,
    )
    async def feedback(
        self, request: Request, introduction_id: PathId, data: JSONBody[FeedbackCreate]
    ) -> IntroductionOut:
        view = await workflow.give_feedback(current(request), introduction_id, data.outcome)
        return _out(view)

    @post(
        "/{introduction_id:int}/block",
        summary="Block the other member of an introduction (private; they are not told)",
        status_code=204,
    )
    async def block(self, request: Request, introduction_id: PathId) -> None:
        await workflow.block_member(current(request), introduction_id)
