"""/api/mailings: organisers compose mailings and their articles, and read them rendered, with
the same rules as the pages (`mailings.compose`): only a draft changes. Audience and sending
are in `mailings.send_api`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from litestar import Request, delete, get, patch, post
from litestar.params import FromQuery, JSONBody
from msgspec import UNSET, Meta, Struct, UnsetType

from kring.api.schemas import Tags, present
from kring.choices import Role
from kring.web.auth import current, requires
from kring.web.params import PathId
from mailings import compose, proofs
from mailings.choices import MailingState

TAGS = ["mailings"]
organisers = requires(Role.organiser)

Name = Annotated[str, Meta(min_length=1, max_length=200)]
Line = Annotated[str, Meta(max_length=200)]
LongText = Annotated[str, Meta(max_length=compose.MAX_TEXT)]
Link = Annotated[str, Meta(max_length=500)]
Language = Literal["nl", "en"]


class MailingOut(Struct):
    id: int
    name: str
    subject_nl: str
    subject_en: str
    intro_nl: str
    intro_en: str
    state: MailingState
    created_at: datetime
    updated_at: datetime
    queued_at: datetime | None
    sent_at: datetime | None
    problems: list[str]
    """What keeps a draft from the audience step (empty when ready)."""


class MailingSummary(Struct):
    id: int
    name: str
    subject_nl: str
    subject_en: str
    state: MailingState
    articles: int
    updated_at: datetime
    sent_at: datetime | None


class MailingCreate(Struct, forbid_unknown_fields=True):
    name: Name
    subject_nl: Line = ""
    subject_en: Line = ""
    intro_nl: LongText = ""
    intro_en: LongText = ""


class MailingUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    subject_nl: Line | UnsetType = UNSET
    subject_en: Line | UnsetType = UNSET
    intro_nl: LongText | UnsetType = UNSET
    intro_en: LongText | UnsetType = UNSET


class ArticleOut(Struct):
    id: int
    position: int
    title_nl: str
    title_en: str
    text_nl: str
    text_en: str
    link: str
    tags: list[str]


class ArticleCreate(Struct, forbid_unknown_fields=True):
    title_nl: Line = ""
    title_en: Line = ""
    text_nl: LongText = ""
    text_en: LongText = ""
    link: Link = ""
    tags: Tags = []


class ArticleUpdate(Struct, forbid_unknown_fields=True):
    title_nl: Line | UnsetType = UNSET
    title_en: Line | UnsetType = UNSET
    text_nl: LongText | UnsetType = UNSET
    text_en: LongText | UnsetType = UNSET
    link: Link | UnsetType = UNSET
    tags: Tags | UnsetType = UNSET


class ArticleMove(Struct, forbid_unknown_fields=True):
    direction: Literal["up", "down"]


class RenderedOut(Struct):
    language: Language
    subject: str
    text: str
    html: str


async def _mailing(request: Request, mailing_id: int) -> MailingOut:
    mailing = await compose.load_mailing(current(request), mailing_id)
    problems = compose.problems_before_sending(mailing, await compose.load_articles(mailing_id))
    return msgspec.convert({**mailing, "problems": problems}, MailingOut, strict=False)


def _article(row: dict) -> ArticleOut:
    return msgspec.convert({**row, "tags": row["tags"] or []}, ArticleOut, strict=False)


@get("/api/mailings", guards=[organisers], tags=TAGS, summary="Every mailing, newest first")
async def list_mailings_api() -> list[MailingSummary]:
    rows = await compose.list_mailings()
    return [msgspec.convert(row, MailingSummary, strict=False) for row in rows]


@post("/api/mailings", guards=[organisers], tags=TAGS, summary="Start a mailing (a draft)")
async def create_mailing_api(request: Request, data: JSONBody[MailingCreate]) -> MailingOut:
    mailing_id = await compose.create_mailing(current(request), present(data))
    return await _mailing(request, mailing_id)


@get("/api/mailings/{mailing_id:int}", guards=[organisers], tags=TAGS, summary="One mailing")
async def get_mailing_api(request: Request, mailing_id: PathId) -> MailingOut:
    return await _mailing(request, mailing_id)


@patch(
    "/api/mailings/{mailing_id:int}",
    guards=[organisers],
    tags=TAGS,
    summary="Change a draft's name, subjects or introductions (409 when it is not a draft)",
)
async def update_mailing_api(
    request: Request, mailing_id: PathId, data: JSONBody[MailingUpdate]
) -> MailingOut:
    await compose.update_mailing(current(request), mailing_id, present(data))
    return await _mailing(request, mailing_id)


@delete(
    "/api/mailings/{mailing_id:int}",
    guards=[organisers],
    tags=TAGS,
    summary="Delete a draft with its articles (409 when it is not a draft)",
)
async def delete_mailing_api(request: Request, mailing_id: PathId) -> None:
    await compose.delete_mailing(current(request), mailing_id)


@get(
    "/api/mailings/{mailing_id:int}/articles",
    guards=[organisers],
    tags=TAGS,
    summary="A mailing's articles, in the order the mail shows them",
)
async def list_articles_api(request: Request, mailing_id: PathId) -> list[ArticleOut]:
    await compose.load_mailing(current(request), mailing_id)
    return [_article(row) for row in await compose.load_articles(mailing_id)]


@post(
    "/api/mailings/{mailing_id:int}/articles",
    guards=[organisers],
    tags=TAGS,
    summary="Add an article at the end of a draft (a title in at least one language)",
)
async def create_article_api(
    request: Request, mailing_id: PathId, data: JSONBody[ArticleCreate]
) -> ArticleOut:
    viewer = current(request)
    article_id = await compose.add_article(viewer, mailing_id, present(data))
    return _article(await compose.load_article(viewer, mailing_id, article_id))


@patch(
    "/api/mailings/{mailing_id:int}/articles/{article_id:int}",
    guards=[organisers],
    tags=TAGS,
    summary="Change an article of a draft",
)
async def update_article_api(
    request: Request, mailing_id: PathId, article_id: PathId, data: JSONBody[ArticleUpdate]
) -> ArticleOut:
    viewer = current(request)
    await compose.update_article(viewer, mailing_id, article_id, present(data))
    return _article(await compose.load_article(viewer, mailing_id, article_id))


@post(
    "/api/mailings/{mailing_id:int}/articles/{article_id:int}/move",
    guards=[organisers],
    tags=TAGS,
    summary="Move an article one place up or down; answers the new order",
    status_code=200,
)
async def move_article_api(
    request: Request, mailing_id: PathId, article_id: PathId, data: JSONBody[ArticleMove]
) -> list[ArticleOut]:
    await compose.move_article(current(request), mailing_id, article_id, data.direction == "up")
    return [_article(row) for row in await compose.load_articles(mailing_id)]


@delete(
    "/api/mailings/{mailing_id:int}/articles/{article_id:int}",
    guards=[organisers],
    tags=TAGS,
    summary="Delete an article of a draft",
)
async def delete_article_api(request: Request, mailing_id: PathId, article_id: PathId) -> None:
    await compose.delete_article(current(request), mailing_id, article_id)


@get(
    "/api/mailings/{mailing_id:int}/render",
    guards=[organisers],
    tags=TAGS,
    summary="The mail as a reader of that language gets it: subject, text and HTML parts",
)
async def render_mailing_api(
    request: Request,
    mailing_id: PathId,
    language: FromQuery[Language] = "nl",
) -> RenderedOut:
    rendered = await proofs.preview(current(request), mailing_id, language)
    return RenderedOut(language, rendered.subject, rendered.text, rendered.html)


ROUTES = [
    list_mailings_api,
    create_mailing_api,
    get_mailing_api,
    update_mailing_api,
    delete_mailing_api,
    list_articles_api,
    create_article_api,
    update_article_api,
    move_article_api,
    delete_article_api,
    render_mailing_api,
]
