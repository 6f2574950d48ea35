"""The organisers' "interested in" list: who followed which article's link, for follow-up
(offering related initiatives). It holds only the signals of members who consented to them
(`mailings.clicks`); a restricted member is left out (GDPR art. 18), an erased one has no
signals left, and withdrawing the consent deleted them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.choices import MemberStatus
from kring.validation import normalise_tags
from mailings.audience import TAG_THRESHOLD
from mailings.delivery_tables import InterestClick, MailingRecipient, RecipientState
from mailings.tables import Article, Mailing
from matching.tags import tag_similarity
from privacy.restriction import restricted_members

SHOWN = 500


@dataclass(frozen=True)
class InterestFilter:
    tag: str = ""
    article: int | None = None
    mailing: int | None = None


def parse_filter(tag: str | None, article: int | None, mailing: int | None) -> InterestFilter:
    """The list's filters from a query or a request (ids are checked by the route)."""
    tags = normalise_tags([tag or ""], "tag", 1)
    return InterestFilter(tags[0] if tags else "", article, mailing)


async def _articles_with_tag(tag: str) -> list[int]:
    rows = await Article.select(Article.id, Article.tags)
    return [
        row["id"]
        for row in rows
        if any(tag_similarity(tag, own) >= TAG_THRESHOLD for own in row["tags"] or ())
    ]


async def interest_list(wanted: InterestFilter, limit: int = SHOWN) -> list[dict[str, Any]]:
    """The signals matching the filter, newest first: member, organisation, article, mailing."""
    where = (InterestClick.member.status == MemberStatus.active) & InterestClick.member.not_in(
        restricted_members()
    )
    if wanted.article is not None:
        where &= InterestClick.article == wanted.article
    if wanted.mailing is not None:
        where &= InterestClick.mailing == wanted.mailing
    if wanted.tag:
        where &= InterestClick.article.is_in(await _articles_with_tag(wanted.tag) or [0])
    return (
        await InterestClick.select(
            InterestClick.member.as_alias("member_id"),
            InterestClick.member.first_name.as_alias("first_name"),
            InterestClick.member.last_name.as_alias("last_name"),
            InterestClick.member.organisation.name.as_alias("organisation"),
            InterestClick.article.as_alias("article_id"),
            InterestClick.article.title_nl.as_alias("title_nl"),
            InterestClick.article.title_en.as_alias("title_en"),
            InterestClick.article.tags.as_alias("tags"),
            InterestClick.mailing.as_alias("mailing_id"),
            InterestClick.mailing.name.as_alias("mailing_name"),
            InterestClick.clicked_on,
        )
        .where(where)
        .order_by(InterestClick.clicked_on, ascending=False)
        .order_by(InterestClick.id, ascending=False)
        .limit(limit)
    )


async def filter_choices() -> dict[str, Any]:
    """The mailings and articles that have signals, for the list's filters."""
    mailings = await Mailing.select(Mailing.id, Mailing.name).where(
        Mailing.id.is_in(InterestClick.select(InterestClick.mailing))
    )
    articles = await Article.select(Article.id, Article.title_nl, Article.title_en).where(
        Article.id.is_in(InterestClick.select(InterestClick.article))
    )
    return {"mailings": mailings, "articles": articles}


async def member_interests(member_id: int) -> dict[str, Any]:
    """What mailings know of one member, for the staff's page of that member."""
    signals = (
        await InterestClick.select(
            InterestClick.article.title_nl.as_alias("title_nl"),
            InterestClick.article.title_en.as_alias("title_en"),
            InterestClick.mailing.name.as_alias("mailing_name"),
            InterestClick.clicked_on,
        )
        .where(InterestClick.member == member_id)
        .order_by(InterestClick.clicked_on, ascending=False)
        .limit(50)
    )
    received = await MailingRecipient.count().where(
        (MailingRecipient.member == member_id) & (MailingRecipient.state == RecipientState.sent)
    )
    return {"signals": signals, "received": received}
