"""Organisers compose a mailing: its subject and introduction, its articles and their order.

Organisers work as one team: every organiser sees and edits every draft. Only a draft changes;
once a mailing is queued its recipients and their mails are fixed (`mailings.outbox`), so what
was composed must stay what is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from kring.choices import Role
from kring.clock import utc_now
from kring.database import write_transaction
from kring.errors import Conflict, DomainError, Forbidden, NotFound
from kring.member_lock import writer_locked
from kring.messages import N_, Term
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched, without_untouched
from kring.validation import (
    Checks,
    FieldError,
    normalise_tags,
    normalise_website,
    require_line,
    require_text,
    shows_something,
)
from mailings.choices import MailingState
from mailings.tables import Article, Mailing

MAILING_FIELDS = ("name", "subject_nl", "subject_en", "intro_nl", "intro_en")
ARTICLE_FIELDS = ("title_nl", "title_en", "text_nl", "text_en", "link", "tags")
MAX_TEXT = 20_000
"""The longest introduction or article text: a mailing is read in one sitting."""
MAX_ARTICLES = 50
REPEAT_WINDOW = timedelta(seconds=10)
"""The same new draft again within this time is a repeated submit, not a new draft."""
OTHER_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)
"""`javascript:`, `mailto:`, `ftp://`…; not `example.be:8080` (a host with a port)."""

MAILING_COLUMNS = (
    Mailing.id,
    *(Mailing._meta.get_column_by_name(name) for name in MAILING_FIELDS),
    Mailing.state,
    Mailing.created_at,
    Mailing.updated_at,
    Mailing.queued_at,
    Mailing.sent_at,
)
ARTICLE_COLUMNS = (
    Article.id,
    Article.mailing,
    Article.position,
    *(Article._meta.get_column_by_name(name) for name in ARTICLE_FIELDS),
)


class NotADraft(Conflict):
    """What is queued, being sent, sent or cancelled keeps what it was composed as."""


class TooManyArticles(Conflict):
    """A mailing is read in one sitting; more articles belong in the next one."""


def _require_organiser(viewer: Principal) -> None:
    if not viewer.has_role(Role.organiser):
        raise Forbidden(N_("only organisers may do this"))


def _known(data: Mapping[str, Any], fields: Iterable[str]) -> None:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise FieldError(unknown[0], N_("is not a field of this form"))


def clean_mailing(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validated values of the mailing's fields present in `data`; every refused field is
    reported at once (`Checks`)."""
    _known(data, MAILING_FIELDS)
    clean: dict[str, Any] = {}
    checks = Checks()
    if "name" in data:
        with checks:
            clean["name"] = require_line(str(data["name"] or ""), "name", 200)
    for language in ("nl", "en"):
        if f"subject_{language}" in data:
            field = f"subject_{language}"
            with checks:
                clean[field] = shown_or_empty(
                    require_line(str(data[field] or ""), field, 200, required=False)
                )
        if f"intro_{language}" in data:
            field = f"intro_{language}"
            with checks:
                text = str(data[field] or "")
                clean[field] = shown_or_empty(require_text(text, field, MAX_TEXT, required=False))
    checks.done()
    return clean


def shown_or_empty(text: str) -> str:
    """An optional field of only characters that show nothing (a zero-width space, a byte
    order mark, a Hangul filler) is as empty as one of spaces: a subject of them counted as
    typed, and its readers got a subject that looks empty instead of the other language's."""
    return text if shows_something(text) else ""


def clean_link(raw: str) -> str:
    """An article's link: a web address (http or https; `example.be/x` gets https)."""
    text = raw.strip()
    if len(text) > 500:
        raise FieldError(
            "link",
            N_("is %(length)s characters long; at most %(limit)s allowed"),
            length=len(text),
            limit=500,
        )
    if any(char.isspace() for char in text):
        raise FieldError("link", N_("a web address has no spaces"))
    scheme = OTHER_SCHEME.match(text)
    if scheme and scheme[1].lower() not in ("http", "https"):
        raise FieldError("link", N_("a link starts with https:// or http://"))
    try:
        return normalise_website(text, "link")
    except FieldError:
        raise
    except ValueError:  # urlsplit refuses some addresses outright ("http://[::1")
        raise FieldError("link", N_("%(value)r is not a web address"), value=raw[:100]) from None


def clean_article(data: Mapping[str, Any], current: Mapping[str, Any] | None = None) -> dict:
    """Validated values of the article's fields present in `data`; with `current`, the
    article as it will be must still have a title in at least one language. Every refused
    field is reported at once (`Checks`)."""
    _known(data, ARTICLE_FIELDS)
    clean: dict[str, Any] = {}
    checks = Checks()
    for language in ("nl", "en"):
        if f"title_{language}" in data:
            field = f"title_{language}"
            with checks:
                clean[field] = shown_or_empty(
                    require_line(str(data[field] or ""), field, 200, required=False)
                )
        if f"text_{language}" in data:
            field = f"text_{language}"
            with checks:
                text = str(data[field] or "")
                clean[field] = shown_or_empty(require_text(text, field, MAX_TEXT, required=False))
    if "link" in data:
        with checks:
            clean["link"] = clean_link(str(data["link"] or ""))
    if "tags" in data:
        raw = data["tags"]
        tags = raw.split(",") if isinstance(raw, str) else list(raw or [])
        with checks:
            clean["tags"] = normalise_tags([str(tag) for tag in tags])
    merged = {**(current or {}), **clean}
    titled = merged.get("title_nl") or merged.get("title_en")
    if not titled and not (checks.refused("title_nl") or checks.refused("title_en")):
        checks.add(FieldError("title_nl", N_("give the article a title in Dutch or in English")))
    checks.done()
    return clean


async def list_mailings() -> list[dict[str, Any]]:
    """Every mailing, newest first, with how many articles it has."""
    rows = await Mailing.select(*MAILING_COLUMNS).order_by(Mailing.id, ascending=False)
    counts: dict[int, int] = {}
    for row in await Article.select(Article.mailing):
        counts[row["mailing"]] = counts.get(row["mailing"], 0) + 1
    return [{**row, "articles": counts.get(row["id"], 0)} for row in rows]


async def load_mailing(viewer: Principal, mailing_id: int) -> dict[str, Any]:
    _require_organiser(viewer)
    row = await Mailing.select(*MAILING_COLUMNS).where(Mailing.id == mailing_id).first()
    if row is None:
        raise NotFound(
            N_("mailing %(mailing_id)s not found"), field="mailing_id", mailing_id=mailing_id
        )
    return row


async def load_articles(mailing_id: int) -> list[dict[str, Any]]:
    """The articles in the order the mail shows them."""
    return await (
        Article.select(*ARTICLE_COLUMNS)
        .where(Article.mailing == mailing_id)
        .order_by(Article.position)
        .order_by(Article.id)
    )


async def load_article(viewer: Principal, mailing_id: int, article_id: int) -> dict[str, Any]:
    await load_mailing(viewer, mailing_id)
    row = (
        await Article.select(*ARTICLE_COLUMNS)
        .where((Article.id == article_id) & (Article.mailing == mailing_id))
        .first()
    )
    if row is None:
        raise NotFound(N_("article %(article_id)s not found"), article_id=article_id)
    return row


async def load_draft(viewer: Principal, mailing_id: int) -> dict[str, Any]:
    """The mailing when it may still change; NotADraft otherwise."""
    mailing = await load_mailing(viewer, mailing_id)
    if mailing["state"] != MailingState.draft:
        raise NotADraft(
            N_("this mailing is %(state)s: only a draft can be changed"),
            state=Term(mailing["state"]),
        )
    return mailing


async def _touch(mailing_id: int) -> None:
    await Mailing.update({Mailing.updated_at: utc_now()}).where(Mailing.id == mailing_id)


async def create_mailing(viewer: Principal, data: Mapping[str, Any]) -> int:
    """A new draft; the same one again within `REPEAT_WINDOW` (a double click, a resent form)
    makes nothing and answers the first one's id."""
    _require_organiser(viewer)
    values = clean_mailing({"name": "", **data})
    async with writer_locked(viewer):
        same = await _made_just_now(viewer, values)
        if same is not None:
            return same
        now = utc_now()
        row = Mailing(
            **values,
            state=MailingState.draft,
            audience={},
            created_by=viewer.account_id,
            created_at=now,
            updated_at=now,
        )
        await row.save()
    return row.id


async def _made_just_now(viewer: Principal, values: Mapping[str, Any]) -> int | None:
    """A draft with these values that this organiser made within `REPEAT_WINDOW`."""
    where = (
        (Mailing.created_by == viewer.account_id)
        & (Mailing.created_at >= utc_now() - REPEAT_WINDOW)
        & (Mailing.state == MailingState.draft)
    )
    for name, value in values.items():
        where &= Mailing._meta.get_column_by_name(name) == value
    row = await Mailing.select(Mailing.id).where(where).order_by(Mailing.id).first()
    return row["id"] if row else None


def seen_fields(row: Mapping[str, Any], fields: tuple[str, ...]) -> str:
    """A mailing or an article as its form shows it, for the form's hidden `_seen` field: a
    save then writes only what its organiser changed (`update_mailing`, `update_article`,
    `kring.seen`)."""
    return snapshot({field: row.get(field) for field in fields})


async def update_mailing(
    viewer: Principal, mailing_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """Changes the fields present in `data` of a draft. With `seen` (the form's `_seen`), the
    fields sent back as the form showed them are left as they are now: another organiser may
    have changed them meanwhile; one changed by both is refused (`kring.seen.EditedMeanwhile`)."""
    clean = clean_mailing(data)
    values = without_untouched(clean, seen, await load_draft(viewer, mailing_id))
    if values:
        columns = {Mailing._meta.get_column_by_name(k): v for k, v in values.items()}
        await Mailing.update(columns).where(
            (Mailing.id == mailing_id) & (Mailing.state == MailingState.draft)
        )


async def copy_mailing(viewer: Principal, mailing_id: int, name: str) -> int:
    """A new draft named `name` with the mailing's subjects, introductions, audience and
    articles, whatever its state: a cancelled mailing goes out again, last month's newsletter
    starts this month's. Nothing of its sending is copied."""
    _require_organiser(viewer)
    source = await Mailing.select().where(Mailing.id == mailing_id).first()
    if source is None:
        raise NotFound(
            N_("mailing %(mailing_id)s not found"), field="mailing_id", mailing_id=mailing_id
        )
    articles = (
        await Article.select().where(Article.mailing == mailing_id).order_by(Article.position)
    )
    values = {
        "name": name.strip()[:200],
        **{field: source[field] for field in MAILING_FIELDS if field != "name"},
    }
    async with writer_locked(viewer):
        same = await _made_just_now(viewer, values)
        if same is not None:
            return same
        return await _save_copy(viewer, source, values, articles)


async def _save_copy(
    viewer: Principal,
    source: Mapping[str, Any],
    values: Mapping[str, Any],
    articles: Iterable[Mapping[str, Any]],
) -> int:
    now = utc_now()
    async with write_transaction():
        row = Mailing(
            **values,
            state=MailingState.draft,
            audience_kind=source["audience_kind"],
            audience=source["audience"],
            created_by=viewer.account_id,
            created_at=now,
            updated_at=now,
        )
        await row.save()
        for position, article in enumerate(articles, start=1):
            copied = {field: article[field] for field in ARTICLE_FIELDS}
            await Article(mailing=row.id, position=position, **copied).save()
    return row.id


async def delete_mailing(viewer: Principal, mailing_id: int) -> None:
    """A draft goes with its articles; what was queued or sent stays on record."""
    await load_draft(viewer, mailing_id)
    await Mailing.delete().where((Mailing.id == mailing_id) & (Mailing.state == MailingState.draft))


async def add_article(viewer: Principal, mailing_id: int, data: Mapping[str, Any]) -> int:
    """A new article comes last; the same article again as the last one within
    `REPEAT_WINDOW` (a double click, a resent form) adds nothing and answers its id."""
    values = clean_article(data)
    async with writer_locked(viewer):
        mailing = await load_draft(viewer, mailing_id)
        same = await _last_article_if_same(mailing, values)
        if same is not None:
            return same
        positions = [
            row["position"]
            for row in await Article.select(Article.position).where(Article.mailing == mailing_id)
        ]
        if len(positions) >= MAX_ARTICLES:
            raise TooManyArticles(
                N_("a mailing has at most %(limit)s articles"), limit=MAX_ARTICLES
            )
        row = Article(
            mailing=mailing_id,
            position=max(positions, default=0) + 1,
            **{"tags": [], **values},
        )
        await row.save()
        await _touch(mailing_id)
    return row.id


async def _last_article_if_same(
    mailing: Mapping[str, Any], values: Mapping[str, Any]
) -> int | None:
    if mailing["updated_at"] < utc_now() - REPEAT_WINDOW:
        return None
    last = (
        await Article.select(*ARTICLE_COLUMNS)
        .where(Article.mailing == mailing["id"])
        .order_by(Article.position, ascending=False)
        .first()
    )
    same = last is not None and all(
        last[field] == values.get(field, [] if field == "tags" else "") for field in ARTICLE_FIELDS
    )
    return last["id"] if same else None


async def update_article(
    viewer: Principal,
    mailing_id: int,
    article_id: int,
    data: Mapping[str, Any],
    seen: str | None = None,
) -> None:
    """With `seen` (the form's `_seen`), the fields sent back as the form showed them are left
    as they are now, and the rest is checked with them (the title in one language)."""
    await load_draft(viewer, mailing_id)
    current = await load_article(viewer, mailing_id, article_id)
    values = clean_article(data, current)
    check_meanwhile(values, seen, current)
    same = untouched(values, seen)
    if same:
        values = clean_article({k: v for k, v in data.items() if k not in same}, current)
    if values:
        columns = {Article._meta.get_column_by_name(k): v for k, v in values.items()}
        await Article.update(columns).where(Article.id == article_id)
        await _touch(mailing_id)


async def delete_article(viewer: Principal, mailing_id: int, article_id: int) -> None:
    await load_draft(viewer, mailing_id)
    await load_article(viewer, mailing_id, article_id)
    await Article.delete().where(Article.id == article_id)
    await _touch(mailing_id)


async def move_article(viewer: Principal, mailing_id: int, article_id: int, up: bool) -> bool:
    """Swaps the article with the one before (`up`) or after it; False when it is already
    first or last."""
    async with write_transaction():
        await load_draft(viewer, mailing_id)
        await load_article(viewer, mailing_id, article_id)
        order = [row["id"] for row in await load_articles(mailing_id)]
        index = order.index(article_id)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(order):
            return False
        order[index], order[other] = order[other], order[index]
        # Positions are renumbered 1..n: gaps left by deleted articles disappear too.
        for position, row_id in enumerate(order, start=1):
            await Article.update({Article.position: position}).where(Article.id == row_id)
        await _touch(mailing_id)
    return True


def problems_before_sending(
    mailing: Mapping[str, Any], articles: list[Mapping[str, Any]]
) -> list[str]:
    """What keeps a draft from going to the audience step (message ids, empty when ready)."""
    problems = []
    if mailing["state"] != MailingState.draft:
        problems.append(N_("only a draft can be sent"))
    if not (mailing.get("subject_nl") or mailing.get("subject_en")):
        problems.append(N_("give the mailing a subject in Dutch or in English"))
    if not articles:
        problems.append(N_("add at least one article"))
    return problems


class NotReady(DomainError):
    status_code = 409


async def require_ready(viewer: Principal, mailing_id: int) -> dict[str, Any]:
    """The draft when it may go to the audience step; NotReady naming the first thing missing.
    (`mailings.send_pages` asks this before showing the audience.)"""
    mailing = await load_mailing(viewer, mailing_id)
    problems = problems_before_sending(mailing, await load_articles(mailing_id))
    if problems:
        raise NotReady(problems[0])
    return mailing
