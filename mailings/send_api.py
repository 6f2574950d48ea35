"""/api/mailings: a mailing's audience (count and sample), queueing, sending what is due,
progress, cancelling, and the "interested in" list; organisers only, with the same rules as
the pages (`mailings.audience`, `mailings.outbox`, `mailings.sending`, `mailings.interests`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from litestar import Request, get, post, put
from litestar.params import JSONBody, QueryParameter
from msgspec import Meta, Struct

from kring.choices import Role
from kring.errors import Conflict
from kring.principal import Principal
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.params import MAX_ID, PathId, QueryId
from mailings import interests, outbox
from mailings.audience import (
    audience_summary,
    check_exists,
    check_may_choose,
    parse_audience,
    stored_audience,
)
from mailings.choices import AudienceKind, MailingState
from mailings.sending import send_due
from mailings.tables import Mailing

TAGS = ["mailings"]
organisers = requires(Role.organiser)
Id = Annotated[int, Meta(ge=1, le=MAX_ID)]
Tag = Annotated[str, Meta(max_length=40)]


class AudienceIn(Struct, forbid_unknown_fields=True):
    kind: AudienceKind
    event: Id | None = None
    organisations: Annotated[list[Id], Meta(max_length=200)] = []
    tags: Annotated[list[Tag], Meta(max_length=20)] = []


class PersonOut(Struct):
    first_name: str
    last_name: str
    organisation: str | None


class AudienceOut(Struct):
    kind: AudienceKind
    event: int | None
    organisations: list[int]
    tags: list[str]
    count: int
    """How many it reaches now (only people who allow mailings and may be mailed)."""
    sample: list[PersonOut]
    """Up to ten of them, never anyone who opted out of listings or hid themselves from the
    event's participant list (they are still counted and mailed)."""
    names_withheld: bool
    """True when the sample names nobody because you may not see the event's participants."""


class ProgressOut(Struct):
    mailing: int
    state: MailingState
    total: int
    waiting: int
    sent: int
    failed: int
    skipped: int
    problems: dict[str, int]
    """Why mails have not gone, by reason (no_agreement, relay, opted_out, …), with counts."""
    queued_at: datetime | None
    sent_at: datetime | None


class InterestOut(Struct):
    member_id: int
    first_name: str
    last_name: str
    organisation: str | None
    article_id: int
    title_nl: str
    title_en: str
    tags: list[str]
    mailing_id: int
    mailing_name: str
    clicked_on: date


async def _audience(mailing: dict, viewer: Principal) -> AudienceOut:
    spec = stored_audience(mailing)
    await check_exists(spec)
    summary = await audience_summary(spec, viewer)
    return AudienceOut(
        kind=spec.kind,
        event=spec.event,
        organisations=list(spec.organisations),
        tags=list(spec.tags),
        count=summary["count"],
        sample=[
            PersonOut(p["first_name"], p["last_name"], p["organisation"]) for p in summary["sample"]
        ],
        names_withheld=summary["names_withheld"],
    )


async def _progress(mailing_id: int) -> ProgressOut:
    found = await outbox.progress(mailing_id)
    return ProgressOut(**{field: found[field] for field in ProgressOut.__struct_fields__})


@get(
    "/api/mailings/{mailing_id:int}/audience",
    guards=[organisers],
    tags=TAGS,
    summary="A mailing's audience: how many it reaches now and a sample of ten names",
)
async def audience_api(request: Request, mailing_id: PathId) -> AudienceOut:
    return await _audience(await outbox.load_mailing(mailing_id), current(request))


@put(
    "/api/mailings/{mailing_id:int}/audience",
    guards=[organisers],
    tags=TAGS,
    summary="Choose a draft's audience; answers the count and a sample",
)
async def set_audience_api(
    request: Request, mailing_id: PathId, data: JSONBody[AudienceIn]
) -> AudienceOut:
    mailing = await outbox.load_mailing(mailing_id)
    if mailing["state"] != MailingState.draft:
        raise Conflict(N_("the audience of a queued mailing is fixed"), field="kind")
    params = {"event": data.event, "organisations": data.organisations, "tags": data.tags}
    spec = parse_audience(data.kind, params)
    await check_exists(spec)
    await check_may_choose(current(request), spec)
    changed = (
        await Mailing.update({Mailing.audience_kind: spec.kind, Mailing.audience: spec.as_json()})
        .where((Mailing.id == mailing_id) & (Mailing.state == MailingState.draft))
        .returning(Mailing.id)
    )
    if not changed:
        raise Conflict(N_("the audience of a queued mailing is fixed"), field="kind")
    return await _audience(await outbox.load_mailing(mailing_id), current(request))


@post(
    "/api/mailings/{mailing_id:int}/queue",
    guards=[organisers],
    tags=TAGS,
    summary="Queue a draft: its recipients and their languages are fixed; the worker sends. "
    "With expected_count (the count the audience answered), 409 and nothing queued when the "
    "audience now reaches another number",
    status_code=202,
)
async def queue_api(
    mailing_id: PathId,
    expected_count: Annotated[int | None, QueryParameter(ge=0, le=MAX_ID)] = None,
) -> ProgressOut:
    await outbox.queue_mailing(mailing_id, expected_count)
    return await _progress(mailing_id)


@post(
    "/api/mailings/{mailing_id:int}/send",
    guards=[organisers],
    tags=TAGS,
    summary="Send what of a queued mailing is due now, within the rate limit; answers progress",
    status_code=200,
)
async def send_api(mailing_id: PathId) -> ProgressOut:
    mailing = await outbox.load_mailing(mailing_id)
    if mailing["state"] == MailingState.draft:
        raise Conflict(N_("queue the mailing first"), field="state")
    await send_due(mailing_id)
    return await _progress(mailing_id)


@get(
    "/api/mailings/{mailing_id:int}/progress",
    guards=[organisers],
    tags=TAGS,
    summary="How far a mailing is: sent, waiting, failed, left out, and why",
)
async def progress_api(mailing_id: PathId) -> ProgressOut:
    return await _progress(mailing_id)


@post(
    "/api/mailings/{mailing_id:int}/cancel",
    guards=[organisers],
    tags=TAGS,
    summary="Stop a draft or a mailing going out; what was sent stays sent",
    status_code=200,
)
async def cancel_api(mailing_id: PathId) -> ProgressOut:
    await outbox.cancel_mailing(mailing_id)
    return await _progress(mailing_id)


@get(
    "/api/mailings/interests",
    guards=[organisers],
    tags=TAGS,
    summary="Who showed interest in which article (only members who consent), newest first",
)
async def interests_api(
    tag: Annotated[str, QueryParameter(max_length=40)] = "",
    article: QueryId = None,
    mailing: QueryId = None,
) -> list[InterestOut]:
    wanted = interests.parse_filter(tag, article, mailing)
    rows = await interests.interest_list(wanted)
    return [
        InterestOut(
            member_id=r["member_id"],
            first_name=r["first_name"],
            last_name=r["last_name"],
            organisation=r["organisation"],
            article_id=r["article_id"],
            title_nl=r["title_nl"],
            title_en=r["title_en"],
            tags=list(r["tags"] or []),
            mailing_id=r["mailing_id"],
            mailing_name=r["mailing_name"],
            clicked_on=r["clicked_on"],
        )
        for r in rows
    ]


ROUTES = [
    audience_api,
    set_audience_api,
    queue_api,
    send_api,
    progress_api,
    cancel_api,
    interests_api,
]
