"""Semantic scorer cost: encoding speed on this machine, and re-matching with cached vectors.

Run: ``.venv/bin/python benchmarks/semantic_scale.py --sizes 10000,100000`` (needs the
``semantic`` extra). Encoding is measured for real on ``--encode`` synthetic record texts.
For the re-match the cache is filled with random unit vectors stored as float32 bytes (what
the ``embedding`` table holds) and decoded as a run does: a cached run never calls the model,
so its cost does not depend on the values, and encoding 300,000 texts first would take hours
here. Per size: engine fit without and with the semantic scorer, top-10 latency per
challenge for both, and the full re-match of one challenge per 10 members extrapolated
from ``N_QUERIES`` challenges, scored in blocks of ``PRIME_BATCH`` as ``shortlist`` does.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_network import challenge_for, generate
from matching.assignment import PRIME_BATCH
from matching.engine import Engine
from matching.semantic import (
    DIMENSIONS,
    Embeddings,
    default_encoder,
    from_bytes,
    text_hash,
    to_bytes,
)

N_QUERIES = 128


def encode_rate(n_texts: int) -> None:
    encoder = default_encoder()
    if encoder is None:
        raise SystemExit("the semantic extra is not installed (make install) or KRING_SEMANTIC=off")
    texts = [r.text for r in generate(n_texts // 2 + 1, seed=3).records][:n_texts]
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))
    encoder.encode(texts[:8])  # warm-up
    started = time.perf_counter()
    encoder.encode(texts)
    seconds = time.perf_counter() - started
    print(
        f"encoding: {len(texts)} texts ({tokens / len(texts):.0f} tokens on average) in "
        f"{seconds:.1f}s = {len(texts) / seconds:.0f} texts/s, {tokens / seconds:.0f} tokens/s "
        f"(cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def rematch(size: int, seed: int) -> None:
    encoder = default_encoder()
    assert encoder is not None
    network = generate(size, seed=seed)
    queries = [challenge_for(m, seed)[0] for m in network.members[:N_QUERIES]]
    rng = np.random.default_rng(seed)
    texts = {r.text for r in network.records} | {q.text for q in queries}
    blobs = {}
    for text in texts:
        vector = rng.standard_normal(DIMENSIONS).astype(np.float32)
        blobs[text_hash(text)] = to_bytes(vector / np.linalg.norm(vector))

    def timed(embeddings: Embeddings | None) -> tuple[float, float]:
        started = time.perf_counter()
        engine = Engine(network.records, embeddings=embeddings)
        fit = time.perf_counter() - started
        started = time.perf_counter()
        for start in range(0, len(queries), PRIME_BATCH):
            block = queries[start : start + PRIME_BATCH]
            engine.prime([q.text for q in block])  # as shortlist() does
            for q in block:
                engine.top_k(q.text, q.tags, 10, language=q.language)
        return fit, (time.perf_counter() - started) / len(queries)

    tfidf_fit, tfidf_query = timed(None)
    started = time.perf_counter()
    known = {digest: from_bytes(blob) for digest, blob in blobs.items()}
    decode = time.perf_counter() - started
    embeddings = Embeddings(encoder, known)
    semantic_fit, semantic_query = timed(embeddings)
    assert not embeddings.new, "a cached run encoded a text"
    challenges = size // 10
    print(
        f"{size:>8} {len(network.records):>8} {decode:>8.2f} {tfidf_fit:>8.2f} "
        f"{semantic_fit:>8.2f} {tfidf_query * 1000:>9.1f} {semantic_query * 1000:>9.1f} "
        f"{tfidf_fit + challenges * tfidf_query:>10.0f} "
        f"{decode + semantic_fit + challenges * semantic_query:>10.0f} "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--encode", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    encode_rate(args.encode)
    print(
        f"{'members':>8} {'records':>8} {'decode s':>8} {'fit s':>8} {'+sem s':>8} "
        f"{'top10 ms':>9} {'+sem ms':>9} {'rematch s':>10} {'+sem s':>10} {'peak MB':>8}"
    )
    for size in sorted(int(s) for s in args.sizes.split(",")):
        rematch(size, args.seed)


if __name__ == "__main__":
    main()
