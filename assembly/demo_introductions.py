"""Demo introductions: after the demo network is loaded, a realistic mix of workflow states.

Matching runs first; then proposals are moved on deterministically (ordered by id, no
randomness) so that every demo member login has something to see: proposals to ask for, a
request waiting for them (one close to expiry), an accepted introduction with revealed
contacts and a completed one with feedback. The rest of the network gets a steady mix of
requested, accepted, completed, declined and expired introductions. No mail is sent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from introductions.service import rematch
from introductions.tables import Feedback, Introduction, IntroductionState, Side
from introductions.workflow import expiry_days, promote_alternate
from kring.clock import utc_now
from kring.tables import Account

State = IntroductionState
OUTCOMES = (Feedback.useful, Feedback.useful, Feedback.not_useful, Feedback.did_not_happen)
REASONS = ("", "Geen tijd dit kwartaal.", "Not my field after all.")


@dataclass(frozen=True)
class DemoIntroductionsReport:
    proposals: int
    states: dict[str, int]

    def __str__(self) -> str:
        counts = ", ".join(f"{count} {state}" for state, count in sorted(self.states.items()))
        return f"Matched {self.proposals} proposals; introductions: {counts}."


def _values(state: State, n: int, now: datetime, days: int) -> dict[Any, Any]:
    """Columns of an introduction that reached ``state``; ``n`` varies ages and feedback."""
    if state == State.requested:
        age = days - 2 if n % 3 == 0 else n % max(days - 3, 1)
        asked = now - timedelta(days=age, hours=n % 7)
        return {
            Introduction.state: state,
            Introduction.requested_at: asked,
            Introduction.expires_at: asked + timedelta(days=days),
        }
    asked = now - timedelta(days=20 + n % 40)
    values: dict[Any, Any] = {
        Introduction.state: state,
        Introduction.requested_at: asked,
        Introduction.expires_at: asked + timedelta(days=days),
        Introduction.decided_at: asked + timedelta(days=1 + n % 5),
    }
    if state == State.expired:
        values[Introduction.decided_at] = asked + timedelta(days=days)
    if state == State.declined:
        values[Introduction.declined_by] = Side.expert
        values[Introduction.decline_reason] = REASONS[n % len(REASONS)]
    if state == State.completed:
        values[Introduction.completed_at] = asked + timedelta(days=8 + n % 5)
        values[Introduction.requester_feedback] = OUTCOMES[n % len(OUTCOMES)]
        if n % 3:
            values[Introduction.expert_feedback] = OUTCOMES[(n + 1) % len(OUTCOMES)]
    return values


MIX = (
    None,
    None,
    None,
    None,
    State.requested,
    State.requested,
    State.accepted,
    State.completed,
    State.completed,
    State.declined,
    None,
    None,
    State.requested,
    State.accepted,
    State.completed,
    State.completed,
    None,
    State.expired,
)
"""The network's mix, applied in turn to proposals (None: left as a proposal)."""


async def load_demo_introductions(now: datetime | None = None) -> DemoIntroductionsReport:
    """Run matching over the loaded demo, then move proposals along the workflow."""
    now = now or utc_now()
    days = expiry_days()
    matched = await rematch()
    logins = {
        row["member"]
        for row in await Account.select(Account.member).where(Account.member.is_not_null())
    }
    proposals = await (
        Introduction.select(
            Introduction.id, Introduction.challenge, Introduction.requester, Introduction.expert
        )
        .where((Introduction.state == State.proposed) & Introduction.alternate.eq(False))
        .order_by(Introduction.challenge)
        .order_by(Introduction.rank)
    )
    plan: dict[int, State] = {}
    # The demo logins as requesters: a completed, a pending and an accepted one, always
    # leaving a proposal to ask for.
    for member in sorted(logins):
        own = sum(1 for row in proposals if row["requester"] == member)
        wanted = [State.completed, State.requested, State.accepted][: max(own - 1, 0)]
        for row in proposals:
            if row["requester"] == member and wanted and row["id"] not in plan:
                plan[row["id"]] = wanted.pop(0)
    # ... and as experts: requests waiting for them (one close to expiry), one declined.
    for member in sorted(logins):
        wanted = [State.requested, State.completed, State.requested, State.declined]
        for row in proposals:
            if row["expert"] == member and wanted and row["id"] not in plan:
                plan[row["id"]] = wanted.pop(0)
    n = 0
    for row in proposals:
        if row["id"] in plan or logins & {row["requester"], row["expert"]}:
            continue
        state = MIX[n % len(MIX)]
        if state is not None:
            plan[row["id"]] = state
        n += 1
    async with Introduction._meta.db.transaction():
        for index, (introduction_id, state) in enumerate(sorted(plan.items())):
            await Introduction.update(_values(state, index, now, days)).where(
                Introduction.id == introduction_id
            )
    settled = sorted(
        {
            row["challenge"]
            for row in proposals
            if plan.get(row["id"]) in (State.declined, State.expired)
        }
    )
    for challenge_id in settled:
        await promote_alternate(challenge_id)
    states = Counter(
        row["state"]
        for row in await Introduction.select(Introduction.state).where(
            (Introduction.state != State.proposed) | Introduction.alternate.eq(False)
        )
    )
    return DemoIntroductionsReport(proposals=matched.proposals, states=dict(states))
