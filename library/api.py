"""/api/library: search the library, read an item and its file, "for you"; organisers publish,
change, retire and republish items and attach files. The same rules as the pages
(`library.items`): a retired item answers 404 to everyone but organisers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar import Request, Response, delete, get, patch, post
from litestar.params import JSONBody, QueryParameter
from msgspec import UNSET, Meta, Struct, UnsetType

from kring.api.schemas import Tags, present
from kring.choices import Language, Role
from kring.messages import N_
from kring.validation import FieldError
from kring.web.auth import current, member_profile, requires, signed_in
from kring.web.params import PathId
from kring.web.uploads import STORED_FILE, UPLOAD_BODY_BYTES, download, read_upload
from library import items
from library.choices import BodyFormat, ItemKind
from library.contributors import Contributor, nameable_contributors
from library.for_you import for_you
from library.params import MAX_QUERY, MAX_TAG, parse_search
from library.search import MAX_PAGE, search_items

TAGS = ["library"]
organiser_only = requires(Role.organiser)
Title = Annotated[str, Meta(min_length=1, max_length=items.TITLE_LIMIT)]
Summary = Annotated[str, Meta(min_length=1, max_length=items.SUMMARY_LIMIT)]
Body = Annotated[str, Meta(max_length=items.BODY_LIMIT)]
Link = Annotated[str, Meta(max_length=items.LINK_LIMIT)]
MemberId = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class ContributorOut(Struct):
    first_name: str
    last_name: str


class FileOut(Struct):
    filename: str
    content_type: str
    size: int


class ItemSummaryOut(Struct):
    id: int
    kind: ItemKind
    title: str
    summary: str
    tags: list[str]
    language: Language
    link: str
    has_file: bool
    published_at: datetime
    retired: bool


class ItemOut(Struct):
    id: int
    kind: ItemKind
    title: str
    summary: str
    body: str
    body_format: BodyFormat
    tags: list[str]
    language: Language
    link: str
    file: FileOut | None
    contributor: ContributorOut | None
    """None without a contributor, or when they may not be named (they opted out of sharing or
    listings, are restricted or were erased)."""
    contributor_id: int | None
    """The member stored as contributor, for organisers only (null for members): whether or not
    the name may be shown, the organiser sees who the item names."""
    published_at: datetime
    updated_at: datetime
    retired: bool


class SearchOut(Struct):
    items: list[ItemSummaryOut]
    total: int
    page: int
    pages: int
    left_out: list[str]
    """Words of q beyond the first 12 words to search on: not searched (empty when none)."""


class ItemCreate(Struct, forbid_unknown_fields=True):
    title: Title
    summary: Summary
    kind: ItemKind = ItemKind.article
    body: Body = ""
    body_format: BodyFormat = BodyFormat.markdown
    tags: Tags = []
    language: Language = Language.nl
    link: Link = ""
    contributor: MemberId | None = None


class ItemUpdate(Struct, forbid_unknown_fields=True):
    title: Title | UnsetType = UNSET
    summary: Summary | UnsetType = UNSET
    kind: ItemKind | UnsetType = UNSET
    body: Body | UnsetType = UNSET
    body_format: BodyFormat | UnsetType = UNSET
    tags: Tags | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    link: Link | UnsetType = UNSET
    contributor: MemberId | UnsetType | None = UNSET


class RetiredChange(Struct, forbid_unknown_fields=True):
    retired: bool


class ReasonOut(Struct):
    challenge_id: int
    challenge_title: str
    terms: list[str]
    tags: list[str]


class LibrarySuggestionOut(Struct):
    item: ItemSummaryOut
    score: float
    reason: ReasonOut


class LibraryForYouOut(Struct):
    open_challenges: int
    suggestions: list[LibrarySuggestionOut]


def _summary(row: dict[str, Any]) -> ItemSummaryOut:
    return ItemSummaryOut(
        id=row["id"],
        kind=ItemKind(row["kind"]),
        title=row["title"],
        summary=row["summary"],
        tags=list(row["tags"]),
        language=Language(row["language"]),
        link=row["link"],
        has_file=bool(row.get("filename") or row.get("has_file")),
        published_at=row["published_at"],
        retired=row.get("retired_at") is not None,
    )


def _contributor(found: Contributor | None) -> ContributorOut | None:
    return ContributorOut(found.first_name, found.last_name) if found else None


async def _item(request: Request, item_id: int) -> ItemOut:
    viewer = current(request)
    item = await items.load_item(viewer, item_id)
    named = await nameable_contributors([item["contributor"]])
    file = item["attachment"]
    return ItemOut(
        id=item["id"],
        kind=ItemKind(item["kind"]),
        title=item["title"],
        summary=item["summary"],
        body=item["body"],
        body_format=BodyFormat(item["body_format"]),
        tags=item["tags"],
        language=Language(item["language"]),
        link=item["link"],
        file=FileOut(file["filename"], file["content_type"], file["size"]) if file else None,
        contributor=_contributor(named.get(item["contributor"])) if item["contributor"] else None,
        contributor_id=item["contributor"] if items.is_organiser(viewer) else None,
        published_at=item["published_at"],
        updated_at=item["updated_at"],
        retired=item["retired_at"] is not None,
    )


@get(
    "/api/library",
    guards=[signed_in],
    tags=TAGS,
    summary="Search the library: q (words, Dutch or English; the first 12 words to search on, "
    "the rest named in left_out), kind, language, tag, page (20 a page); best first, newest "
    "first without words",
)
async def search_api(
    request: Request,
    q: Annotated[str, QueryParameter(max_length=MAX_QUERY)] = "",
    kind: Annotated[
        str, QueryParameter(schema_extra={"enum": ["", *(k.value for k in ItemKind)]})
    ] = "",
    language: Annotated[
        str, QueryParameter(schema_extra={"enum": ["", *(lang.value for lang in Language)]})
    ] = "",
    tag: Annotated[str, QueryParameter(max_length=MAX_TAG)] = "",
    page: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE)] = 1,
) -> SearchOut:
    viewer = current(request)
    raw = {"q": q, "kind": kind, "language": language, "tag": tag, "page": str(page)}
    asked = parse_search(raw, include_retired=items.is_organiser(viewer))
    results = await search_items(asked.text, asked.filters, asked.page)
    if results.unsearchable:
        raise FieldError("q", N_("holds no word to search for (only stop words or punctuation)"))
    return SearchOut(
        [_summary(row) for row in results.items],
        results.total,
        results.page,
        results.pages,
        list(results.left_out),
    )


@get(
    "/api/library/for-you",
    guards=[signed_in, member_profile],
    tags=TAGS,
    summary="Items for my open challenges (403 for an account without a member profile, as "
    "the page answers)",
)
async def for_you_api(request: Request) -> LibraryForYouOut:
    found = await for_you(current(request))
    return LibraryForYouOut(
        found.challenges,
        [
            LibrarySuggestionOut(
                _summary(s.item),
                s.score,
                ReasonOut(s.challenge_id, s.challenge_title, list(s.terms), list(s.tags)),
            )
            for s in found.suggestions
        ],
    )


@get("/api/library/{item_id:int}", guards=[signed_in], tags=TAGS, summary="One library item")
async def item_api(request: Request, item_id: PathId) -> ItemOut:
    return await _item(request, item_id)


@get(
    "/api/library/{item_id:int}/file",
    guards=[signed_in],
    tags=TAGS,
    summary="Download an item's file (always as an attachment)",
    operation_class=STORED_FILE,
)
async def file_api(request: Request, item_id: PathId) -> Response:
    row = await items.load_attachment(current(request), item_id)
    return download(row["filename"], row["content_type"], row["content"])


@post("/api/library", guards=[organiser_only], tags=TAGS, summary="Publish an item (organisers)")
async def create_api(request: Request, data: JSONBody[ItemCreate]) -> ItemOut:
    values = present(data)
    contributor = await items.contributor_by_id(values.pop("contributor", None))
    item_id = await items.create_item(current(request), values, contributor)
    return await _item(request, item_id)


@patch(
    "/api/library/{item_id:int}",
    guards=[organiser_only],
    tags=TAGS,
    summary="Change an item (organisers); contributor null removes the contributor",
)
async def update_api(request: Request, item_id: PathId, data: JSONBody[ItemUpdate]) -> ItemOut:
    values = present(data)
    contributor: int | items.Keep | None = items.KEEP
    if "contributor" in values:
        now_named = await items.named_contributor(item_id)
        contributor = await items.contributor_by_id(values.pop("contributor"), now_named)
    await items.update_item(current(request), item_id, values, contributor)
    return await _item(request, item_id)


@patch(
    "/api/library/{item_id:int}/retired",
    guards=[organiser_only],
    tags=TAGS,
    summary="Retire an item (members no longer see it) or republish it (organisers)",
)
async def retire_api(request: Request, item_id: PathId, data: JSONBody[RetiredChange]) -> ItemOut:
    await items.set_retired(current(request), item_id, data.retired)
    return await _item(request, item_id)


@post(
    "/api/library/{item_id:int}/file",
    guards=[organiser_only],
    tags=TAGS,
    summary="Attach a file, replacing the item's file: multipart/form-data with one file in the "
    "field `file` (PDF, DOCX, XLSX, PNG or JPEG; the type is read from the content)",
    request_max_body_size=UPLOAD_BODY_BYTES,
)
async def upload_api(request: Request, item_id: PathId) -> ItemOut:
    viewer = current(request)
    await items.load_item(viewer, item_id)
    checked, _ = await read_upload(request)
    await items.attach_file(viewer, item_id, checked)
    return await _item(request, item_id)


@delete(
    "/api/library/{item_id:int}/file",
    guards=[organiser_only],
    tags=TAGS,
    summary="Remove an item's file (organisers)",
)
async def remove_file_api(request: Request, item_id: PathId) -> None:
    await items.remove_file(current(request), item_id)


ROUTES = [
    search_api,
    for_you_api,
    item_api,
    file_api,
    create_api,
    update_api,
    retire_api,
    upload_api,
    remove_file_api,
]
