"""``propose`` on arrays gives exactly what it gave pair by pair.

``reference_propose`` is ``propose`` as it was before its candidates became flat arrays
(as of commit ed0e1c0): one ``EligibilityMasks.allowed_for`` call, one sort and Python loops per
challenge. Random networks with every rule in play (colleagues by organisation and by mail
domain, public domains, paused, opted-out, restricted and unknown members, erased owners,
blocks, cooldowns, kept, withdrawn and declined introductions, closed challenges, capacity
and demand overrides, tied scores, scores out of order, the semantic gate) must give the
same proposals, alternates, shortfalls, withdrawals and explainer calls, in the same order.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np
import pytest

from matching.assignment import (
    DEFAULT_CAPACITY,
    DEFAULT_DEMAND,
    DEFAULT_TOP_N,
    MIN_SCORE,
    OPEN_STATUSES,
    SEMANTIC_MIN,
    Alternate,
    Introduction,
    Proposal,
    ProposalSet,
    Reason,
    Shortfall,
    _post_check,
    _solve,
    propose,
)
from matching.eligibility import (
    EligibilityFacts,
    EligibilityMasks,
    MemberFacts,
    OrganisationFacts,
    Rule,
    pair,
    violations,
)
from matching.explain import Explanation
from matching.records import Challenge

TODAY = date(2025, 6, 1)


def reference_propose(
    challenges: Sequence[Challenge],
    scores: Mapping[str, Mapping[str, float]],
    facts: EligibilityFacts,
    *,
    introductions: Sequence[Introduction] = (),
    capacity: Mapping[str, int] | None = None,
    default_capacity: int = DEFAULT_CAPACITY,
    demand: int = DEFAULT_DEMAND,
    min_score: float = MIN_SCORE,
    top_n: int = DEFAULT_TOP_N,
    n_alternates: int = 3,
    explainer: Callable[[Challenge, str], Explanation] | None = None,
    semantic: Mapping[str, Mapping[str, float]] | None = None,
    semantic_min: float = SEMANTIC_MIN,
) -> ProposalSet:
    out = ProposalSet()
    capacity = capacity or {}
    in_run = {c.challenge_id: c for c in challenges}
    load: Counter[str] = Counter()
    kept: dict[str, list[Introduction]] = defaultdict(list)
    refused: dict[str, set[str]] = defaultdict(set)
    for intro in introductions:
        if intro.status not in OPEN_STATUSES:
            refused[intro.challenge_id].add(intro.expert_id)
            continue
        challenge = in_run.get(intro.challenge_id)
        if challenge is None or not challenge.is_open:
            load[intro.expert_id] += 1
            continue
        broken = violations(challenge, intro.expert_id, facts, skip=[Rule.COOLDOWN])
        if broken:
            out.withdrawn.append((intro, broken))
            continue
        load[intro.expert_id] += 1
        kept[intro.challenge_id].append(intro)
        refused[intro.challenge_id].add(intro.expert_id)

    open_challenges = [c for c in challenges if c.is_open]
    # violations() for every scored pair, as masks (it is one rule set: EligibilityMasks
    # equals violations, tests/matching/test_matching_eligibility_masks.py).
    scored = sorted({e for c in open_challenges for e in scores.get(c.challenge_id, {})})
    masks = EligibilityMasks(facts, scored)
    allowed: dict[str, set[str]] = {}
    eligible: dict[str, list[tuple[str, float]]] = {}
    for c in open_challenges:
        ranked = sorted(scores.get(c.challenge_id, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        where = np.array([masks.index[e] for e, _ in ranked], dtype=np.int64)
        fine = {e for (e, _), ok in zip(ranked, masks.allowed_for(c, where), strict=True) if ok}
        allowed[c.challenge_id] = fine
        eligible[c.challenge_id] = [
            (e, s) for e, s in ranked if e not in refused[c.challenge_id] and e in fine
        ][:top_n]

    # The best by meaning among all scored candidates, not only those still open: when it
    # is already introduced, declined or now ineligible, the runner-up is not promoted.
    by_meaning: dict[str, str] = {}
    for cid, sem in (semantic or {}).items():
        candidates = scores.get(cid, {})
        best = min(candidates, key=lambda e: (-sem.get(e, 0.0), e), default=None)
        if best is not None and sem.get(best, 0.0) >= max(semantic_min, 1e-9):
            by_meaning[cid] = best

    def passes(challenge_id: str, expert_id: str, score: float) -> bool:
        if score <= 0:
            return False
        return score >= min_score or by_meaning.get(challenge_id) == expert_id

    def room_of(expert_id: str) -> int:
        return capacity.get(expert_id, default_capacity) - load[expert_id]

    experts = sorted({e for cands in eligible.values() for e, _ in cands})
    expert_index = {e: i for i, e in enumerate(experts)}
    need = np.array(
        [
            max(0, (c.demand if c.demand is not None else demand) - len(kept[c.challenge_id]))
            for c in open_challenges
        ],
        dtype=float,
    )
    room = np.array([max(0, room_of(e)) for e in experts], dtype=float)
    edges = [
        (ci, expert_index[e], s)
        for ci, c in enumerate(open_challenges)
        if need[ci] > 0
        for e, s in eligible[c.challenge_id]
        if passes(c.challenge_id, e, s) and room[expert_index[e]] > 0
    ]
    chosen = _solve(edges, need, room)

    assigned: dict[str, list[tuple[str, float]]] = defaultdict(list)
    used: Counter[str] = Counter()
    for (ci, ei, s), take in zip(edges, chosen, strict=True):
        if take:
            assigned[open_challenges[ci].challenge_id].append((experts[ei], s))
    for ci, c in enumerate(open_challenges):
        cid = c.challenge_id
        for intro in kept[cid]:
            out.proposals.append(
                Proposal(
                    cid, intro.expert_id, float(scores.get(cid, {}).get(intro.expert_id, 0)), True
                )
            )
        new = sorted(assigned[cid], key=lambda es: (-es[1], es[0]))
        accepted = 0
        for expert_id, s in new:
            ok = (
                expert_id in allowed[cid]
                and accepted < need[ci]
                and used[expert_id] < room_of(expert_id)
            )
            if not ok:
                out.post_check_rejections += 1
                continue
            accepted += 1
            used[expert_id] += 1
            explanation = explainer(c, expert_id) if explainer else None
            out.proposals.append(Proposal(cid, expert_id, float(s), False, explanation))
        taken = {e for e, _ in new}
        above = [(e, s) for e, s in eligible[cid] if passes(cid, e, s) and e not in taken]
        out.alternates[cid] = [
            Alternate(cid, e, float(s), used[e] < room_of(e)) for e, s in above[:n_alternates]
        ]
        missing = int(need[ci]) - accepted
        if missing > 0:
            if not eligible[cid]:
                reason = Reason.NO_ELIGIBLE_EXPERT
            elif above:
                reason = Reason.CAPACITY_EXHAUSTED
            else:
                reason = Reason.BELOW_THRESHOLD
            out.shortfalls[cid] = Shortfall(cid, missing, reason)
    return out


MEMBERS = [f"m{i:03d}" for i in range(60)]
UNKNOWN = ["x1", "x2"]
"""Scored but missing from the facts: never eligible."""
ORGANISATIONS = [f"o{i}" for i in range(8)] + [""]
DOMAINS = ["a.example", "B.example", "@c.example ", "gmail.com", "Gmail.com", None, ""]


def network(seed: int) -> dict:
    """Facts, challenges, scores, introductions and options of one random run."""
    rng = random.Random(seed)
    organisations = {
        o: OrganisationFacts(
            o, frozenset(rng.sample(["a.example", "c.example", "gmail.com"], rng.randrange(3)))
        )
        for o in ORGANISATIONS
    }
    members = {}
    for m in MEMBERS:
        roll = rng.random()
        members[m] = MemberFacts(
            m,
            organisation_id=rng.choice([*ORGANISATIONS, None, None]),
            email_domain=rng.choice(DOMAINS),
            status="paused" if roll < 0.06 else "erased" if roll < 0.09 else "active",
            share_name_for_matching=rng.random() > 0.06,
            blocklist=frozenset(rng.sample(MEMBERS, rng.choice([0, 0, 0, 1, 2]))),
            restricted=rng.random() < 0.03,
        )
    history = {
        pair(rng.choice(MEMBERS), rng.choice(MEMBERS)): (
            TODAY - timedelta(days=rng.randrange(400)),
        )
        for _ in range(40)
    }
    facts = EligibilityFacts(members, TODAY, organisations, history)
    challenges = [
        Challenge(
            f"c{i:03d}",
            rng.choice(MEMBERS + UNKNOWN[:1]),
            is_open=rng.random() > 0.1,
            demand=rng.choice([None, None, None, None, 0, 1, 2, 5]),
        )
        for i in range(80)
    ]
    order = rng.choice(["ranked", "ties reversed", "shuffled"])
    as_float32 = rng.random() < 0.25
    scores: dict[str, dict[str, float]] = {}
    semantic: dict[str, dict[str, float]] = {}
    for c in challenges:
        if rng.random() < 0.05:
            continue
        experts = rng.sample(MEMBERS + UNKNOWN + [c.owner_id], rng.randrange(0, 26))
        experts = list(dict.fromkeys(experts))
        values = [
            rng.choice([0.5, 0.3, 0.12, 0.05, 0.0, round(rng.uniform(-0.05, 1.0), 2)])
            for _ in experts
        ]
        row = dict(zip(experts, values, strict=True))
        if order == "ranked":
            row = dict(sorted(row.items(), key=lambda kv: (-kv[1], kv[0])))
        elif order == "ties reversed":
            row = dict(sorted(sorted(row.items(), reverse=True), key=lambda kv: -kv[1]))
        if as_float32:
            row = {e: np.float32(s) for e, s in row.items()}
        scores[c.challenge_id] = row
        roll = rng.random()
        if roll < 0.1:
            semantic[c.challenge_id] = {}
        elif roll < 0.6:
            others = rng.sample(MEMBERS, 3)
            semantic[c.challenge_id] = {
                e: round(rng.uniform(0.0, 0.5), 1) for e in experts + others if rng.random() < 0.7
            }
    statuses = ["pending", "accepted", "declined", "completed", "cancelled"]
    introductions = [
        Introduction(
            rng.choice([c.challenge_id for c in challenges] + ["elsewhere"]),
            rng.choice(MEMBERS),
            rng.choice(statuses),
        )
        for _ in range(30)
    ]
    options = {
        "introductions": introductions,
        "capacity": {m: rng.choice([0, 1, 2, 5]) for m in rng.sample(MEMBERS, 15)},
        "default_capacity": rng.choice([1, 3]),
        "demand": rng.choice([2, 3]),
        "min_score": rng.choice([MIN_SCORE, 0.3]),
        "top_n": rng.choice([DEFAULT_TOP_N, 3]),
        "n_alternates": rng.choice([0, 3, 5]),
        "semantic": semantic if rng.random() < 0.7 else None,
        "semantic_min": rng.choice([SEMANTIC_MIN, 0.25, 0.0]),
    }
    return {"challenges": challenges, "scores": scores, "facts": facts, "options": options}


def ordered(result: ProposalSet) -> tuple:
    """Everything of a result, dict order included."""
    return (
        result.proposals,
        list(result.alternates.items()),
        list(result.shortfalls.items()),
        result.withdrawn,
        result.post_check_rejections,
    )


@pytest.mark.parametrize("seed", range(60))
def test_propose_gives_what_it_gave_pair_by_pair(seed: int) -> None:
    run = network(seed)
    calls: dict[str, list[tuple[str, str]]] = {"arrays": [], "reference": []}

    def explainer_for(name: str) -> Callable[[Challenge, str], Explanation]:
        def explain(challenge: Challenge, expert_id: str) -> Explanation:
            calls[name].append((challenge.challenge_id, expert_id))
            return Explanation(expert_id, (), (), challenge.challenge_id, "")

        return explain

    args = (run["challenges"], run["scores"], run["facts"])
    got = propose(*args, explainer=explainer_for("arrays"), **run["options"])
    want = reference_propose(*args, explainer=explainer_for("reference"), **run["options"])
    assert ordered(got) == ordered(want)
    assert calls["arrays"] == calls["reference"]
    assert want.proposals and want.shortfalls  # the instance is not trivial


def test_the_random_networks_exercise_every_path() -> None:
    """Across the seeds above: every shortfall reason, kept, withdrawn and gated proposals."""
    reasons: Counter[Reason] = Counter()
    kept = withdrawn = gated = 0
    for seed in range(60):
        run = network(seed)
        result = reference_propose(run["challenges"], run["scores"], run["facts"], **run["options"])
        reasons.update(s.reason for s in result.shortfalls.values())
        kept += sum(p.kept for p in result.proposals)
        withdrawn += len(result.withdrawn)
        gated += sum(0 < p.score < run["options"]["min_score"] for p in result.proposals)
    assert set(reasons) == set(Reason)
    assert kept and withdrawn and gated


@pytest.mark.parametrize("seed", range(20))
def test_allowed_pairs_equals_allowed_for_every_pair(seed: int) -> None:
    run = network(seed)
    ids = sorted(MEMBERS + UNKNOWN)
    masks = EligibilityMasks(run["facts"], ids)
    challenges = run["challenges"]
    rows = np.repeat(np.arange(len(challenges)), len(ids))
    members = np.tile(np.arange(len(ids)), len(challenges))
    got = masks.allowed_pairs(challenges, rows, members).reshape(len(challenges), len(ids))
    for r, challenge in enumerate(challenges):
        want = masks.allowed_for(challenge, np.arange(len(ids)))
        assert got[r].tolist() == want.tolist()
        assert want.tolist() == [not violations(challenge, m, run["facts"]) for m in ids]


def test_an_over_full_choice_is_checked_pair_by_pair() -> None:
    """A solution over the bounds (never the solver's) keeps the earlier pairs that fit."""
    rows = np.array([0, 0, 0, 1, 1, 2])
    experts = np.array([0, 1, 2, 0, 1, 0])
    accepted = _post_check(rows, experts, need=np.array([2.0, 2.0, 1.0]), room=np.array([2, 1, 1]))
    assert accepted.tolist() == [True, True, False, True, False, False]


def test_the_solver_keeps_the_bounds_so_the_post_check_rejects_nothing() -> None:
    edges = [(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.3), (1, 1, 0.2), (2, 0, 0.5)]
    need, room = np.array([2.0, 1.0, 1.0]), np.array([2.0, 1.0])
    chosen = _solve(edges, need, room)
    rows = np.array([e[0] for e in edges])[chosen]
    experts = np.array([e[1] for e in edges])[chosen]
    assert _post_check(rows, experts, need, room).all()


def test_the_rematch_benchmark_network_gives_the_same_result() -> None:
    """The full re-match's own input (``benchmarks/rematch_scale.py``) at 1,000 members:
    shortlists from the engine, organisations, paused and opted-out members, blocks,
    cooldowns and pending introductions."""
    from benchmarks.rematch_scale import facts_for
    from benchmarks.rematch_scale import network as rematch_network
    from matching.assignment import shortlist
    from matching.engine import Engine

    net, challenges = rematch_network(1000, seed=3)
    facts, introductions = facts_for(net, seed=3)
    scores = shortlist(Engine(net.records), challenges, facts)
    got = propose(challenges, scores, facts, introductions=introductions)
    want = reference_propose(challenges, scores, facts, introductions=introductions)
    assert ordered(got) == ordered(want)
    assert len(want.proposals) > 2000 and any(p.kept for p in want.proposals)


EMPTY_CASES = {
    "no challenges": ([], {}),
    "closed only": ([Challenge("a", "m001", is_open=False)], {"a": {"m002": 0.5}}),
    "no scores": ([Challenge("a", "m001")], {}),
    "an empty shortlist": ([Challenge("a", "m001")], {"a": {}}),
    "one empty of two": (
        [Challenge("a", "m001"), Challenge("b", "m002")],
        {"a": {"m003": 0.5}, "b": {}},
    ),
}


@pytest.mark.parametrize("case", list(EMPTY_CASES))
@pytest.mark.parametrize(
    "options",
    [{}, {"introductions": [Introduction("a", "m003", "declined")]}, {"semantic": {"a": {}}}],
    ids=["plain", "declined", "empty semantic"],
)
def test_empty_runs_give_what_they_gave(case: str, options: dict) -> None:
    challenges, scores = EMPTY_CASES[case]
    facts = network(1)["facts"]
    got = propose(challenges, scores, facts, **options)
    assert ordered(got) == ordered(reference_propose(challenges, scores, facts, **options))


def test_a_challenge_given_twice_is_refused_by_name() -> None:
    """Two challenges with one id would share one row of the arrays: a clear error instead."""
    challenge = Challenge("c1", "m1", "ISO 9001 audit", ("audit",))
    facts = EligibilityFacts({"m1": MemberFacts("m1"), "m2": MemberFacts("m2")}, date(2026, 1, 1))
    with pytest.raises(ValueError, match="c1"):
        propose([challenge, challenge], {"c1": {"m2": 0.9}}, facts)
