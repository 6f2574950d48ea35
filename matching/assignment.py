"""Global assignment of experts to challenges under capacity, demand and eligibility.

The problem is a b-matching: maximise the total score of chosen (challenge, expert) pairs so
that no expert exceeds their capacity of open introductions and no challenge gets more than
its demand. A coverage bonus per challenge that gets at least one expert makes the solver
serve every challenge once before it gives any challenge its second or third expert, so a
popular expert cannot be soaked up by the first few challenges. It is a min-cost flow, solved
exactly by OR-Tools' network solver (see ``_solve``) over a sparse candidate list: only the
``top_n`` best eligible experts per challenge become arcs, so size grows with challenges ×
top_n.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy import sparse

from matching.candidates import best_members, bounded
from matching.eligibility import EligibilityFacts, EligibilityMasks, Rule, violations
from matching.explain import Explanation
from matching.records import Challenge, Reason
from matching.semantic_scoring import FLOOR_SCORING
from matching.shortlists import MeaningView, Shortlists
from matching.text import resolve_language, surface_tokens

if TYPE_CHECKING:
    from matching.engine import Engine

DEFAULT_CAPACITY = 3
DEFAULT_DEMAND = 3
DEFAULT_TOP_N = 20
MIN_SCORE = 0.12
"""Below this combined score a match is noise: in the synthetic quality benchmark 91.8% of
true experts and 6.3% of unrelated members reach it (hand set: 100% and 0%)."""
SEMANTIC_MIN = FLOOR_SCORING.gate
SEMANTIC_LANGUAGES: frozenset[str] = FLOOR_SCORING.gate_languages
"""The semantic gate of ``propose`` for all-MiniLM-L6-v2; each model has its own
(``SemanticScoring.gate`` and ``gate_languages``: multilingual-e5-small 0.25 for Dutch and
English challenges, see ``matching/semantic_scoring.py``), which ``shortlist`` and the caller
of ``propose`` take from the engine. For MiniLM: a match on meaning alone combines to only
0.03-0.05 (the semantic weight is 0.1), under MIN_SCORE. So for a challenge in a language the
model knows (all-MiniLM-L6-v2 is English) the one shortlisted candidate with the highest
semantic score
(the engine's rescaled top-3 cosine aggregate) is proposable too when that score reaches
SEMANTIC_MIN. Chosen with ``benchmarks/matching_quality.py --semantic --gate-only`` (top 20
per challenge, demand 3). A semantic score alone does not separate: at 0.10 it lets in 88% of
true experts but 45% of unrelated members on the hand set (92% / 68% synthetic), at 0.5 44% /
0.6% (30% / 3.9%), and on Dutch challenges unrelated members score highest. The best English
candidate with SEMANTIC_MIN 0.10: hand set, 31% of true experts and 0% of unrelated members
pass that way (either gate: 87.5% / 0.58%, as without it), it adds one related member (the 8D
expert for "reduce defects") and no unrelated proposal (1 of 17); synthetic set, 6.8% and
0.011% (either gate 82.2% / 0.377%), one unrelated alternate in 400 challenges and no
unrelated proposal (3 of 1200, as without it). 0.05-0.25 give the same; 0.10 keeps weak real
matches ("reduce defects" → the Lean Six Sigma expert alone: 0.15-0.17) with a margin."""
COVERAGE_BONUS = 10.0
PRIME_BATCH = 64
"""Challenges whose semantic cosines are computed in one matrix product (64 × 200k rows is
51 MB of float32)."""

IntroductionStatus = Literal["pending", "accepted", "declined", "completed", "cancelled"]
OPEN_STATUSES: frozenset[str] = frozenset({"pending", "accepted"})


@dataclass(frozen=True, slots=True)
class Introduction:
    """An earlier proposal; pending and accepted ones are open and use capacity."""

    challenge_id: str
    expert_id: str
    status: IntroductionStatus = "pending"


@dataclass(frozen=True, slots=True)
class Proposal:
    challenge_id: str
    expert_id: str
    score: float
    kept: bool = False
    explanation: Explanation | None = None


@dataclass(frozen=True, slots=True)
class Alternate:
    """A next-best eligible expert, for when a proposed one declines."""

    challenge_id: str
    expert_id: str
    score: float
    has_capacity: bool


@dataclass(frozen=True, slots=True)
class Shortfall:
    challenge_id: str
    missing: int
    reason: Reason


@dataclass(slots=True)
class ProposalSet:
    proposals: list[Proposal] = field(default_factory=list)
    alternates: dict[str, list[Alternate]] = field(default_factory=dict)
    shortfalls: dict[str, Shortfall] = field(default_factory=dict)
    withdrawn: list[tuple[Introduction, list[Rule]]] = field(default_factory=list)
    post_check_rejections: int = 0

    def for_challenge(self, challenge_id: str) -> list[Proposal]:
        return [p for p in self.proposals if p.challenge_id == challenge_id]


def shortlist(
    engine: Engine,
    challenges: Sequence[Challenge],
    facts: EligibilityFacts,
    top_n: int = DEFAULT_TOP_N,
    *,
    semantic: dict[str, Mapping[str, float]] | None = None,
    workers: int = 1,
) -> Mapping[str, Mapping[str, float]]:
    """Top ``top_n`` eligible members per open challenge: the sparse input of ``propose``,
    a read-only mapping over flat arrays (``matching/shortlists.py``).

    All challenges are scored together by ``matching.candidates`` (bounds instead of a score
    for every member, eligibility as masks); the result equals ``shortlist_by_top_k`` up to
    float rounding and tie order, except that it is never cut short by ineligible top hits.
    A given ``semantic`` dict is filled with the same members' semantic scores (challenge →
    expert → score, views of the same arrays) for ``propose``'s semantic gate, only when the
    engine has the semantic scorer and the challenge is in one of the model's
    ``gate_languages``. ``workers`` > 1 scores in
    that many forked processes (see ``best_members``).
    """
    if not bounded(engine):
        return shortlist_by_top_k(engine, challenges, facts, top_n, semantic=semantic)
    open_challenges = [c for c in challenges if c.is_open]
    found = best_members(engine, open_challenges, facts, top_n, workers=workers)
    result = Shortlists(
        [c.challenge_id for c in open_challenges],
        found.start,
        found.member,
        found.total,
        engine.member_ids,
        found.semantic,
    )
    if semantic is None or found.semantic is None:
        return result
    gated = engine.semantic_scoring.gate_languages
    for challenge in open_challenges:
        if _language(challenge) in gated:
            semantic[challenge.challenge_id] = result.meaning(challenge.challenge_id)
    return result


def shortlist_by_top_k(
    engine: Engine,
    challenges: Sequence[Challenge],
    facts: EligibilityFacts,
    top_n: int = DEFAULT_TOP_N,
    *,
    semantic: dict[str, Mapping[str, float]] | None = None,
) -> dict[str, dict[str, float]]:
    """``shortlist`` one challenge at a time through ``Engine.top_k``: the reference that
    ``shortlist`` is tested and benchmarked against, and its path for aggregations without
    bounds (``lse``).

    Members who can never be proposed (inactive, opted out, unknown to ``facts``) are
    excluded before scoring; per-pair rules are checked on the engine's top ``2 × top_n``
    hits (so it can return fewer than ``top_n`` when most of them are ineligible). A given
    ``semantic`` dict is filled with the same members' semantic scores (challenge → expert →
    score) for ``propose``'s semantic gate, only when the engine has the semantic scorer and
    the challenge is in one of the model's ``gate_languages``.
    """
    never = {
        m for m, f in facts.members.items() if f.status != "active" or not f.share_name_for_matching
    }
    never.update(m for m in engine.member_ids if m not in facts.members)
    result: dict[str, dict[str, float]] = {}
    has_semantic = engine.embeddings is not None
    open_challenges = [c for c in challenges if c.is_open]
    for position, challenge in enumerate(open_challenges):
        if position % PRIME_BATCH == 0:
            engine.prime([c.text for c in open_challenges[position : position + PRIME_BATCH]])
        owner = facts.members.get(challenge.owner_id)
        exclude = never | {challenge.owner_id} | (owner.blocklist if owner else frozenset())
        hits = engine.top_k(
            challenge.text, challenge.tags, 2 * top_n, language=challenge.language, exclude=exclude
        )
        eligible = [h for h in hits if not violations(challenge, h.member_id, facts)]
        result[challenge.challenge_id] = {h.member_id: h.score for h in eligible[:top_n]}
        if (
            semantic is not None
            and has_semantic
            and _language(challenge) in engine.semantic_scoring.gate_languages
        ):
            semantic[challenge.challenge_id] = {
                h.member_id: h.extra["semantic"] for h in eligible[:top_n] if "semantic" in h.extra
            }
    return result


def _language(challenge: Challenge) -> str:
    return resolve_language(challenge.language, surface_tokens(challenge.text))


def _solve(edges: list[tuple[int, int, float]], need: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Chosen edge mask of the capacity/demand b-matching with a coverage bonus.

    The problem is a min-cost flow: source → challenge, one arc of capacity 1 at cost
    −COVERAGE_BONUS and one of capacity need − 1 at cost 0; challenge → expert at −score;
    expert → sink with capacity room; and source → sink at cost 0 for what is not sent. Its
    optimum is integral and equals the MILP's (``_solve_milp``, the former formulation, which
    the tests compare objectives with). OR-Tools' min-cost-flow solver needs integer costs, so
    scores count in millionths. At 100,000 challenges × 20 candidates (2,000,000 arcs) it
    solves in 12–18 s on the 2-core machine, where HiGHS (MILP, or the LP of this flow) took
    minutes. ``propose`` calls ``_min_cost_flow`` on its arrays; this list form is the tests'.
    """
    if not edges:
        return np.zeros(0, dtype=bool)
    chal = np.array([e[0] for e in edges], dtype=np.int64)
    expert = np.array([e[1] for e in edges], dtype=np.int64)
    score = np.array([e[2] for e in edges], dtype=np.float64)
    return _min_cost_flow(chal, expert, score, need, room)


SCORE_UNITS = 1_000_000
"""Costs of the flow are integers: a score of 1 is a million units."""


def _min_cost_flow(
    chal: np.ndarray, expert: np.ndarray, score: np.ndarray, need: np.ndarray, room: np.ndarray
) -> np.ndarray:
    # Imported here, like scipy.optimize: only a re-match pays its import.
    from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

    n_chal, n_exp = len(need), len(room)
    source, sink = 0, 1
    challenge_node = 2 + np.arange(n_chal, dtype=np.int64)
    expert_node = 2 + n_chal + np.arange(n_exp, dtype=np.int64)
    places = np.maximum(np.asarray(need, dtype=np.int64), 0)
    total = int(places.sum())
    flow = SimpleMinCostFlow()
    edge_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        challenge_node[chal],
        expert_node[expert],
        np.ones(len(chal), dtype=np.int64),
        -np.round(score * SCORE_UNITS).astype(np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(2 * n_chal, source), expert_node, [source]]),
        np.concatenate([challenge_node, challenge_node, np.full(n_exp, sink), [sink]]),
        np.concatenate(
            [
                np.minimum(places, 1),
                np.maximum(places - 1, 0),
                np.maximum(np.asarray(room, dtype=np.int64), 0),
                [total],
            ]
        ),
        np.concatenate(
            [
                np.full(n_chal, -round(COVERAGE_BONUS * SCORE_UNITS)),
                np.zeros(n_chal + n_exp + 1),
            ]
        ).astype(np.int64),
    )
    supplies = np.zeros(2 + n_chal + n_exp, dtype=np.int64)
    supplies[source], supplies[sink] = total, -total
    flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"assignment solver failed with status {status}")
    return flow.flows(edge_arcs) > 0


def _solve_milp(
    edges: list[tuple[int, int, float]], need: np.ndarray, room: np.ndarray
) -> np.ndarray:
    """``_solve`` as a MILP over all edges (the formulation used before the flow LP)."""
    # Imported here: scipy.optimize takes half a second to import, paid by every `kring` start.
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_edges, n_chal = len(edges), len(need)
    if n_edges == 0:
        return np.zeros(0, dtype=bool)
    chal = np.array([e[0] for e in edges])
    expert = np.array([e[1] for e in edges])
    score = np.array([e[2] for e in edges])
    n_var = n_edges + n_chal
    cost = -np.concatenate([score, np.full(n_chal, COVERAGE_BONUS)])
    ar = np.arange(n_edges)
    demand_rows = sparse.csr_matrix((np.ones(n_edges), (chal, ar)), shape=(n_chal, n_var))
    cap_rows = sparse.csr_matrix((np.ones(n_edges), (expert, ar)), shape=(len(room), n_var))
    cover = sparse.hstack(
        [-demand_rows[:, :n_edges], sparse.identity(n_chal, format="csr")], format="csr"
    )
    constraints = [
        LinearConstraint(demand_rows, -np.inf, need),
        LinearConstraint(cap_rows, -np.inf, room),
        LinearConstraint(cover, -np.inf, 0),
    ]
    integrality = np.concatenate([np.ones(n_edges), np.zeros(n_chal)])
    upper = np.concatenate([np.ones(n_edges), np.minimum(need, 1)])
    result = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros(n_var), upper),
    )
    if result.x is None:
        raise RuntimeError(f"assignment solver failed: {result.message}")
    return result.x[:n_edges] > 0.5


def propose(
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
    """Proposals for the open ``challenges`` from ``scores`` (challenge → expert → score).

    Pending and accepted ``introductions`` are kept (unless a rule other than cooldown now
    forbids them, then they are listed as withdrawn) and count toward both the expert's
    capacity and the challenge's demand. Declined pairs are not proposed again.
    A challenge left short gets a ``Shortfall`` reason: ``no_eligible_expert`` when none of
    its scored candidates is eligible, ``capacity_exhausted`` when an eligible candidate
    above ``min_score`` was left out for lack of capacity, else ``below_threshold``.
    ``semantic`` (challenge → expert → semantic score, from ``shortlist``) opens a second
    gate: per challenge the scored candidate with the highest semantic score is proposable
    (if eligible) even under ``min_score`` when that score reaches ``semantic_min`` (see
    SEMANTIC_MIN); without ``semantic`` only ``min_score`` counts.

    Every scored pair is one element of flat arrays (``_Pairs``), so eligibility, the gates,
    the ranks and the alternates' capacity are array operations; only the introductions and
    the result objects are built one by one. Challenge ids must be unique.
    """
    out = ProposalSet()
    capacity = capacity or {}
    in_run = {c.challenge_id: c for c in challenges}
    if len(in_run) != len(challenges):
        twice = sorted(i for i, n in Counter(c.challenge_id for c in challenges).items() if n > 1)
        raise ValueError(f"challenge ids must be unique; given more than once: {twice[:5]}")
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
    n_rows = len(open_challenges)
    pairs = _Pairs.of(open_challenges, scores, semantic or {})
    row, member, score = pairs.row, pairs.member, pairs.score
    number = pairs.number

    # violations() for every scored pair (EligibilityMasks equals it,
    # tests/matching/test_matching_eligibility_masks.py), minus refused pairs, best first.
    masks = EligibilityMasks(facts, pairs.members)
    refused_keys = [
        r * len(number) + number[e]
        for r, c in enumerate(open_challenges)
        for e in refused.get(c.challenge_id, ())
        if e in number
    ]
    eligible = masks.allowed_pairs(open_challenges, row, member)
    if refused_keys:
        eligible &= ~np.isin(row * len(number) + member, refused_keys)
    eligible = pairs.first(eligible, top_n)

    # The best by meaning among all scored candidates, not only those still open: when it
    # is already introduced, declined or now ineligible, the runner-up is not promoted.
    by_meaning = np.zeros(len(row), dtype=bool)
    best = pairs.best_by_meaning()
    by_meaning[best] = pairs.meaning[best] >= max(semantic_min, 1e-9)
    passes = (score > 0) & ((score >= min_score) | by_meaning)

    experts = np.unique(member[eligible])
    expert_at = np.full(len(number), -1, dtype=np.int64)
    expert_at[experts] = np.arange(len(experts))
    room_left = np.array(
        [
            capacity.get(e, default_capacity) - load[e]
            for e in map(pairs.members.__getitem__, experts.tolist())
        ]
    )
    need = np.array(
        [
            max(
                0,
                (c.demand if c.demand is not None else demand) - len(kept.get(c.challenge_id, ())),
            )
            for c in open_challenges
        ],
        dtype=float,
    )
    room = np.maximum(room_left, 0).astype(float)
    edge = np.flatnonzero(eligible & passes)
    edge = edge[(need[row[edge]] > 0) & (room[expert_at[member[edge]]] > 0)]
    if len(edge):
        chosen_in = _min_cost_flow(
            row[edge], expert_at[member[edge]], score[edge].astype(np.float64), need, room
        )
    else:
        chosen_in = np.zeros(0, dtype=bool)
    chosen = edge[chosen_in]
    accepted = chosen[_post_check(row[chosen], expert_at[member[chosen]], need, room_left)]
    out.post_check_rejections = len(chosen) - len(accepted)

    taken = np.zeros(len(row), dtype=bool)
    taken[chosen] = True
    above = eligible & passes & ~taken
    alternates = np.flatnonzero(pairs.first(above, n_alternates))
    has_capacity = (
        _used_up_to(
            row[accepted],
            expert_at[member[accepted]],
            row[alternates],
            expert_at[member[alternates]],
            n_rows,
        )
        < room_left[expert_at[member[alternates]]]
    )
    missing = (need.astype(np.int64) - np.bincount(row[accepted], minlength=n_rows)).tolist()
    any_eligible = (np.bincount(row[eligible], minlength=n_rows) > 0).tolist()
    any_above = (np.bincount(row[above], minlength=n_rows) > 0).tolist()

    new_from = np.searchsorted(row[accepted], np.arange(n_rows + 1)).tolist()
    new_ids = [pairs.members[i] for i in member[accepted].tolist()]
    new_scores = score[accepted].astype(np.float64).tolist()
    alt_from = np.searchsorted(row[alternates], np.arange(n_rows + 1)).tolist()
    alt_ids = [pairs.members[i] for i in member[alternates].tolist()]
    alt_scores = score[alternates].astype(np.float64).tolist()
    alt_room = has_capacity.tolist()
    with _collector_paused():
        for r, c in enumerate(open_challenges):
            cid = c.challenge_id
            for intro in kept.get(cid, ()):
                out.proposals.append(
                    Proposal(
                        cid,
                        intro.expert_id,
                        float(scores.get(cid, {}).get(intro.expert_id, 0)),
                        True,
                    )
                )
            for k in range(new_from[r], new_from[r + 1]):
                explanation = explainer(c, new_ids[k]) if explainer else None
                out.proposals.append(Proposal(cid, new_ids[k], new_scores[k], False, explanation))
            out.alternates[cid] = [
                Alternate(cid, alt_ids[k], alt_scores[k], alt_room[k])
                for k in range(alt_from[r], alt_from[r + 1])
            ]
            if missing[r] > 0:
                if not any_eligible[r]:
                    reason = Reason.NO_ELIGIBLE_EXPERT
                elif any_above[r]:
                    reason = Reason.CAPACITY_EXHAUSTED
                else:
                    reason = Reason.BELOW_THRESHOLD
                out.shortfalls[cid] = Shortfall(cid, missing[r], reason)
    return out


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Every scored (challenge, expert) pair of a run as flat arrays, each challenge's pairs
    together and ranked as ``propose`` reads them: score high to low, then expert id."""

    members: list[str]
    """Scored experts, sorted: an expert's number is its place here, so numbers sort as ids."""
    number: dict[str, int]
    row: np.ndarray
    """The challenge's place among the open challenges."""
    member: np.ndarray
    score: np.ndarray
    meaning: np.ndarray
    """Semantic score (0 when none) where the challenge has semantic scores, else NaN."""
    start: np.ndarray
    """Row ``r``'s pairs are ``start[r]:start[r + 1]``."""

    @classmethod
    def of(
        cls,
        challenges: Sequence[Challenge],
        scores: Mapping[str, Mapping[str, float]],
        semantic: Mapping[str, Mapping[str, float]],
    ) -> _Pairs:
        if isinstance(scores, Shortlists):
            taken = _Pairs._of_shortlists(challenges, scores, semantic)
            if taken is not None:
                return taken
        ids: list[str] = []
        values: list[float] = []
        counts: list[int] = []
        meaning: list[float] = []
        has_meaning: list[bool] = []
        for c in challenges:
            scored = scores.get(c.challenge_id, {})
            ids.extend(scored)
            values.extend(scored.values())
            counts.append(len(scored))
            sem = semantic.get(c.challenge_id)
            has_meaning.append(sem is not None)
            if sem is not None:
                meaning.extend([sem.get(e, 0.0) for e in scored])
        members = sorted(set(ids))
        number = {m: i for i, m in enumerate(members)}
        member = np.fromiter(map(number.__getitem__, ids), dtype=np.int64, count=len(ids))
        score = np.array(values) if values else np.zeros(0)
        row = np.repeat(np.arange(len(challenges), dtype=np.int64), counts)
        semantic_scores = np.full(len(ids), np.nan)
        semantic_scores[np.repeat(np.array(has_meaning, dtype=bool), counts)] = meaning
        start = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
        pairs = cls(members, number, row, member, score, semantic_scores, start)
        return pairs if pairs.ranked() else pairs.reordered(np.lexsort((member, -score, row)))

    @classmethod
    def _of_shortlists(
        cls,
        challenges: Sequence[Challenge],
        scores: Shortlists,
        semantic: Mapping[str, Mapping[str, float]],
    ) -> _Pairs | None:
        """``of`` read from the shortlists' arrays, or None when a challenge's semantic
        scores are not theirs (then the mappings are read one by one)."""
        rows = np.full(len(challenges), -1, dtype=np.int64)
        has_meaning = np.zeros(len(challenges), dtype=bool)
        for i, c in enumerate(challenges):
            row = scores.row(c.challenge_id)
            sem = semantic.get(c.challenge_id)
            if sem is not None:
                if not (
                    isinstance(sem, MeaningView)
                    and sem.source.member is scores.member
                    and sem.row == row
                ):
                    return None
                has_meaning[i] = True
            if row is not None:
                rows[i] = row
        found = rows >= 0
        lo = np.where(found, scores.start[np.maximum(rows, 0)], 0)
        counts = np.where(found, scores.start[np.maximum(rows, 0) + 1] - lo, 0)
        start = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
        row = np.repeat(np.arange(len(challenges), dtype=np.int64), counts)
        at = np.arange(int(start[-1]), dtype=np.int64) - start[row] + lo[row]
        engine_member = scores.member[at].astype(np.int64)
        ids = scores.ids
        present = np.zeros(len(ids), dtype=bool)
        present[engine_member] = True
        scored = np.flatnonzero(present)
        scored = scored[np.argsort(scores.id_rank()[scored])]  # numbers sort as ids
        members = [ids[m] for m in scored.tolist()]
        number_of = np.zeros(len(ids), dtype=np.int64)
        number_of[scored] = np.arange(len(scored))
        meaning = np.full(len(at), np.nan)
        with_meaning = has_meaning[row]
        if with_meaning.any():
            assert scores.semantic is not None
            meaning[with_meaning] = scores.semantic[at[with_meaning]]
        pairs = cls(
            members,
            {m: i for i, m in enumerate(members)},
            row,
            number_of[engine_member],
            scores.total[at],
            meaning,
            start,
        )
        return (
            pairs
            if pairs.ranked()
            else pairs.reordered(np.lexsort((pairs.member, -pairs.score, row)))
        )

    def ranked(self) -> bool:
        """Are the pairs already in ranked order (as ``shortlist`` gives them)?"""
        score, member = self.score, self.member
        later = (score[:-1] > score[1:]) | ((score[:-1] == score[1:]) & (member[:-1] < member[1:]))
        return bool((later | (self.row[:-1] != self.row[1:])).all())

    def reordered(self, order: np.ndarray) -> _Pairs:
        return _Pairs(
            self.members,
            self.number,
            self.row[order],
            self.member[order],
            self.score[order],
            self.meaning[order],
            self.start,
        )

    def first(self, mask: np.ndarray, n: int) -> np.ndarray:
        """``mask`` kept only for each row's first ``n`` pairs where it holds."""
        seen = np.cumsum(mask)
        before_row = np.concatenate([[0], seen])[self.start[:-1]]
        return mask & (seen - before_row[self.row] <= n)

    def best_by_meaning(self) -> np.ndarray:
        """The pair of each row's highest semantic score, ties to the lowest expert id, for
        the rows that have semantic scores."""
        has = np.flatnonzero(~np.isnan(self.meaning))
        if not len(has):
            return has
        order = has[np.lexsort((self.member[has], -self.meaning[has], self.row[has]))]
        rows = self.row[order]
        head = np.concatenate([[True], rows[1:] != rows[:-1]])
        return order[head]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The results are a few hundred thousand small objects and no cycles; the garbage
    collector's passes over the whole heap while they are made took 1.5 of 2 s at 100,000."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _post_check(
    rows: np.ndarray, experts: np.ndarray, need: np.ndarray, room: np.ndarray
) -> np.ndarray:
    """Which of the solver's chosen pairs (in challenge order, best first) still fit the
    challenge's need and the expert's room when taken one by one. When the totals fit, all
    do (the solver keeps both bounds); only a faulty solution is walked pair by pair. That
    the expert is still allowed holds by construction: arcs are made of eligible pairs."""
    fits = (np.bincount(rows, minlength=len(need)) <= need).all() and (
        np.bincount(experts, minlength=len(room)) <= room
    ).all()
    if fits:
        return np.ones(len(rows), dtype=bool)
    ok = np.zeros(len(rows), dtype=bool)
    taken = np.zeros(len(need), dtype=np.int64)
    used = np.zeros(len(room), dtype=np.int64)
    for k, (r, e) in enumerate(zip(rows.tolist(), experts.tolist(), strict=True)):
        if taken[r] < need[r] and used[e] < room[e]:
            ok[k] = True
            taken[r] += 1
            used[e] += 1
    return ok


def _used_up_to(
    rows: np.ndarray, experts: np.ndarray, at_rows: np.ndarray, at_experts: np.ndarray, n_rows: int
) -> np.ndarray:
    """For each (at_rows[k], at_experts[k]): how many of the pairs (rows, experts) have that
    expert in a row up to and including at_rows[k]."""
    keys = np.sort(experts * n_rows + rows)
    return np.searchsorted(keys, at_experts * n_rows + at_rows, side="right") - np.searchsorted(
        keys, at_experts * n_rows, side="left"
    )
