"""Re-matching challenges and reading their proposals: the pure engine's results, stored.

A run reads a snapshot (no transaction), computes off the event loop, then writes in ONE
short transaction that replaces the `proposed` rows, alternates and run record of each
challenge it matched. Rows in any other state belong to the members' workflow and are never
touched.

Two runs at once (two workers, or a worker and a refresh) stay consistent:

- On PostgreSQL the write transaction takes ``SELECT ... FOR UPDATE SKIP LOCKED`` on the
  challenge rows. A challenge another run is writing right now is skipped, not waited for:
  that run stores an equally fresh result. Row locks rather than an advisory lock, so runs
  over different challenges write in parallel, and the future workflow serialises with a
  run by locking the same challenge row.
- On SQLite the write transaction is ``BEGIN IMMEDIATE``: it takes the file's write lock at
  once, so writers queue (busy timeout) instead of failing on a lock upgrade.
- In both, a run never overwrites a result computed from a later snapshot, nor writes a
  challenge edited after its own snapshot (the next stale round re-matches it); a partial
  unique index allows one `proposed` row per challenge and expert.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from piccolo.engine.base import Engine as DatabaseEngine

from introductions.embedding_store import Stored, load_embeddings, save_embeddings
from introductions.query_bank_store import save_query_bank
from introductions.rounds import Runner, mark_round, rounds_running
from introductions.store import (
    Inputs,
    StoredProposals,
    load_expertise_titles,
    load_facts,
    load_inputs,
    load_stored_proposals,
    owner_may_ask,
    stale_challenge_ids,
)
from introductions.tables import ASKED_AGAIN, Introduction, IntroductionState, MatchingRun
from kring.choices import Role
from kring.clock import today, utc_now
from kring.database import is_postgres, together, write_transaction
from kring.errors import NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.tables import Challenge
from matching.assignment import (
    DEFAULT_CAPACITY,
    DEFAULT_DEMAND,
    ProposalSet,
    Reason,
    propose,
    shortlist,
)
from matching.eligibility import violations
from matching.encoders.progress_bar import EncodingBar
from matching.engine import Engine
from matching.explain import Explanation
from matching.feedback_weight import adjust
from matching.records import Challenge as EngineChallenge
from matching.semantic import Embeddings, Progress, default_encoder
from matching.semantic_scoring import QueryBank

INSERT_BATCH = 200
"""Rows per INSERT: keeps SQLite under its limit of bound parameters per statement."""


class ShortfallReason(StrEnum):
    """Why a challenge shows fewer experts than it asks for: the engine's reasons of its last
    run, or why it has no run to show (yet)."""

    NO_ELIGIBLE_EXPERT = Reason.NO_ELIGIBLE_EXPERT.value
    BELOW_THRESHOLD = Reason.BELOW_THRESHOLD.value
    CAPACITY_EXHAUSTED = Reason.CAPACITY_EXHAUSTED.value
    OWNER_NOT_SHARING = "owner_not_sharing"
    """Its owner chose not to share their name for matching: no proposals until they opt in."""
    PENDING = "pending"
    """Never matched, or edited (or its owner opted in) since its run: the next round of stale
    proposals matches it."""


@dataclass(frozen=True, slots=True)
class RematchReport:
    """What one run did; `skipped` challenges were written by another run or changed meanwhile."""

    challenges: int = 0
    proposals: int = 0
    alternates: int = 0
    shortfalls: int = 0
    skipped: int = 0
    withdrawn: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    """The engine's answer plus explanations for alternates (shown if one is promoted)."""

    proposals: ProposalSet
    alternate_explanations: dict[tuple[str, str], Explanation]
    scorer: str = ""
    query_bank: QueryBank | None = None
    """What the challenges were centred on (E5 with enough open challenges), kept for pages."""


def explanation_data(explanation: Explanation | None) -> dict[str, Any]:
    """The engine's Explanation as plain JSON, without the expert's id. `records`: the ids of
    the expert's records it rests on, for the expert's own pages (no API or asker sees them)."""
    if explanation is None:
        return {}
    return {
        "terms": [{"term": t.term, "weight": t.weight} for t in explanation.terms],
        "tags": [
            {
                "challenge_tag": m.challenge_tag,
                "expert_tag": m.expert_tag,
                "similarity": round(m.similarity, 4),
            }
            for m in explanation.tags
        ],
        "sentence_nl": explanation.sentence_nl,
        "sentence_en": explanation.sentence_en,
        "records": [int(record) for record in explanation.records if record.isdigit()],
    }


PARALLEL_FROM = 20_000
"""Open challenges from which the candidates of a re-match are scored in forked processes,
one per core (at most 4): a full re-match of 100,000 in the worker or the demo. The children
only compute shortlists from the parent's arrays; they never touch the database or the loop.
A smaller run (the API's refresh of one challenge, the tests) stays in this process."""


def compute(inputs: Inputs, embeddings: Embeddings | None = None) -> Outcome:
    """Fit, shortlist, assign and explain: CPU work without any I/O. ``embeddings`` (the
    semantic scorer with the stored vectors) collects newly encoded texts in ``.new``."""
    engine = Engine(inputs.records, embeddings=embeddings)
    engine.fit_query_bank([text for _, text in inputs.questions])
    open_count = sum(1 for c in inputs.challenges if c.is_open)
    workers = min(os.cpu_count() or 1, 4) if open_count >= PARALLEL_FROM else 1

    def explain(challenge: EngineChallenge, expert_id: str) -> Explanation:
        return engine.explain(
            challenge.text, challenge.tags, expert_id, language=challenge.language
        )

    semantic: dict[str, Mapping[str, float]] = {}
    scores = adjust(
        shortlist(engine, inputs.challenges, inputs.facts, semantic=semantic, workers=workers),
        inputs.feedback,
    )
    result = propose(
        inputs.challenges,
        scores,
        inputs.facts,
        introductions=inputs.introductions,
        capacity=inputs.capacity,
        default_capacity=DEFAULT_CAPACITY,
        explainer=explain,
        semantic=semantic,
        semantic_min=engine.semantic_scoring.gate,
    )
    by_id = {c.challenge_id: c for c in inputs.challenges}
    alternate_explanations = {
        (cid, a.expert_id): explain(by_id[cid], a.expert_id)
        for cid, alternates in result.alternates.items()
        for a in alternates
    }
    return Outcome(result, alternate_explanations, engine.scorer, engine.query_bank)


async def primed_embeddings(
    member_ids: Collection[int] | None = None,
) -> tuple[Embeddings, Stored] | None:
    """The semantic scorer primed with the stored vectors (of these members, or all), or None
    without the extra. The model loads in a thread: never on the event loop."""
    encoder = await asyncio.to_thread(default_encoder)
    if encoder is None:
        return None
    stored = await load_embeddings(encoder.version, member_ids)
    return Embeddings(encoder, dict(stored.vectors)), stored


def encode_inputs(inputs: Inputs, embeddings: Embeddings, progress: Progress | None) -> int:
    """Encode the run's new texts up front (records as passages, open challenges and the
    query bank's questions as queries), so that one progress bar covers them; the engine then
    finds every vector known."""
    queries = [text for _, text in inputs.questions]  # every open challenge, the run's too
    return embeddings.encode_missing([r.text for r in inputs.records], queries, progress)


async def rematch(
    challenge_ids: Sequence[int] | None = None, *, progress: Progress | None = None
) -> RematchReport:
    """Re-match the named challenges (default: all open ones) and store the proposals.
    ``progress(done, total)`` follows the encoding of new texts; by default a bar on stderr
    when there are enough of them to wait for (``kring demo``, ``kring worker``)."""
    started = utc_now()
    inputs = await load_inputs(started.date(), challenge_ids)
    if not inputs.challenges:
        return RematchReport()
    semantic = await primed_embeddings()
    embeddings = semantic[0] if semantic else None
    if embeddings is not None:
        await asyncio.to_thread(encode_inputs, inputs, embeddings, progress or EncodingBar())
    outcome = await asyncio.to_thread(compute, inputs, embeddings)
    if semantic is not None:
        embeddings, stored = semantic
        texts = [(r.member_id, r.text) for r in inputs.records]
        # Every open challenge, the run's among them, is a question of the bank.
        texts += [(owner, embeddings.hashed(text, "query")) for owner, text in inputs.questions]
        await save_embeddings(texts, embeddings.known, stored, embeddings.version)
        await save_query_bank(outcome.query_bank, embeddings.version)
    return await _store(inputs.challenges, outcome, started)


async def rematch_stale(runner: Runner = Runner.worker) -> int:
    """Worker job: re-match challenges whose proposals may be out of date; returns how many.
    The round is recorded first, so pages know rounds run (`introductions.rounds`)."""
    await mark_round(runner)
    stale = await stale_challenge_ids()
    if not stale:
        return 0
    return (await rematch(stale)).challenges


async def _claim(engine: DatabaseEngine, ids: list[int], started: datetime) -> list[int]:
    """The challenges this run may write: locked (PostgreSQL), unchanged since the snapshot
    and not already holding a result computed from a later snapshot."""
    query = Challenge.select(Challenge.id, Challenge.updated_at).where(Challenge.id.is_in(ids))
    if is_postgres(engine):
        query = query.lock_rows("UPDATE", skip_locked=True)
    unchanged = [row["id"] for row in await query if row["updated_at"] <= started]
    if not unchanged:
        return []
    newer = {
        row["challenge"]
        for row in await MatchingRun.select(MatchingRun.challenge).where(
            MatchingRun.challenge.is_in(unchanged) & (MatchingRun.computed_at > started)
        )
    }
    return [cid for cid in unchanged if cid not in newer]


def _rows(
    challenge: EngineChallenge,
    outcome: Outcome,
    taken: set[tuple[int, int]],
    now: datetime,
) -> list[Introduction]:
    cid = int(challenge.challenge_id)
    common = {
        "challenge": cid,
        "requester": int(challenge.owner_id),
        "state": IntroductionState.proposed,
        "created_at": now,
        "updated_at": now,
    }
    rows: list[Introduction] = []
    new = [p for p in outcome.proposals.for_challenge(challenge.challenge_id) if not p.kept]
    for rank, proposal in enumerate(new, start=1):
        if (cid, int(proposal.expert_id)) not in taken:
            rows.append(
                Introduction(
                    expert=int(proposal.expert_id),
                    alternate=False,
                    score=proposal.score,
                    rank=rank,
                    explanation=explanation_data(proposal.explanation),
                    **common,
                )
            )
    alternates = outcome.proposals.alternates.get(challenge.challenge_id, [])
    for rank, alternate in enumerate(alternates, start=1):
        if (cid, int(alternate.expert_id)) not in taken:
            explanation = outcome.alternate_explanations.get(
                (challenge.challenge_id, alternate.expert_id)
            )
            rows.append(
                Introduction(
                    expert=int(alternate.expert_id),
                    alternate=True,
                    score=alternate.score,
                    rank=rank,
                    explanation=explanation_data(explanation),
                    **common,
                )
            )
    return rows


async def _insert(rows: Sequence[Any]) -> None:
    for start in range(0, len(rows), INSERT_BATCH):
        batch = rows[start : start + INSERT_BATCH]
        await type(batch[0]).insert(*batch)


async def _store(
    challenges: Sequence[EngineChallenge], outcome: Outcome, started: datetime
) -> RematchReport:
    engine = Introduction._meta.db
    by_id = {int(c.challenge_id): c for c in challenges}
    now = utc_now()
    async with write_transaction(engine):
        mine = await _claim(engine, list(by_id), started)
        if not mine:
            return RematchReport(skipped=len(by_id))
        # Pairs the workflow moved on since the snapshot keep their row; no proposal beside it,
        # unless their request expired: that pair may be asked again.
        taken = {
            (row["challenge"], row["expert"])
            for row in await Introduction.select(Introduction.challenge, Introduction.expert).where(
                Introduction.challenge.is_in(mine)
                & Introduction.state.not_in([IntroductionState.proposed, *ASKED_AGAIN])
            )
        }
        await Introduction.delete().where(
            Introduction.challenge.is_in(mine) & (Introduction.state == IntroductionState.proposed)
        )
        await MatchingRun.delete().where(MatchingRun.challenge.is_in(mine))
        rows: list[Introduction] = []
        runs: list[MatchingRun] = []
        for cid in mine:
            challenge = by_id[cid]
            if not challenge.is_open:
                continue
            rows += _rows(challenge, outcome, taken, now)
            shortfall = outcome.proposals.shortfalls.get(challenge.challenge_id)
            runs.append(
                MatchingRun(
                    challenge=cid,
                    computed_at=started,
                    shortfall_reason=shortfall.reason if shortfall else None,
                    missing=shortfall.missing if shortfall else 0,
                    scorer=outcome.scorer,
                )
            )
        if rows:
            await _insert(rows)
        if runs:
            await _insert(runs)
    return RematchReport(
        challenges=len(mine),
        proposals=sum(1 for row in rows if not row.alternate),
        alternates=sum(1 for row in rows if row.alternate),
        shortfalls=sum(1 for run in runs if run.shortfall_reason),
        skipped=len(by_id) - len(mine),
        withdrawn=sum(
            1 for intro, _ in outcome.proposals.withdrawn if int(intro.challenge_id) in mine
        ),
    )


async def _visible(viewer: Principal, challenge_id: int) -> StoredProposals:
    """The owner, organisers and admins see a challenge's proposals; anyone else gets 404."""
    stored = await load_stored_proposals(challenge_id)
    if stored is None or not (
        viewer.owns(int(stored.challenge.owner_id)) or viewer.has_role(Role.organiser)
    ):
        raise NotFound(
            N_("challenge %(challenge_id)s not found"),
            field="challenge_id",
            challenge_id=challenge_id,
        )
    return stored


async def _overview(stored: StoredProposals) -> dict[str, Any]:
    challenge, run, rows = stored.challenge, stored.run, stored.rows
    # Hard rules are checked again: whoever opted out, paused or blocked since the run is gone,
    # and so is every proposal of an owner who opted out of sharing their name since.
    experts = [row["expert"] for row in rows]
    titles: dict[int, list[str]] = {}
    asks = not stored.owner_opted_out
    if rows and asks:
        facts, titles = await together(
            Introduction,
            load_facts(today(), {int(challenge.owner_id), *experts}),
            load_expertise_titles(experts),
        )
        asks = owner_may_ask(challenge, facts)
        rows = [
            row for row in rows if asks and not violations(challenge, str(row["expert"]), facts)
        ]
    elif not asks:
        rows = []
    proposals = [
        {
            "id": row["id"],
            "rank": rank,
            "score": round(row["score"], 4),
            "organisation_kind": row["organisation_kind"],
            "expertise": titles[row["expert"]],
            "explanation": row["explanation"],
        }
        for rank, row in enumerate(rows, start=1)
    ]
    changed = stored.changed_at
    pending = (
        challenge.is_open
        and asks
        and (run is None or (changed is not None and run["computed_at"] < changed))
    )
    shortfall = None
    demand = challenge.demand or DEFAULT_DEMAND
    if challenge.is_open and stored.owner_opted_out:
        shortfall = {"reason": ShortfallReason.OWNER_NOT_SHARING, "missing": demand}
    elif pending and not proposals:
        shortfall = {"reason": ShortfallReason.PENDING, "missing": demand}
    elif challenge.is_open and run is not None and asks:
        gone = len(stored.rows) - len(proposals)
        if run["shortfall_reason"]:
            shortfall = {"reason": run["shortfall_reason"], "missing": run["missing"] + gone}
        elif gone:
            shortfall = {"reason": ShortfallReason.NO_ELIGIBLE_EXPERT, "missing": gone}
    return {
        "challenge_id": int(challenge.challenge_id),
        "computed_at": run["computed_at"] if run else None,
        "scorer": run["scorer"] or None if run else None,
        "shortfall": shortfall,
        "proposals": proposals,
        # For the pages: why there are none, and whether the worker's next round of stale
        # proposals will match it (never matched, or edited or opted in since its run).
        "owner_opted_out": stored.owner_opted_out,
        "pending": pending,
        # Proposals "within a few minutes" only while rounds start (a worker, or serve
        # standing in); asked only when it matters.
        "rounds_running": pending and await rounds_running(),
    }


async def proposal_overview(viewer: Principal, challenge_id: int) -> dict[str, Any]:
    """A challenge's proposals as its owner may see them before anyone opted in: no expert
    name, contact or organisation name, only an opaque proposal id, the expert's expertise
    titles, their organisation's kind, score and explanation; plus why it got fewer.

    Two queries besides the caller's (the stored proposals with their run; the titles) and
    three for the facts of the experts shown, whatever the size of the network.
    """
    return await _overview(await _visible(viewer, challenge_id))


async def proposals_for(viewer: Principal, challenge_id: int) -> list[dict[str, Any]]:
    return (await proposal_overview(viewer, challenge_id))["proposals"]


async def refresh(viewer: Principal, challenge_id: int) -> dict[str, Any]:
    """Re-match one challenge now (owner or organiser) and answer its proposals."""
    await _visible(viewer, challenge_id)
    await rematch([challenge_id])
    return await _overview(await _visible(viewer, challenge_id))
