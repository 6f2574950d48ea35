"""/api/awards/editions: editions with their categories and criteria, their next state, their
candidacies (organisers), and starting a candidacy (members)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, get, patch, post
from litestar.params import JSONBody, QueryParameter
from msgspec import UNSET, Meta, Struct, UnsetType

from awards import candidacies, editions
from awards.api_candidacies import CandidacyIn, CandidacyOut, candidacy_out
from awards.choices import EditionState
from kring.choices import Role
from kring.web.auth import current, requires, signed_in
from kring.web.params import PathId

TAGS = ["awards"]
organiser_only = requires(Role.organiser)

Name = Annotated[str, Meta(min_length=1, max_length=200)]
Id = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class CategoryIn(Struct, forbid_unknown_fields=True):
    """A category; with `id` an existing one (kept, renamed, moved), without a new one."""

    name: Name
    id: Id | None = None


class CriterionIn(Struct, forbid_unknown_fields=True):
    """A criterion; with `id` an existing one. Its place in the list is its order."""

    name: Name
    weight: Annotated[int, Meta(ge=1, le=100)] = 1
    description: Annotated[str, Meta(max_length=2000)] = ""
    id: Id | None = None


class EditionCreate(Struct, forbid_unknown_fields=True):
    """Deadlines with a time zone; without one they are read as Brussels time."""

    name: Name
    year: Annotated[int, Meta(ge=2000, le=2100)]
    submission_deadline: datetime
    jury_deadline: datetime
    categories: Annotated[list[CategoryIn], Meta(min_length=1, max_length=10)]
    criteria: Annotated[list[CriterionIn], Meta(min_length=1, max_length=20)]


class EditionUpdate(Struct, forbid_unknown_fields=True):
    """Lists replace the edition's lists: leave out an existing id to remove it."""

    name: Name | UnsetType = UNSET
    year: Annotated[int, Meta(ge=2000, le=2100)] | UnsetType = UNSET
    submission_deadline: datetime | UnsetType = UNSET
    jury_deadline: datetime | UnsetType = UNSET
    categories: Annotated[list[CategoryIn], Meta(min_length=1, max_length=10)] | UnsetType = UNSET
    criteria: Annotated[list[CriterionIn], Meta(min_length=1, max_length=20)] | UnsetType = UNSET


class StateChange(Struct, forbid_unknown_fields=True):
    """The state the edition moves on to: the next one, named, so a retry never skips one."""

    to: Annotated[
        str,
        Meta(
            max_length=40,
            examples=["judging"],
            description="One of: " + ", ".join(EditionState),
            extra_json_schema={"enum": [state.value for state in EditionState]},
        ),
    ]
    """Read by `editions.parse_state`, so an unknown state is refused naming the states; the
    document still lists them as an enum (`kring.web.openapi` copies it)."""


class CategoryOut(Struct):
    id: int
    name: str


class CriterionOut(Struct):
    id: int
    name: str
    description: str
    weight: int


class EditionOut(Struct):
    id: int
    name: str
    year: int
    state: str
    submission_deadline: datetime
    jury_deadline: datetime
    decided_at: datetime | None
    accepts_candidacies: bool
    categories: list[CategoryOut]
    criteria: list[CriterionOut]


class EditionSummary(Struct):
    id: int
    name: str
    year: int
    state: str
    submission_deadline: datetime
    jury_deadline: datetime
    accepts_candidacies: bool


class CandidacyRow(Struct):
    """A candidacy as the edition's list shows it to organisers."""

    id: int
    title: str
    state: str
    organisation: str
    category: str
    member_id: int | None
    """Empty while the submitter's processing is restricted, or once they were erased."""
    submitted_at: datetime | None


def edition_out(edition: dict[str, Any]) -> EditionOut:
    return EditionOut(
        id=edition["id"],
        name=edition["name"],
        year=edition["year"],
        state=edition["state"],
        submission_deadline=edition["submission_deadline"],
        jury_deadline=edition["jury_deadline"],
        decided_at=edition["decided_at"],
        accepts_candidacies=editions.accepts_candidacies(edition),
        categories=[CategoryOut(c["id"], c["name"]) for c in edition["categories"]],
        criteria=[
            CriterionOut(c["id"], c["name"], c["description"], c["weight"])
            for c in edition["criteria"]
        ],
    )


def _plain(data: Struct) -> dict[str, Any]:
    """Fields the client sent, lists as plain dicts (PATCH: absent means unchanged)."""
    return {
        name: msgspec.to_builtins(value) if name in ("categories", "criteria") else value
        for name, value in msgspec.structs.asdict(data).items()
        if value is not UNSET
    }


@get("/api/awards/editions", guards=[signed_in], tags=TAGS, summary="Award editions")
async def list_editions_api(
    in_state: Annotated[
        str | None,
        QueryParameter(
            name="state",
            max_length=40,
            schema_extra={"enum": [state.value for state in EditionState]},
        ),
    ] = None,
) -> list[EditionSummary]:
    # Read here, not by the framework: Litestar reserves the name `state`, and its own refusal
    # named the Python parameter (`in_state`) instead of the one the client sent.
    wanted = editions.parse_state(in_state, "state") if in_state is not None else None
    rows = await editions.list_editions([wanted] if wanted else None)
    return [
        EditionSummary(
            id=row["id"],
            name=row["name"],
            year=row["year"],
            state=row["state"],
            submission_deadline=row["submission_deadline"],
            jury_deadline=row["jury_deadline"],
            accepts_candidacies=editions.accepts_candidacies(row),
        )
        for row in rows
    ]


@get(
    "/api/awards/editions/{edition_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="One edition with its categories and criteria",
)
async def get_edition_api(edition_id: PathId) -> EditionOut:
    return edition_out(await editions.get_edition(edition_id))


@post(
    "/api/awards/editions",
    guards=[organiser_only],
    tags=TAGS,
    summary="Create an edition (organisers); it starts open",
)
async def create_edition_api(request: Request, data: JSONBody[EditionCreate]) -> EditionOut:
    edition_id = await editions.create_edition(current(request), _plain(data))
    return edition_out(await editions.get_edition(edition_id))


@patch(
    "/api/awards/editions/{edition_id:int}",
    guards=[organiser_only],
    tags=TAGS,
    summary="Change an edition (organisers); categories and criteria only while it is open",
)
async def update_edition_api(
    request: Request, edition_id: PathId, data: JSONBody[EditionUpdate]
) -> EditionOut:
    await editions.update_edition(current(request), edition_id, _plain(data))
    return edition_out(await editions.get_edition(edition_id))


@post(
    "/api/awards/editions/{edition_id:int}/state",
    guards=[organiser_only],
    tags=TAGS,
    summary="Move an edition to its next state (decided starts the five-year retention)",
    status_code=200,
)
async def advance_edition_api(
    request: Request, edition_id: PathId, data: JSONBody[StateChange]
) -> EditionOut:
    await editions.advance_edition(current(request), edition_id, data.to)
    return edition_out(await editions.get_edition(edition_id))


@get(
    "/api/awards/editions/{edition_id:int}/candidacies",
    guards=[organiser_only],
    tags=TAGS,
    summary="Every candidacy of an edition (organisers)",
)
async def edition_candidacies_api(request: Request, edition_id: PathId) -> list[CandidacyRow]:
    rows = await candidacies.edition_candidacies(current(request), edition_id)
    return [
        CandidacyRow(
            id=row["id"],
            title=row["title"],
            state=row["state"],
            organisation=row["organisation_name"] or "",
            category=row["category_name"] or "",
            member_id=row["member"],
            submitted_at=row["submitted_at"],
        )
        for row in rows
    ]


@post(
    "/api/awards/editions/{edition_id:int}/candidacies",
    guards=[signed_in],
    tags=TAGS,
    summary="Start a candidacy for my organisation (a draft)",
    status_code=201,
)
async def start_candidacy_api(
    request: Request, edition_id: PathId, data: JSONBody[CandidacyIn]
) -> CandidacyOut:
    viewer = current(request)
    values = _plain(data)
    candidacy_id = await candidacies.start_candidacy(viewer, edition_id, values)
    return candidacy_out(await candidacies.get_candidacy(viewer, candidacy_id))


ROUTES = [
    list_editions_api,
    get_edition_api,
    create_edition_api,
    update_edition_api,
    advance_edition_api,
    edition_candidacies_api,
    start_candidacy_api,
]
