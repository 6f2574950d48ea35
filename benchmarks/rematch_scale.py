"""Full re-match cost: every member has one open challenge and two expertise records.

Run: ``.venv/bin/python benchmarks/rematch_scale.py --sizes 10000,100000`` (``--modes
tfidf,e5,semantic``, ``--workers 1,2``, ``--no-assignment``). The network comes from
``synthetic_network.py`` with organisations of 25 members sharing an e-mail domain (every
40th member on gmail.com), 2% paused, 2% opted out, 1 in 200 blocking someone, 5%
introduced to someone within the cooldown and 1% with a pending introduction. Phases, timed
separately: engine fit (with the query bank of every open challenge, as a re-match fits it),
candidates (``shortlist``: the top 20 eligible members of every
challenge) and assignment (``propose``: the global b-matching, alternates and reasons,
without explanations).

``semantic`` gives the engine stored vectors: random unit float32 vectors for every record
and challenge text, passed as ``Embeddings(encoder, known)`` so nothing is encoded. ``e5``
gives it the real vectors of the default model (encoded once, ~12 minutes at 100,000, and
kept in ``~/.cache/kring-bench/``): what the semantic shortlists find, and so what the
candidates cost, depends on how the vectors lie, and random ones lie nothing like E5's.
``e5-full`` takes the same vectors but computes every record value (no low-rank sketch,
``matching/semantic_sketch.py``), as the candidates did before it.

Today's code (``shortlist_by_top_k``: ``Engine.top_k`` per challenge, then ``violations``
on its hits) would take about 40 minutes at 100,000, so it runs on the first ``--sample``
challenges in the same process, is extrapolated to all and compared with the candidates
phase; the new and old shortlists of that sample are checked to agree (same members in
the same order and scores within 1e-6, ties aside). Peak memory is ``ru_maxrss`` of this
process and of forked workers, monotonic over the run: the figure after a row is the peak
so far.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_network import Network, generate, open_challenge
from matching import semantic_values
from matching.assignment import Introduction, propose, shortlist, shortlist_by_top_k
from matching.eligibility import EligibilityFacts, MemberFacts, OrganisationFacts, pair
from matching.encoders.progress_bar import EncodingBar
from matching.engine import Engine
from matching.records import Challenge
from matching.semantic import DIMENSIONS, QUERY_KEY, Embeddings, default_encoder, text_hash
from matching.semantic_values import SKETCH_FROM

TODAY = date(2026, 12, 1)
ORGANISATION_SIZE = 25
CACHE = Path.home() / ".cache" / "kring-bench"


def network(size: int, seed: int) -> tuple[Network, list[Challenge]]:
    net = generate(size, seed=seed, records_per_member=(2, 2))
    return net, [open_challenge(member, seed) for member in net.members]


def facts_for(net: Network, seed: int) -> tuple[EligibilityFacts, list[Introduction]]:
    """Organisations, statuses, blocks and introduction history (see module docstring)."""
    rng = random.Random(seed)
    ids = [m.member_id for m in net.members]
    members: dict[str, MemberFacts] = {}
    organisations: dict[str, OrganisationFacts] = {}
    for i, member_id in enumerate(ids):
        org = f"o{i // ORGANISATION_SIZE}"
        domain = f"{org}.example"
        organisations[org] = OrganisationFacts(org, frozenset({domain}))
        roll = rng.random()
        members[member_id] = MemberFacts(
            member_id,
            organisation_id=org,
            email_domain="gmail.com" if i % 40 == 0 else domain,
            status="paused" if roll < 0.02 else "active",
            share_name_for_matching=not 0.02 <= roll < 0.04,
            blocklist=frozenset({rng.choice(ids)}) if i % 200 == 0 else frozenset(),
        )
    history: dict[frozenset[str], tuple[date, ...]] = {}
    open_intros = []
    for member_id in ids:
        if rng.random() < 0.05:
            other = rng.choice(ids)
            history[pair(member_id, other)] = (TODAY - timedelta(days=rng.randrange(400)),)
        if rng.random() < 0.01:
            open_intros.append(Introduction(f"c{member_id}", rng.choice(ids), "pending"))
    facts = EligibilityFacts(members, TODAY, organisations, history)
    return facts, open_intros


def stored_vectors(net: Network, challenges: list[Challenge], seed: int) -> dict:
    rng = np.random.default_rng(seed)
    texts = list(dict.fromkeys([r.text for r in net.records] + [c.text for c in challenges]))
    vectors = rng.standard_normal((len(texts), DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    known = {text_hash(t): v for t, v in zip(texts, vectors, strict=True)}
    # A model that tells queries from passages (E5) keys a challenge by "query: " + its text.
    known.update({text_hash(QUERY_KEY + c.text): known[text_hash(c.text)] for c in challenges})
    return known


def encoded_vectors(net: Network, challenges: list[Challenge], size: int, seed: int) -> dict:
    """The default model's vectors of every record and challenge text, cached on disk."""
    embeddings = Embeddings.default()
    if embeddings is None:
        raise SystemExit("the semantic extra is not installed (make install)")
    cache = CACHE / f"{embeddings.version.replace('/', '_')}_net{size}_seed{seed}.npz"
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        stored = np.load(cache)
        known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    fresh = Embeddings(embeddings.encoder, known)
    passages, queries = [r.text for r in net.records], [c.text for c in challenges]
    if fresh.missing(passages, "passage") or fresh.missing(queries, "query"):
        print(f"  encoding the network's texts once into {cache}", file=sys.stderr)
        fresh.encode_missing(passages, queries, progress=EncodingBar(label=f"encode {size}"))
        CACHE.mkdir(parents=True, exist_ok=True)
        keys = list(fresh.known)
        np.savez(cache, keys=np.array(keys), vectors=np.stack([fresh.known[k] for k in keys]))
    return fresh.known


def agreeing(old: dict[str, dict[str, float]], new: dict[str, dict[str, float]]) -> int:
    """Challenges whose old ranking is a prefix of the new one (old may be cut short by
    ineligible hits), ties at the boundary aside."""
    return sum(_agree(expected, new[cid]) for cid, expected in old.items())


def _agree(expected: dict[str, float], new: dict[str, float]) -> bool:
    got = list(new.items())[: len(expected)]
    want = list(expected.items())
    if not np.allclose([s for _, s in got], [s for _, s in want], atol=1e-6):
        return False
    if {m for m, _ in got} != {m for m, _ in want}:
        boundary = want[-1][1] if want else 0.0
        differ = {m for m, _ in got} ^ {m for m, _ in want}
        scores = dict(got) | dict(want)
        if any(abs(scores[m] - boundary) > 1e-6 for m in differ):
            return False
    return True


def progress(message: str) -> None:
    """Phase times as they come, on stderr (a run cut short still tells them)."""
    print(f"  {message} (peak {peak_mb():.0f} MB)", file=sys.stderr, flush=True)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(size: int, mode: str, workers: int, sample: int, seed: int, assign: bool) -> None:
    net, challenges = network(size, seed)
    facts, intros = facts_for(net, seed)
    embeddings = None
    if mode == "semantic":
        encoder = default_encoder()
        if encoder is None:
            raise SystemExit("the semantic extra is not installed (make install)")
        embeddings = Embeddings(encoder, stored_vectors(net, challenges, seed))
    elif mode in ("e5", "e5-full"):
        known = encoded_vectors(net, challenges, size, seed)
        embeddings = Embeddings(default_encoder(), known)  # type: ignore[arg-type]
    # e5-full: the same vectors, every record value computed (no sketch), as before the sketch.
    semantic_values.SKETCH_FROM = sys.maxsize if mode == "e5-full" else SKETCH_FROM
    started = time.perf_counter()
    engine = Engine(net.records, embeddings=embeddings)
    engine.fit_query_bank([c.text for c in challenges])  # as the service does (E5 only)
    fit = time.perf_counter() - started
    progress(f"fit {fit:.1f} s")

    started = time.perf_counter()
    semantic: dict[str, Mapping[str, float]] = {}
    scores = shortlist(engine, challenges, facts, semantic=semantic, workers=workers)
    candidates = time.perf_counter() - started
    progress(f"candidates {candidates:.1f} s")

    assignment, proposals = float("nan"), 0
    if assign:
        started = time.perf_counter()
        result = propose(
            challenges,
            scores,
            facts,
            introductions=intros,
            semantic=semantic,
            semantic_min=engine.semantic_scoring.gate,
        )
        assignment = time.perf_counter() - started
        proposals = len(result.proposals)
        progress(f"assignment {assignment:.1f} s")

    started = time.perf_counter()
    old = shortlist_by_top_k(engine, challenges[:sample], facts)
    old_per = (time.perf_counter() - started) / sample
    if embeddings is not None:
        assert not embeddings.new, "a run with stored vectors encoded a text"
    same = agreeing(old, scores)
    old_candidates = old_per * len(challenges)
    print(
        f"{size:>8} {mode:>8} {workers:>7} {fit:>6.1f} {candidates:>10.1f} {assignment:>10.1f} "
        f"{fit + candidates + assignment:>7.1f} {proposals:>9} "
        f"{old_per * 1000:>9.1f} {old_candidates:>10.0f} {old_candidates / candidates:>6.0f}x "
        f"{same:>5}/{len(old)} {peak_mb():>8.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--modes", default="tfidf,e5")
    parser.add_argument("--workers", default="1")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-assignment", action="store_true", help="stop after the candidates phase"
    )
    args = parser.parse_args()
    print(
        f"{'members':>8} {'scorer':>8} {'workers':>7} {'fit s':>6} {'cands s':>10} "
        f"{'assign s':>10} {'total s':>7} {'proposals':>9} {'old ms/ch':>9} "
        f"{'old cands s':>10} {'ratio':>7} {'agree':>5} {'peak MB':>8}"
    )
    for size in sorted(int(s) for s in args.sizes.split(",")):
        for mode in args.modes.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                run(size, mode, workers, min(args.sample, size), args.seed, not args.no_assignment)


if __name__ == "__main__":
    main()
