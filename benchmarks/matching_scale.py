"""Matching scale: fit, top-10 latency, refresh after an edit and peak memory.

Run: ``.venv/bin/python benchmarks/matching_scale.py --sizes 1000,10000,100000``.
Sizes run in ascending order; peak RSS (``ru_maxrss``) is process-wide and monotonic, so
the figure printed after a size is the peak up to and including that size.
Baselines, run in the same process: a naive refit of the whole engine for the refresh, and
a brute-force query (full CSR product and full sort) for top-10.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_network import challenge_for, generate
from matching.engine import Engine
from matching.records import ExpertiseRecord
from matching.text import analyse

N_QUERIES = 50


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, seed: int) -> dict[str, float]:
    t0 = time.perf_counter()
    network = generate(size, seed=seed)
    gen_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    engine = Engine(network.records)
    fit_s = time.perf_counter() - t0

    queries = [challenge_for(m, seed)[0] for m in network.members[:N_QUERIES]]
    t0 = time.perf_counter()
    for q in queries:
        engine.top_k(q.text, q.tags, 10, language=q.language)
    query_ms = (time.perf_counter() - t0) / len(queries) * 1000

    main_csr = engine._main.tocsr()
    t0 = time.perf_counter()
    for q in queries[:10]:
        scores = (main_csr @ engine.space.transform([analyse(q.text)]).T).toarray().ravel()
        np.argsort(-scores)[:10]
    brute_ms = (time.perf_counter() - t0) / 10 * 1000

    member = network.members[size // 2]
    edited = ExpertiseRecord(
        f"{member.member_id}-r0",
        member.member_id,
        "Nieuw: begeleiding van ISO 45001 en veiligheidscultuur in de bouw, ook NIS2.",
        ("ISO 45001", "veiligheid"),
        "nl",
    )
    probe = challenge_for(member, seed, 1)[0]
    refresh = []
    for i in range(5):
        t0 = time.perf_counter()
        engine.upsert(
            ExpertiseRecord(edited.record_id, edited.member_id, f"{edited.text} {i}", edited.tags)
        )
        engine.top_k(probe.text, probe.tags, 10, language=probe.language)
        refresh.append((time.perf_counter() - t0) * 1000)
    refresh_ms = float(np.median(refresh))

    records = list(engine._records.values())
    t0 = time.perf_counter()
    naive = Engine(records)
    naive.top_k(probe.text, probe.tags, 10, language=probe.language)
    naive_refresh_ms = (time.perf_counter() - t0) * 1000

    return {
        "members": size,
        "records": len(network.records),
        "gen_s": gen_s,
        "fit_s": fit_s,
        "query_ms": query_ms,
        "brute_ms": brute_ms,
        "fit_top10_s": fit_s + query_ms / 1000,
        "refresh_ms": refresh_ms,
        "naive_refresh_ms": naive_refresh_ms,
        "nnz": engine._main.nnz,
        "peak_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    header = (
        f"{'members':>8} {'records':>8} {'nnz':>10} {'fit s':>7} {'top10 ms':>9} "
        f"{'brute ms':>9} {'x faster':>8} {'fit+top10 s':>11} {'refresh ms':>10} "
        f"{'refit ms':>9} {'x faster':>8} {'peak MB':>8}"
    )
    print(header)
    for size in sizes:
        r = run(size, args.seed)
        print(
            f"{r['members']:>8} {r['records']:>8} {r['nnz']:>10} {r['fit_s']:>7.2f} "
            f"{r['query_ms']:>9.2f} {r['brute_ms']:>9.2f} {r['brute_ms'] / r['query_ms']:>8.1f} "
            f"{r['fit_top10_s']:>11.2f} {r['refresh_ms']:>10.2f} {r['naive_refresh_ms']:>9.0f} "
            f"{r['naive_refresh_ms'] / r['refresh_ms']:>8.0f} {r['peak_mb']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
