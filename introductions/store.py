"""Reads the engine's inputs from the database: records, challenges and eligibility facts.

Every loader selects only the columns the engine needs, in one query per table, so a run
costs a fixed number of queries whatever the size of the network. Ids cross into the pure
engine as strings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from introductions.feedback import load_feedback_factors
from introductions.tables import (
    ASKED_AGAIN,
    COOLDOWN_STATES,
    OPEN_STATES,
    Block,
    Introduction,
    IntroductionState,
    MatchingPreference,
    MatchingRun,
)
from kring.choices import MemberStatus, RecordStatus
from kring.database import fetch, placeholders, together
from kring.tables import Challenge, Expertise, Member
from matching.assignment import Introduction as EngineIntroduction
from matching.eligibility import DEFAULT_COOLDOWN_DAYS, EligibilityFacts, MemberFacts
from matching.eligibility import OrganisationFacts as EngineOrganisation
from matching.records import Challenge as EngineChallenge
from matching.records import ExpertiseRecord

ENGINE_STATUS = {
    IntroductionState.requested: "pending",
    IntroductionState.accepted: "accepted",
    IntroductionState.declined: "declined",
    IntroductionState.completed: "completed",
    IntroductionState.expired: "cancelled",
    IntroductionState.withdrawn: "cancelled",
    IntroductionState.proposed: "pending",
}
"""How the engine names our states; a proposed row of another challenge holds capacity."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything one run needs, read at one moment."""

    records: list[ExpertiseRecord]
    challenges: list[EngineChallenge]
    facts: EligibilityFacts
    introductions: list[EngineIntroduction]
    capacity: dict[str, int]
    feedback: dict[str, float] = field(default_factory=dict)
    """Each expert's bounded score factor from feedback (see matching.feedback_weight)."""
    questions: list[tuple[str, str]] = field(default_factory=list)
    """(owner id, text) of every open challenge of the network, also in a run of one: the
    query bank the challenges are centred on (``Engine.fit_query_bank``)."""


def email_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower() or None


def _engine_challenge(row: dict[str, Any]) -> EngineChallenge:
    """A row as the engine sees it; a run's rows say whether the owner opted out of sharing
    their name (``owner_opted_out``): such a challenge counts as closed for matching."""
    return EngineChallenge(
        challenge_id=str(row["id"]),
        owner_id=str(row["member"]),
        text=f"{row['title']}\n{row['body']}",
        tags=tuple(row["tags"] or ()),
        is_open=row["status"] == RecordStatus.open and not row.get("owner_opted_out"),
        language=row["language"],
    )


def owner_may_ask(challenge: EngineChallenge, facts: EligibilityFacts) -> bool:
    """Whether the challenge's owner may ask for an introduction at all: an owner who opted
    out of sharing their name may not (nobody could accept), so their challenges get no
    proposals. The engine's rules already cover an erased or restricted owner; a paused one
    only stops receiving requests and still asks."""
    owner = facts.members.get(challenge.owner_id)
    return owner is not None and owner.share_name_for_matching


async def load_expertise(member_ids: Collection[int] | None = None) -> list[ExpertiseRecord]:
    """Open expertise of every member, or only of ``member_ids``."""
    query = Expertise.select(
        Expertise.id,
        Expertise.member,
        Expertise.title,
        Expertise.body,
        Expertise.tags,
        Expertise.language,
    ).where(Expertise.status == RecordStatus.open)
    rows = await _limited(query, Expertise.member, member_ids)
    return [
        ExpertiseRecord(
            record_id=str(row["id"]),
            member_id=str(row["member"]),
            text=f"{row['title']}\n{row['body']}",
            tags=tuple(row["tags"] or ()),
            language=row["language"],
        )
        for row in rows
    ]


CHALLENGE_COLUMNS = (
    Challenge.id,
    Challenge.member,
    Challenge.title,
    Challenge.body,
    Challenge.tags,
    Challenge.language,
    Challenge.status,
)


async def load_challenges(challenge_ids: Sequence[int] | None = None) -> list[EngineChallenge]:
    """The named challenges in any state; without names every open one and every closed one
    that still has a run to clear. The challenge of an owner who opted out of sharing their
    name comes as closed: the run clears its proposals and gives it none, so no expert's
    capacity goes to a request that cannot be made."""
    query = Challenge.select(
        *CHALLENGE_COLUMNS, Challenge.member.opt_out_sharing.as_alias("owner_opted_out")
    ).order_by(Challenge.id)
    if challenge_ids is not None:
        if not challenge_ids:
            return []
        query = query.where(Challenge.id.is_in(list(challenge_ids)))
    else:
        query = query.where(
            (Challenge.status == RecordStatus.open)
            | Challenge.id.is_in(MatchingRun.select(MatchingRun.challenge))
        )
    return [_engine_challenge(row) for row in await query]


async def load_open_questions() -> list[tuple[str, str]]:
    """(owner id, text) of every open challenge, in id order."""
    rows = await (
        Challenge.select(Challenge.member, Challenge.title, Challenge.body)
        .where(Challenge.status == RecordStatus.open)
        .order_by(Challenge.id)
    )
    return [(str(row["member"]), f"{row['title']}\n{row['body']}") for row in rows]


async def load_engine_challenge(challenge_id: int) -> EngineChallenge | None:
    row = await Challenge.select(*CHALLENGE_COLUMNS).where(Challenge.id == challenge_id).first()
    return None if row is None else _engine_challenge(row)


def _limited(query: Any, column: Any, ids: Collection[int] | None) -> Any:
    return query if ids is None else query.where(column.is_in(list(ids)))


MEMBER_FACTS_SQL = """
    SELECT m.id, m.status, m.opt_out_sharing, m.organisation, m.email, p.paused, d.domain,
        EXISTS (
            SELECT 1 FROM restriction r WHERE r.member = m.id AND r.lifted_at IS NULL
        ) AS restricted
    FROM member m
    LEFT JOIN matching_preference p ON p.member = m.id
    LEFT JOIN organisation_domain d ON d.organisation = m.organisation
    WHERE 1 = 1
"""
"""Each member's facts with their pause, their restriction (GDPR art. 18) and their
organisation's mail domains (a row each)."""

BLOCKS_SQL = "SELECT b.blocker, b.blocked FROM block b WHERE 1 = 1"

RECENT_INTRODUCTIONS_SQL = """
    SELECT i.requester, i.expert, i.decided_at, i.updated_at FROM introduction i
    WHERE (i.decided_at >= {} OR i.updated_at >= {})
"""


def _only(sql: str, ids: Collection[int] | None, *columns: str) -> tuple[str, list[int]]:
    """`sql` (which ends in its top-level WHERE clause) narrowed to rows whose `columns` (any
    of them) hold one of `ids`.

    The base queries end in a WHERE of their own so that the filter is always ANDed to it:
    looking for " WHERE " in the text once found the one inside a subquery and put the
    filter into a LEFT JOIN's condition, which read every member of the network.
    Only `{}` placeholders are added to the text; the ids travel as parameters.
    """
    if ids is None:
        return sql, []
    values = list(ids)
    marks = placeholders(values)
    condition = " OR ".join(f"{column} IN ({marks})" for column in columns)
    return f"{sql} AND ({condition})", values * len(columns)


async def load_facts(
    today: date,
    member_ids: Collection[int] | None = None,
    cooldown_days: int = DEFAULT_COOLDOWN_DAYS,
) -> EligibilityFacts:
    """Eligibility facts for every member, or only for ``member_ids`` (a read-time re-check).

    A member who paused receiving introductions counts as paused; a member who opted out of
    sharing their name may not be shared for matching either. Three queries whatever the
    number of members, at once outside a transaction: the facts are read on every view of a
    challenge's proposals.
    """
    if member_ids is not None and not member_ids:
        return EligibilityFacts(members={}, today=today, cooldown_days=cooldown_days)
    members_sql, members_args = _only(MEMBER_FACTS_SQL, member_ids, "m.id")
    blocks_sql, blocks_args = _only(BLOCKS_SQL, member_ids, "b.blocker")
    member_rows, block_rows, introductions = await together(
        Member,
        fetch(Member, members_sql, *members_args),
        fetch(Block, blocks_sql, *blocks_args),
        _introduction_dates(today, cooldown_days, member_ids),
    )
    members: dict[int, dict[str, Any]] = {}
    domains: dict[str, set[str]] = defaultdict(set)
    for row in member_rows:
        members.setdefault(row["id"], row)
        if row["domain"] is not None:
            domains[str(row["organisation"])].add(row["domain"])
    blocklists: dict[int, set[str]] = defaultdict(set)
    for row in block_rows:
        blocklists[row["blocker"]].add(str(row["blocked"]))
    return EligibilityFacts(
        members={
            str(row["id"]): MemberFacts(
                member_id=str(row["id"]),
                organisation_id=str(row["organisation"]) if row["organisation"] else None,
                email_domain=email_domain(row["email"]),
                status=MemberStatus.paused
                if row["status"] == MemberStatus.active and row["paused"]
                else row["status"],
                share_name_for_matching=not row["opt_out_sharing"],
                blocklist=frozenset(blocklists[row["id"]]),
                restricted=bool(row["restricted"]),
            )
            for row in members.values()
        },
        today=today,
        organisations={
            key: EngineOrganisation(key, frozenset(values)) for key, values in domains.items()
        },
        introductions=introductions,
        cooldown_days=cooldown_days,
    )


async def _introduction_dates(
    today: date, cooldown_days: int, member_ids: Collection[int] | None
) -> dict[frozenset[str], tuple[date, ...]]:
    """Dates of introductions within the cooldown window, per pair of members."""
    since = datetime.combine(today - timedelta(days=cooldown_days), time(), tzinfo=UTC)
    states = [state.value for state in COOLDOWN_STATES]
    sql, args = _only(
        f"{RECENT_INTRODUCTIONS_SQL} AND i.state IN ({placeholders(states)})",
        member_ids,
        "i.requester",
        "i.expert",
    )
    dates: dict[frozenset[str], list[date]] = defaultdict(list)
    for row in await fetch(Introduction, sql, since, since, *states, *args):
        moment = row["decided_at"] or row["updated_at"]
        dates[frozenset((str(row["requester"]), str(row["expert"])))].append(moment.date())
    return {key: tuple(values) for key, values in dates.items()}


SHOWN_PROPOSALS_SQL = """
    SELECT c.member AS owner, c.status, c.updated_at, w.opt_out_sharing AS owner_opted_out,
        w.updated_at AS owner_updated_at,
        r.computed_at, r.shortfall_reason, r.missing, r.scorer,
        i.id, i.expert, i.score, i.explanation, o.kind AS organisation_kind
    FROM challenge c
    JOIN member w ON w.id = c.member
    LEFT JOIN matching_run r ON r.challenge = c.id
    LEFT JOIN introduction i ON i.challenge = c.id AND c.status = {} AND i.state = {}
        AND i.alternate = {}
    LEFT JOIN member m ON m.id = i.expert
    LEFT JOIN organisation o ON o.id = m.organisation
    WHERE c.id = {}
    ORDER BY i.rank, i.id
"""
"""A challenge with its owner's opt-out, its latest run and its current proposals in one query
(read on every view)."""


@dataclass(frozen=True, slots=True)
class StoredProposals:
    """A challenge's owner and state, its latest run (None before the first) and the proposals
    the run stored, best first, before the read-time re-check of the hard rules."""

    challenge: EngineChallenge
    run: dict[str, Any] | None
    rows: list[dict[str, Any]]
    owner_opted_out: bool = False
    """The owner chose not to share their name for matching: no proposals until they opt in."""
    changed_at: datetime | None = None
    """The last edit of the challenge or of its owner (an opt-in among them): a run older than
    this is due again, and the worker's next round of stale proposals makes it."""


def _json(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, (str, bytes)) else value or {}


async def load_stored_proposals(challenge_id: int) -> StoredProposals | None:
    rows = await fetch(
        Challenge,
        SHOWN_PROPOSALS_SQL,
        RecordStatus.open.value,
        IntroductionState.proposed.value,
        False,
        challenge_id,
    )
    if not rows:
        return None
    first = rows[0]
    return StoredProposals(
        challenge=EngineChallenge(
            challenge_id=str(challenge_id),
            owner_id=str(first["owner"]),
            is_open=first["status"] == RecordStatus.open,
        ),
        run=None
        if first["computed_at"] is None
        else {
            "computed_at": first["computed_at"],
            "shortfall_reason": first["shortfall_reason"],
            "missing": first["missing"],
            "scorer": first["scorer"],
        },
        rows=[
            {
                "id": row["id"],
                "expert": row["expert"],
                "score": row["score"],
                "explanation": _json(row["explanation"]),
                "organisation_kind": row["organisation_kind"],
            }
            for row in rows
            if row["id"] is not None
        ],
        owner_opted_out=bool(first["owner_opted_out"]),
        changed_at=max(first["updated_at"], first["owner_updated_at"]),
    )


EXPERTISE_TITLES_SQL = "SELECT e.member, e.title, e.status FROM expertise e WHERE 1 = 1"


async def load_expertise_titles(member_ids: Collection[int]) -> dict[int, list[str]]:
    """The titles of each member's open expertise, oldest first.

    The status is checked here rather than in SQL: given both, SQLite picks the status index
    and reads every open record of the network instead of the few members' ones.
    """
    titles: dict[int, list[str]] = {m: [] for m in member_ids}
    if member_ids:
        sql, args = _only(EXPERTISE_TITLES_SQL, member_ids, "e.member")
        for row in await fetch(Expertise, f"{sql} ORDER BY e.id", *args):
            if row["status"] == RecordStatus.open:
                titles[row["member"]].append(row["title"])
    return titles


async def load_introductions(challenge_ids: Collection[str]) -> list[EngineIntroduction]:
    """What the engine must respect: open introductions everywhere (capacity, kept), earlier
    outcomes of the run's challenges (never proposed again) and other challenges' current
    proposals (they hold capacity until the next run of their challenge).

    An expired request is no outcome: the expert never answered, so they may be proposed for
    the challenge again and the member may ask once more (see ``ASKED_AGAIN``)."""
    in_run = [int(c) for c in challenge_ids]
    settled = Introduction.state.is_in(
        [
            state
            for state in (
                IntroductionState.declined,
                IntroductionState.expired,
                IntroductionState.withdrawn,
                IntroductionState.completed,
            )
            if state not in ASKED_AGAIN
        ]
    )
    proposed = (Introduction.state == IntroductionState.proposed) & Introduction.alternate.eq(False)
    condition = Introduction.state.is_in(list(OPEN_STATES))
    if in_run:
        condition = (
            condition
            | (settled & Introduction.challenge.is_in(in_run))
            | (proposed & Introduction.challenge.not_in(in_run))
        )
    else:
        condition = condition | proposed
    rows = await Introduction.select(
        Introduction.challenge, Introduction.expert, Introduction.state
    ).where(condition)
    return [
        EngineIntroduction(
            challenge_id=str(row["challenge"]),
            expert_id=str(row["expert"]),
            status=ENGINE_STATUS[IntroductionState(row["state"])],  # type: ignore[arg-type]
        )
        for row in rows
    ]


async def load_capacity() -> dict[str, int]:
    rows = await MatchingPreference.select(
        MatchingPreference.member, MatchingPreference.capacity
    ).where(MatchingPreference.capacity.is_not_null())
    return {str(row["member"]): row["capacity"] for row in rows}


async def load_inputs(today: date, challenge_ids: Sequence[int] | None = None) -> Inputs:
    challenges = await load_challenges(challenge_ids)
    return Inputs(
        records=await load_expertise(),
        challenges=challenges,
        facts=await load_facts(today),
        introductions=await load_introductions([c.challenge_id for c in challenges]),
        capacity=await load_capacity(),
        feedback=await load_feedback_factors(),
        questions=await load_open_questions(),
    )


async def _latest(column: Any, *conditions: Any) -> datetime | None:
    query = column._meta.table.select(column).order_by(column, ascending=False)
    for condition in conditions:
        query = query.where(condition)
    row = await query.first()
    return None if row is None else row[column._meta.name]


async def stale_challenge_ids() -> list[int]:
    """Challenges whose proposals may be out of date.

    Assignment is global (capacity is shared), so any change to expertise, members,
    preferences, blocks or the introductions' workflow makes every open challenge stale;
    a challenge's own edit makes only that one stale. Never-matched open challenges are
    stale, and so are closed ones whose run has not yet been cleared (an owner who opted out
    of sharing their name makes theirs count as closed).
    """
    changes = [
        await _latest(Expertise.updated_at),
        await _latest(Member.updated_at),
        await _latest(MatchingPreference.updated_at),
        await _latest(Block.created_at),
        await _latest(Introduction.updated_at, Introduction.state != IntroductionState.proposed),
    ]
    latest = max((moment for moment in changes if moment is not None), default=None)
    runs = {
        row["challenge"]: row["computed_at"]
        for row in await MatchingRun.select(MatchingRun.challenge, MatchingRun.computed_at)
    }
    rows = await Challenge.select(
        Challenge.id,
        Challenge.status,
        Challenge.updated_at,
        Challenge.member.opt_out_sharing.as_alias("owner_opted_out"),
    ).where(
        (Challenge.status == RecordStatus.open)
        | Challenge.id.is_in(MatchingRun.select(MatchingRun.challenge))
    )
    stale: list[int] = []
    for row in rows:
        computed = runs.get(row["id"])
        if row["owner_opted_out"]:
            # Matched as closed: stale while a run is left to clear, never again after it.
            if computed is not None:
                stale.append(row["id"])
        elif (
            computed is None
            or computed < row["updated_at"]
            or (row["status"] == RecordStatus.open and latest is not None and computed < latest)
        ):
            stale.append(row["id"])
    return sorted(stale)
