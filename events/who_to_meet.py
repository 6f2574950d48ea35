"""Who to meet at an event: registered peers whose expertise fits a member's open challenges.

Candidates are only the people on the shareable participant list, only on events whose list the
organiser shows to participants (or everyone), and the matching engine's
own eligibility rules apply, loaded by the same code as for proposals (never colleagues,
opted-out, paused or erased members, blocked pairs or pairs within the cooldown).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from events.choices import LISTABLE
from events.participants import Participant, shareable_participants, shown_to_participants
from events.tables import Registration
from introductions.query_bank_store import load_query_bank
from introductions.service import primed_embeddings
from introductions.store import load_expertise, load_facts
from kring.choices import MemberStatus, RecordStatus
from kring.clock import today
from kring.tables import Challenge, Member
from matching import Challenge as OpenChallenge
from matching import Engine
from matching.eligibility import EligibilityFacts, excluded_members
from matching.records import ExpertiseRecord, MemberScore
from matching.semantic import Embeddings
from matching.semantic_scoring import QueryBank

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Suggestion:
    participant: Participant
    challenge: str
    score: float


async def suggestions(event_id: int, member_id: int) -> list[Suggestion]:
    """Up to five peers for a registered, active member who allows matching; else none."""
    me = (
        await Member.select(Member.status, Member.opt_out_sharing)
        .where(Member.id == member_id)
        .first()
    )
    if me is None or me["status"] != MemberStatus.active or me["opt_out_sharing"]:
        return []
    registered = await Registration.exists().where(
        (Registration.event == event_id)
        & (Registration.member == member_id)
        & Registration.status.is_in(list(LISTABLE))
    )
    if not registered or not await shown_to_participants(event_id):
        return []
    people = {
        str(p.member_id): p
        for p in await shareable_participants(event_id)
        if p.member_id is not None and p.member_id != member_id
    }
    if not people:
        return []
    challenges = await Challenge.select(
        Challenge.id, Challenge.title, Challenge.body, Challenge.tags, Challenge.language
    ).where((Challenge.member == member_id) & (Challenge.status == RecordStatus.open))
    if not challenges:
        return []
    expertise = await load_expertise([int(k) for k in people])
    if not expertise:
        return []
    member_ids = [member_id, *[int(k) for k in people]]
    facts = await load_facts(today(), member_ids)
    # The semantic scorer starts from these people's stored vectors (the re-match keeps them),
    # and scoring runs in a thread: a text not stored yet is encoded there, not on the loop.
    semantic = await primed_embeddings(member_ids)
    open_challenges = [
        OpenChallenge(
            challenge_id=str(challenge["id"]),
            owner_id=str(member_id),
            text=f"{challenge['title']}\n{challenge['body']}",
            tags=tuple(challenge["tags"] or ()),
            language=challenge["language"],
        )
        for challenge in challenges
    ]
    bank = await load_query_bank(semantic[0].version) if semantic else None
    scored = await asyncio.to_thread(
        _score, expertise, semantic[0] if semantic else None, bank, open_challenges, facts
    )
    best: dict[str, Suggestion] = {}
    for challenge, (excluded, scores) in zip(challenges, scored, strict=True):
        for score in scores:
            if score.member_id not in people or score.member_id in excluded:
                continue
            known = best.get(score.member_id)
            if known is None or score.score > known.score:
                best[score.member_id] = Suggestion(
                    people[score.member_id], challenge["title"], score.score
                )
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.participant.last_name))
    return ranked[:MAX_SUGGESTIONS]


def _score(
    expertise: list[ExpertiseRecord],
    embeddings: Embeddings | None,
    bank: QueryBank | None,
    challenges: list[OpenChallenge],
    facts: EligibilityFacts,
) -> list[tuple[frozenset[str], list[MemberScore]]]:
    """Each challenge with the people its rules exclude and the best-scoring others; the
    challenges centred on the last re-match's query bank, as its proposals were."""
    engine = Engine(expertise, embeddings=embeddings)
    engine.use_query_bank(bank)
    scored = []
    for challenge in challenges:
        excluded = frozenset(excluded_members(challenge, facts))
        scores = engine.top_k(
            challenge.text,
            challenge.tags,
            k=MAX_SUGGESTIONS,
            language=challenge.language,
            exclude=excluded,
        )
        scored.append((excluded, scores))
    return scored
