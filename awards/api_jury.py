"""/api/awards: the jury for organisers (jurors, assignments, results, the report) and for jurors
(the agreement, their dossiers, scores, conflicts). The same rules as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import Request, Response, delete, get, post, put
from litestar.params import JSONBody, PathParameter, QueryParameter
from msgspec import Meta, Struct

from awards import jury, jury_report, scoring
from awards.pages_jury import report_download
from kring.choices import Role
from kring.web.auth import current, requires, signed_in
from kring.web.downloads import answers_file
from kring.web.head import is_head
from kring.web.params import MAX_ID, PathId
from kring.web.uploads import STORED_FILE, download

Id = Annotated[int, Meta(ge=1, le=MAX_ID)]
ScoreValue = Annotated[int, Meta(ge=scoring.LOWEST, le=scoring.HIGHEST)]
organiser_only = requires(Role.organiser)
TAGS = ["awards"]


class AccountOut(Struct):
    id: int
    name: str
    email: str
    organisation: str
    role: str


class JurorOut(Struct):
    id: int
    account_id: int
    name: str
    email: str
    organisation: str
    appointed_at: datetime
    agreed_at: datetime | None
    assigned: int
    conflicts: int


class AppointRequest(Struct, forbid_unknown_fields=True):
    account_id: Id


class AssignRequest(Struct, forbid_unknown_fields=True):
    juror_id: Id
    candidacy_id: Id


class SkippedOut(Struct):
    juror_id: int
    candidacy_id: int
    reason: str


class AssignAllOut(Struct):
    assigned: int
    skipped: list[SkippedOut]


class AssignedJurorOut(Struct):
    assignment_id: int
    juror_id: int
    juror: str


class KeptOffOut(Struct):
    juror_id: int
    juror: str
    reason: str


class AssignmentRowOut(Struct):
    candidacy_id: int
    title: str
    organisation: str
    category: str
    assigned: list[AssignedJurorOut]
    kept_off: list[KeptOffOut]


class DeclaredConflictOut(Struct):
    id: int
    juror_id: int
    juror: str
    candidacy_id: int
    title: str
    reason: str
    declared_at: datetime


class ResultOut(Struct):
    candidacy_id: int
    title: str
    organisation: str
    category: str
    submitter: str
    rank: int | None
    weighted_mean: float | None
    spread: float | None
    """Highest minus lowest juror total (each juror's weighted score)."""
    jurors: int
    missing: int
    own_scores_only: bool = False
    """True when the viewer sits on this jury before the deliberation: the mean, spread and rank
    are then of the viewer's own scores alone."""


class DossierSummary(Struct):
    id: int
    title: str
    organisation: str
    category: str
    scored: int
    criteria: int


class ToCheck(Struct):
    """An assigned candidacy while the edition is open: only its organisation, to declare a
    conflict of interest (`…/candidacies/{id}/conflict`) before judging starts."""

    id: int
    organisation: str


class MyJuryOut(Struct):
    edition_id: int
    agreed: bool
    """Until the agreement, `dossiers` is empty whatever is assigned."""
    dossiers: list[DossierSummary]
    to_check: list[ToCheck] = []
    """While the edition is open (and `dossiers` is empty): the assigned candidacies'
    organisations."""


class JuryCriterionText(Struct):
    id: int
    name: str
    description: str
    weight: int
    text: str


class JuryAttachmentOut(Struct):
    id: int
    filename: str
    content_type: str
    size: int


class ScoreOut(Struct):
    criterion_id: int
    score: int
    comment: str


class JurorScoresOut(Struct):
    juror: str
    total: float | None
    scores: list[ScoreOut]


class DossierOut(Struct):
    id: int
    title: str
    summary: str
    organisation: str
    category: str
    submitter: str
    """Empty when the member who submitted it was erased or is restricted."""
    criteria: list[JuryCriterionText]
    attachments: list[JuryAttachmentOut]
    editable: bool
    my_scores: list[ScoreOut]
    jury_scores: list[JurorScoresOut]
    """Every assigned juror's scores, from deliberation on; empty before."""


class ScoreIn(Struct, forbid_unknown_fields=True):
    criterion_id: Id
    score: ScoreValue | None
    """None removes the score."""
    comment: Annotated[str, Meta(max_length=scoring.COMMENT_LIMIT)] = ""


class ScoresRequest(Struct, forbid_unknown_fields=True):
    scores: Annotated[list[ScoreIn], Meta(min_length=1, max_length=100)]
    """At least one: an empty list would save nothing and answer as if it had."""


class ConflictRequest(Struct, forbid_unknown_fields=True):
    reason: Annotated[str, Meta(min_length=1, max_length=jury.REASON_LIMIT)]


# --- Organisers --------------------------------------------------------------------------------


@get(
    "/api/awards/editions/{edition_id:int}/jurors",
    guards=[organiser_only],
    tags=TAGS,
    summary="The jury of an edition (organisers)",
)
async def jurors_api(edition_id: PathId) -> list[JurorOut]:
    await jury.load_edition(edition_id)
    return [
        JurorOut(**{k: row[k] for k in JurorOut.__struct_fields__})
        for row in await jury.jurors(edition_id)
    ]


@get(
    "/api/awards/editions/{edition_id:int}/juror-candidates",
    guards=[organiser_only],
    tags=TAGS,
    summary="Accounts to appoint, by a member's name or an e-mail address (organisers)",
)
async def juror_candidates_api(
    edition_id: PathId, search: Annotated[str, QueryParameter(max_length=200)] = ""
) -> list[AccountOut]:
    await jury.load_edition(edition_id)
    return [
        AccountOut(a["id"], a["name"], a["email"], a["organisation"], a["role"])
        for a in await jury.find_accounts(search)
    ]


@post(
    "/api/awards/editions/{edition_id:int}/jurors",
    guards=[organiser_only],
    tags=TAGS,
    summary="Appoint an account to the jury (organisers)",
    status_code=201,
)
async def appoint_api(
    request: Request, edition_id: PathId, data: JSONBody[AppointRequest]
) -> JurorOut:
    juror_id = await jury.appoint_juror(current(request), edition_id, data.account_id)
    row = next(r for r in await jury.jurors(edition_id) if r["id"] == juror_id)
    return JurorOut(**{k: row[k] for k in JurorOut.__struct_fields__})


@delete(
    "/api/awards/editions/{edition_id:int}/jurors/{juror_id:int}",
    guards=[organiser_only],
    tags=TAGS,
    summary="Remove a juror with their assignments and scores (organisers)",
    status_code=200,
)
async def remove_juror_api(request: Request, edition_id: PathId, juror_id: PathId) -> dict:
    await jury.remove_juror(current(request), edition_id, juror_id)
    return {"removed": juror_id}


@get(
    "/api/awards/editions/{edition_id:int}/assignments",
    guards=[organiser_only],
    tags=TAGS,
    summary="Per submitted candidacy: assigned jurors and jurors kept off by a conflict",
)
async def assignments_api(edition_id: PathId) -> list[AssignmentRowOut]:
    await jury.load_edition(edition_id)
    return [
        AssignmentRowOut(
            candidacy_id=row["id"],
            title=row["title"],
            organisation=row["organisation"],
            category=row["category"],
            assigned=[
                AssignedJurorOut(a["id"], a["juror_id"], a["juror"]) for a in row["assigned"]
            ],
            kept_off=[
                KeptOffOut(k["juror_id"], k["juror"], k["kind"].value) for k in row["kept_off"]
            ],
        )
        for row in await jury.assignment_table(edition_id)
    ]


@post(
    "/api/awards/editions/{edition_id:int}/assignments",
    guards=[organiser_only],
    tags=TAGS,
    summary="Assign a candidacy to a juror; 409 (with why) for a conflict of interest",
    status_code=201,
)
async def assign_api(
    request: Request, edition_id: PathId, data: JSONBody[AssignRequest]
) -> dict[str, int]:
    found = await jury.assign(current(request), edition_id, data.juror_id, data.candidacy_id)
    return {"assignment_id": found}


@post(
    "/api/awards/editions/{edition_id:int}/assignments/all",
    guards=[organiser_only],
    tags=TAGS,
    summary="Assign every eligible juror to every submitted candidacy",
    status_code=200,
)
async def assign_all_api(request: Request, edition_id: PathId) -> AssignAllOut:
    outcome = await jury.assign_everyone(current(request), edition_id)
    return AssignAllOut(
        outcome.assigned,
        [SkippedOut(s.juror_id, s.candidacy_id, s.kind.value) for s in outcome.skipped],
    )


@delete(
    "/api/awards/editions/{edition_id:int}/assignments/{assignment_id:int}",
    guards=[organiser_only],
    tags=TAGS,
    summary="End an assignment; the juror's scores for it go with it",
    status_code=200,
)
async def unassign_api(request: Request, edition_id: PathId, assignment_id: PathId) -> dict:
    await jury.unassign(current(request), edition_id, assignment_id)
    return {"removed": assignment_id}


@get(
    "/api/awards/editions/{edition_id:int}/conflicts",
    guards=[organiser_only],
    tags=TAGS,
    summary="Conflicts of interest the jurors declared (organisers)",
)
async def conflicts_api(edition_id: PathId) -> list[DeclaredConflictOut]:
    await jury.load_edition(edition_id)
    return [
        DeclaredConflictOut(**{k: row[k] for k in DeclaredConflictOut.__struct_fields__})
        for row in await jury.declared_conflicts(edition_id)
    ]


@get(
    "/api/awards/editions/{edition_id:int}/results",
    guards=[organiser_only],
    tags=TAGS,
    summary="Weighted mean, spread, missing scores and the ranking per category",
)
async def results_api(request: Request, edition_id: PathId) -> list[ResultOut]:
    found = await scoring.results(current(request), edition_id)
    return [
        ResultOut(
            candidacy_id=item["id"],
            title=item["title"],
            organisation=item["organisation"],
            category=item["category"],
            submitter=item["submitter"],
            rank=item["rank"],
            weighted_mean=scoring.shown(item["weighted_mean"]),
            spread=scoring.shown(item["spread"]),
            jurors=item["jurors"],
            missing=item["missing"],
            own_scores_only=found["fellow_scores_withheld"],
        )
        for item in found["ranking"]
    ]


ReportFormat = Annotated[
    str, PathParameter(schema_extra={"enum": [kind.value for kind in jury_report.Format]})
]


@get(
    "/api/awards/editions/{edition_id:int}/jury-report/{fmt:str}",
    guards=[organiser_only],
    tags=TAGS,
    summary="CONFIDENTIAL jury report as pdf or xlsx (organisers)",
    response_description="The jury report as a file in the format asked for",
    operation_class=answers_file(*jury_report.MEDIA_TYPES.values()),
)
async def report_api(request: Request, edition_id: PathId, fmt: ReportFormat) -> Response[bytes]:
    return await report_download(request, edition_id, fmt)


# --- Jurors ------------------------------------------------------------------------------------


@get(
    "/api/awards/jury/{edition_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="My jury work: whether I agreed, then my assigned dossiers",
)
async def my_jury_api(request: Request, edition_id: PathId) -> MyJuryOut:
    return await _my_jury(request, edition_id)


async def _my_jury(request: Request, edition_id: int) -> MyJuryOut:
    viewer = current(request)
    seat = await jury.my_seat(viewer, edition_id)
    if seat["agreed_at"] is None:
        return MyJuryOut(edition_id, False, [])
    dossiers = [
        DossierSummary(**{k: d[k] for k in DossierSummary.__struct_fields__})
        for d in await jury.my_dossiers(viewer, edition_id)
    ]
    to_check = [ToCheck(**c) for c in await jury.organisations_to_check(viewer, edition_id)]
    return MyJuryOut(edition_id, True, dossiers, to_check)


@post(
    "/api/awards/jury/{edition_id:int}/agreement",
    guards=[signed_in],
    tags=TAGS,
    summary="Record my confidentiality agreement for this edition",
    status_code=200,
)
async def agree_api(request: Request, edition_id: PathId) -> MyJuryOut:
    await jury.agree(current(request), edition_id)
    return await _my_jury(request, edition_id)


async def _dossier(
    request: Request, edition_id: int, candidacy_id: int, *, audited: bool = True
) -> DossierOut:
    viewer = current(request)
    dossier = await jury.read_dossier(viewer, edition_id, candidacy_id, audited=audited)
    scores = await scoring.jury_scores(viewer, edition_id, candidacy_id)
    return DossierOut(
        id=dossier["id"],
        title=dossier["title"],
        summary=dossier["summary"],
        organisation=dossier["organisation"],
        category=dossier["category"],
        submitter=dossier["submitter"],
        criteria=[
            JuryCriterionText(c["id"], c["name"], c["description"], c["weight"], c["text"])
            for c in dossier["criteria"]
        ],
        attachments=[
            JuryAttachmentOut(a["id"], a["filename"], a["content_type"], a["size"])
            for a in dossier["attachments"]
        ],
        editable=scores["editable"],
        my_scores=[
            ScoreOut(criterion, s["score"], s["comment"]) for criterion, s in scores["mine"].items()
        ],
        jury_scores=[
            JurorScoresOut(
                j["juror"],
                scoring.shown(j["total"]),
                [ScoreOut(c, s["score"], s["comment"]) for c, s in j["scores"].items()],
            )
            for j in scores["jurors"]
        ],
    )


@get(
    "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="An assigned dossier with my scores (every read is audited)",
)
async def dossier_api(request: Request, edition_id: PathId, candidacy_id: PathId) -> DossierOut:
    # A HEAD, or the read that checks an If-Match (`kring.web.preconditions`), shows nothing.
    return await _dossier(request, edition_id, candidacy_id, audited=not is_head(request.scope))


@put(
    "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/scores",
    guards=[signed_in],
    tags=TAGS,
    summary="Score criteria 0–10 with a comment (while the edition is in judging)",
)
async def scores_api(
    request: Request, edition_id: PathId, candidacy_id: PathId, data: JSONBody[ScoresRequest]
) -> DossierOut:
    entries = [scoring.Entry(s.criterion_id, s.score, s.comment) for s in data.scores]
    await scoring.save_scores(current(request), edition_id, candidacy_id, entries)
    return await _dossier(request, edition_id, candidacy_id)


@post(
    "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/conflict",
    guards=[signed_in],
    tags=TAGS,
    summary="Declare a conflict of interest: ends the assignment and removes my scores",
    status_code=200,
)
async def conflict_api(
    request: Request, edition_id: PathId, candidacy_id: PathId, data: JSONBody[ConflictRequest]
) -> dict[str, int]:
    await jury.declare_conflict(current(request), edition_id, candidacy_id, data.reason)
    return {"candidacy_id": candidacy_id}


@get(
    "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Download an attachment of an assigned dossier (audited)",
    operation_class=STORED_FILE,
)
async def attachment_api(
    request: Request, edition_id: PathId, candidacy_id: PathId, attachment_id: PathId
) -> Response[bytes]:
    found = await jury.read_attachment(current(request), edition_id, candidacy_id, attachment_id)
    return download(found["filename"], found["content_type"], found["content"])


ROUTES = [
    jurors_api,
    juror_candidates_api,
    appoint_api,
    remove_juror_api,
    assignments_api,
    assign_api,
    assign_all_api,
    unassign_api,
    conflicts_api,
    results_api,
    report_api,
    my_jury_api,
    agree_api,
    dossier_api,
    scores_api,
    conflict_api,
    attachment_api,
]
