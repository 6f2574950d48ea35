""" "For you": the library items that fit a member's open challenges, ranked by the matching
engine, with the reason.

Items are treated as expertise records (each item its own "member" of the engine), so the
scorers that rank experts for a challenge rank items too: TF-IDF over stems and the tag
matching with its synonyms. At 100,000 items the engine never sees them all: the full-text
index first shortlists, per challenge, the items sharing any of its words or tags (best
first), and the engine, fitted on that shortlist, ranks them. The sentence-embedding scorer is
not used here: it would encode hundreds of texts on every page view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kring.choices import RecordStatus
from kring.principal import Principal
from kring.tables import Challenge
from library.search import plain_tags, shortlist
from library.tables import LibraryAttachment, LibraryItem
from matching import Engine, ExpertiseRecord

MAX_CHALLENGES = 5
SHORTLIST = 150
"""Candidates per challenge from the index; the engine ranks the union."""
MIN_SCORE = 0.05
"""Below this an item shares only a stray common word with the challenge."""


@dataclass(frozen=True)
class Suggestion:
    item: dict[str, Any]
    score: float
    challenge_id: int
    challenge_title: str
    terms: tuple[str, ...]
    """The words item and challenge share, as the item writes them."""
    tags: tuple[str, ...]
    """The item's tags that match the challenge's."""


@dataclass(frozen=True)
class ForYou:
    challenges: int
    """How many open challenges the member has (0: invite them to add one)."""
    suggestions: list[Suggestion]


async def open_challenges(member_id: int | None) -> list[dict[str, Any]]:
    if member_id is None:
        return []
    return (
        await Challenge.select(
            Challenge.id, Challenge.title, Challenge.body, Challenge.tags, Challenge.language
        )
        .where((Challenge.member == member_id) & (Challenge.status == RecordStatus.open))
        .order_by(Challenge.id, ascending=False)
        .limit(MAX_CHALLENGES)
    )


def _text(row: dict[str, Any]) -> str:
    return f"{row['title']}\n{row['body']}"


async def _candidates(ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = await LibraryItem.select(
        LibraryItem.id,
        LibraryItem.kind,
        LibraryItem.title,
        LibraryItem.summary,
        LibraryItem.body,
        LibraryItem.tags,
        LibraryItem.language,
        LibraryItem.link,
        LibraryItem.published_at,
    ).where(LibraryItem.id.is_in(ids) & LibraryItem.retired_at.is_null())
    files = await LibraryAttachment.select(LibraryAttachment.item).where(
        LibraryAttachment.item.is_in(ids)
    )
    with_file = {row["item"] for row in files}
    return [
        {**row, "tags": plain_tags(row["tags"]), "has_file": row["id"] in with_file} for row in rows
    ]


async def for_you(viewer: Principal, limit: int = 10) -> ForYou:
    challenges = await open_challenges(viewer.member_id)
    if not challenges:
        return ForYou(0, [])
    ids: dict[int, None] = {}
    for challenge in challenges:
        found = await shortlist(_text(challenge), plain_tags(challenge["tags"]), SHORTLIST)
        ids.update(dict.fromkeys(found))
    items = {row["id"]: row for row in await _candidates(list(ids))}
    if not items:
        return ForYou(len(challenges), [])
    engine = Engine(
        [
            ExpertiseRecord(
                record_id=str(item_id),
                member_id=str(item_id),
                text=f"{row['title']}\n{row['summary']}\n{row['body']}",
                tags=tuple(row["tags"]),
                language=row["language"],
            )
            for item_id, row in items.items()
        ],
        embeddings=None,
    )
    best: dict[str, tuple[float, dict[str, Any]]] = {}
    for challenge in challenges:
        tags = plain_tags(challenge["tags"])
        for scored in engine.top_k(_text(challenge), tags, limit, language=challenge["language"]):
            if scored.score >= MIN_SCORE and scored.score > best.get(scored.member_id, (0, {}))[0]:
                best[scored.member_id] = (scored.score, challenge)
    ranked = sorted(best.items(), key=lambda pair: (-pair[1][0], -int(pair[0])))[:limit]
    suggestions = []
    for item_key, (score, challenge) in ranked:
        why = engine.explain(
            _text(challenge),
            plain_tags(challenge["tags"]),
            item_key,
            language=challenge["language"],
        )
        suggestions.append(
            Suggestion(
                item=items[int(item_key)],
                score=round(score, 4),
                challenge_id=challenge["id"],
                challenge_title=challenge["title"],
                terms=tuple(t.term for t in why.terms),
                tags=tuple(dict.fromkeys(m.expert_tag for m in why.tags)),
            )
        )
    return ForYou(len(challenges), suggestions)
