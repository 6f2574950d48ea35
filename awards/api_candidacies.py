"""/api/awards/candidacies: a member's own candidacies (organisers read every one): texts,
attachments, submitting and withdrawing."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, delete, get, patch, post
from litestar.params import JSONBody
from msgspec import UNSET, Meta, Struct, UnsetType

from awards import candidacies
from kring.errors import DomainError
from kring.validation import FieldError
from kring.web.auth import current, signed_in
from kring.web.params import PathId
from kring.web.uploads import STORED_FILE, UPLOAD_BODY_BYTES, download, read_upload

TAGS = ["awards"]

Title = Annotated[str, Meta(min_length=1, max_length=200)]
Summary = Annotated[str, Meta(max_length=3000)]
Texts = Annotated[dict[str, Annotated[str, Meta(max_length=10_000)]], Meta(max_length=20)]
CategoryId = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class CandidacyIn(Struct, forbid_unknown_fields=True):
    """`texts` maps a criterion's id to what the candidate writes for it."""

    title: Title
    summary: Summary = ""
    category: CategoryId | None = None
    texts: Texts = {}


class CandidacyUpdate(Struct, forbid_unknown_fields=True):
    """Only what is sent changes; `texts` changes the criteria it names."""

    title: Title | UnsetType = UNSET
    summary: Summary | UnsetType = UNSET
    category: CategoryId | UnsetType | None = UNSET
    texts: Texts | UnsetType = UNSET


class CriterionText(Struct):
    criterion_id: int
    criterion: str
    weight: int
    text: str


class AttachmentOut(Struct):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime


class CandidacyOut(Struct):
    id: int
    edition_id: int
    edition: str
    title: str
    summary: str
    category_id: int | None
    category: str
    organisation: str
    state: str
    submitted_at: datetime | None
    updated_at: datetime
    changeable: bool
    """Whether its submitter may still change it (open edition, before the deadline)."""
    missing: list[str]
    """What still has to be filled in before it can be submitted."""
    texts: list[CriterionText]
    attachments: list[AttachmentOut]


class CandidacySummary(Struct):
    id: int
    edition_id: int
    edition: str
    title: str
    state: str
    submission_deadline: datetime
    submitted_at: datetime | None


class Unusable(DomainError):
    """A file that is not what it claims or not accepted: answered 422."""

    status_code = 422


def attachment_out(row: dict[str, Any]) -> AttachmentOut:
    return AttachmentOut(
        row["id"], row["filename"], row["content_type"], row["size"], row["uploaded_at"]
    )


def candidacy_out(found: dict[str, Any]) -> CandidacyOut:
    edition = found["edition"]
    return CandidacyOut(
        id=found["id"],
        edition_id=edition["id"],
        edition=edition["name"],
        title=found["title"],
        summary=found["summary"],
        category_id=found["category"],
        category=found["category_name"],
        organisation=found["organisation_name"],
        state=found["state"],
        submitted_at=found["submitted_at"],
        updated_at=found["updated_at"],
        changeable=found["changeable"],
        missing=[str(part) for part in found["missing"]],
        texts=[
            CriterionText(
                entry["criterion"]["id"],
                entry["criterion"]["name"],
                entry["criterion"]["weight"],
                entry["text"],
            )
            for entry in found["texts"]
        ],
        attachments=[attachment_out(row) for row in found["attachments"]],
    )


async def _answer(request: Request, candidacy_id: int) -> CandidacyOut:
    return candidacy_out(await candidacies.get_candidacy(current(request), candidacy_id))


@get(
    "/api/awards/candidacies",
    guards=[signed_in],
    tags=TAGS,
    summary="My candidacies",
)
async def my_candidacies_api(request: Request) -> list[CandidacySummary]:
    return [
        CandidacySummary(
            id=row["id"],
            edition_id=row["edition"],
            edition=row["edition_name"],
            title=row["title"],
            state=row["state"],
            submission_deadline=row["submission_deadline"],
            submitted_at=row["submitted_at"],
        )
        for row in await candidacies.my_candidacies(current(request))
    ]


@get(
    "/api/awards/candidacies/{candidacy_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="One candidacy (its submitter and organisers)",
)
async def get_candidacy_api(request: Request, candidacy_id: PathId) -> CandidacyOut:
    return await _answer(request, candidacy_id)


@patch(
    "/api/awards/candidacies/{candidacy_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Change my candidacy (open edition, before the submission deadline; else 409)",
)
async def update_candidacy_api(
    request: Request, candidacy_id: PathId, data: JSONBody[CandidacyUpdate]
) -> CandidacyOut:
    values = {
        name: value for name, value in msgspec.structs.asdict(data).items() if value is not UNSET
    }
    await candidacies.update_candidacy(current(request), candidacy_id, values)
    return await _answer(request, candidacy_id)


@post(
    "/api/awards/candidacies/{candidacy_id:int}/submit",
    guards=[signed_in],
    tags=TAGS,
    summary="Submit my candidacy (422 listing what is missing when incomplete)",
    status_code=200,
)
async def submit_candidacy_api(request: Request, candidacy_id: PathId) -> CandidacyOut:
    await candidacies.submit_candidacy(current(request), candidacy_id)
    return await _answer(request, candidacy_id)


@post(
    "/api/awards/candidacies/{candidacy_id:int}/withdraw",
    guards=[signed_in],
    tags=TAGS,
    summary="Withdraw my candidacy (before the submission deadline)",
    status_code=200,
)
async def withdraw_candidacy_api(request: Request, candidacy_id: PathId) -> CandidacyOut:
    await candidacies.withdraw_candidacy(current(request), candidacy_id)
    return await _answer(request, candidacy_id)


@post(
    "/api/awards/candidacies/{candidacy_id:int}/attachments",
    guards=[signed_in],
    tags=TAGS,
    summary="Add an attachment: multipart/form-data with one file in the field `file` "
    "(PDF, DOCX, XLSX, PNG or JPEG, read from the content; 422 otherwise, 413 when too large)",
    request_max_body_size=UPLOAD_BODY_BYTES,
    status_code=201,
)
async def upload_api(request: Request, candidacy_id: PathId) -> AttachmentOut:
    viewer = current(request)
    await candidacies.check_changeable(viewer, candidacy_id)  # before reading the file
    try:
        checked, _ = await read_upload(request)
    except FieldError as error:
        raise Unusable(error.template, field=error.field, **error.params) from None
    attachment_id = await candidacies.add_attachment(viewer, candidacy_id, checked)
    rows = await candidacies.attachments_of(candidacy_id)
    return attachment_out(next(row for row in rows if row["id"] == attachment_id))


@get(
    "/api/awards/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Download an attachment (always as a download)",
    operation_class=STORED_FILE,
)
async def download_api(
    request: Request, candidacy_id: PathId, attachment_id: PathId
) -> Response[bytes]:
    row = await candidacies.attachment_file(current(request), candidacy_id, attachment_id)
    return download(row["filename"], row["content_type"], row["content"])


@delete(
    "/api/awards/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}",
    guards=[signed_in],
    tags=TAGS,
    summary="Remove an attachment from my candidacy",
)
async def remove_attachment_api(
    request: Request, candidacy_id: PathId, attachment_id: PathId
) -> None:
    await candidacies.remove_attachment(current(request), candidacy_id, attachment_id)


ROUTES = [
    my_candidacies_api,
    get_candidacy_api,
    update_candidacy_api,
    submit_candidacy_api,
    withdraw_candidacy_api,
    upload_api,
    download_api,
    remove_attachment_api,
]
