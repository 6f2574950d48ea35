"""Who to meet at an event: registered peers whose expertise fits a member's open challenges.

Candidates are only the people on the shareable participant list, only on events whose list the
organiser shows to participants (or everyone), and the matching engine's
own eligibility rules apply, loaded by the same code as for proposals (never colleagues,
opted-out, paused or erased members, blocked pairs or pairs within the cooldown).
"""

from __future__ import annotations

from dataclasses import dataclass

from events.choices import LISTABLE
from events.participants import Participant, shareable_participants, shown_to_participants
from events.tables import Registration
from kring.choices import MemberStatus, RecordStatus
from kring.clock import today
from kring.tables import Challenge, Member
from matching import Challenge as OpenChallenge
from matching import Engine
from matching.eligibility import excluded_members
from matching.store import load_expertise, load_facts

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
    engine = Engine(expertise)
    facts = await load_facts(today(), [member_id, *[int(k) for k in people]])
    best: dict[str, Suggestion] = {}
    for challenge in challenges:
        open_challenge = OpenChallenge(
            challenge_id=str(challenge["id"]),
            owner_id=str(member_id),
            text=f"{challenge['title']}\n{challenge['body']}",
            tags=tuple(challenge["tags"] or ()),
            language=challenge["language"],
        )
        excluded = excluded_members(open_challenge, facts)
        for score in engine.top_k(
            open_challenge.text,
            open_challenge.tags,
            k=MAX_SUGGESTIONS,
            language=open_challenge.language,
            exclude=excluded,
        ):
            if score.member_id not in people or score.member_id in excluded:
                continue
            known = best.get(score.member_id)
            if known is None or score.score > known.score:
                best[score.member_id] = Suggestion(
                    people[score.member_id], challenge["title"], score.score
                )
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.participant.last_name))
    return ranked[:MAX_SUGGESTIONS]
