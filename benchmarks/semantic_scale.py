"""Semantic scorer cost: encoding speed on this machine, and re-matching with cached vectors.

Run: ``.venv/bin/python benchmarks/semantic_scale.py --model e5 --sizes 10000,100000``
(needs the ``semantic`` extra). Encoding is measured for real on ``--encode`` synthetic record
texts per language (Dutch, English, both), as passages; beside it the float32 matrix-product
rate of this process (numpy's BLAS and onnxruntime's MLAS, 1024×384 @ 384×384) and the
fraction of the better one that encoding reaches, FLOPs counted from each text's real token
count. numpy's BLAS kernel is printed (threadpoolctl): OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE,
as this machine sets them, pick a slower one; unset both for one command to compare.
For the re-match the cache is filled with random unit vectors stored as float32 bytes (what
the ``embedding`` table holds) and decoded as a run does: a cached run never calls the model,
so its cost does not depend on the values, and encoding 300,000 texts first would take hours
here. Per size: engine fit without and with the semantic scorer, top-10 latency per
challenge for both, and the full re-match of one challenge per 10 members extrapolated
from ``N_QUERIES`` challenges, scored in blocks of ``PRIME_BATCH`` as ``shortlist`` does.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_network import challenge_for, generate
from matching.assignment import PRIME_BATCH
from matching.cores import threads
from matching.engine import Engine
from matching.semantic import (
    DIMENSIONS,
    Embeddings,
    Encoder,
    default_encoder,
    from_bytes,
    load_encoder,
    model_name,
    text_hash,
    to_bytes,
)

N_QUERIES = 128


def matmul_rates(threads: int) -> dict[str, float]:
    """GFLOP/s (int8: 2 × multiply-adds per second too) of a 1024×384 @ 384×384 product:
    numpy float32 (its BLAS, as this process's environment sets it up), and onnxruntime's
    MLAS float32 and int8 (``DynamicQuantizeMatMul``) with ``threads``, when installed."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((1024, 384), dtype=np.float32)
    b = rng.standard_normal((384, 384), dtype=np.float32)
    flops = 2 * 1024 * 384 * 384

    def best(run: Callable[[], object]) -> float:
        run()
        times = []
        for _ in range(7):
            started = time.perf_counter()
            for _ in range(20):
                run()
            times.append((time.perf_counter() - started) / 20)
        return flops / min(times) / 1e9

    rates = {"numpy float32": best(lambda: a @ b)}
    try:
        import onnxruntime as ort
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        return rates
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    scale = np.full(384, np.abs(b).max() / 127, np.float32)
    forms = {
        "onnxruntime float32": (helper.make_node("MatMul", ["a", "b"], ["c"]), [b]),
        "onnxruntime int8": (
            helper.make_node(
                "DynamicQuantizeMatMul", ["a", "b", "s", "z"], ["c"], domain="com.microsoft"
            ),
            [np.clip(np.rint(b / scale), -127, 127).astype(np.int8), scale, np.zeros(384, np.int8)],
        ),
    }
    for label, (node, arrays) in forms.items():
        graph = helper.make_graph(
            [node],
            "matmul",
            [helper.make_tensor_value_info("a", TensorProto.FLOAT, [1024, 384])],
            [helper.make_tensor_value_info("c", TensorProto.FLOAT, [1024, 384])],
            [numpy_helper.from_array(x, n) for x, n in zip(arrays, "bsz", strict=False)],
        )
        opsets = [helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)]
        model = helper.make_model(graph, opset_imports=opsets, ir_version=8)
        session = ort.InferenceSession(model.SerializeToString(), options)
        rates[label] = best(lambda session=session: session.run(None, {"a": a}))
    return rates


def forward_flops(lengths: Sequence[int], layers: int, hidden: int = 384, ff: int = 1536) -> float:
    """Multiply-adds × 2 of a BERT encoder over texts of these (unpadded) token counts: the
    dense layers (4·H² + 2·H·FF per token) and attention (2·L·H per token)."""
    total = 0.0
    for n in lengths:
        total += layers * 2 * (n * (4 * hidden * hidden + 2 * hidden * ff) + 2 * n * n * hidden)
    return total


def kernel_note() -> str:
    from threadpoolctl import threadpool_info

    blas = [
        f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
        f"threads={i.get('num_threads')}"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    env = {k: os.environ.get(k, "unset") for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    return f"numpy BLAS: {'; '.join(blas) or 'none'} (env {env})"


def encode_rate(n_texts: int, model: str | None, batch_tokens: int | None, repeat: int) -> None:
    encoder = load_encoder(model)
    if encoder is None:
        raise SystemExit("the semantic extra is not installed (make install) or KRING_SEMANTIC=off")
    if batch_tokens and hasattr(encoder, "batch_tokens"):
        encoder.batch_tokens = batch_tokens
    layers = 12 if encoder.kinds else 6
    records = generate(n_texts * 2, seed=3).records
    print(f"model {model_name(model)}: {encoder.version}; {kernel_note()}", flush=True)
    rates = matmul_rates(threads())
    print(
        "matmul 1024x384 @ 384x384: "
        + ", ".join(f"{label} {rate:.0f} GFLOP/s" for label, rate in rates.items()),
        flush=True,
    )
    matmul = getattr(encoder, "matmul", None)
    reference = {"float32": "onnxruntime float32", "int8": "onnxruntime int8"}.get(
        matmul or "", "numpy float32"
    )
    encoder.encode([r.text for r in records[:16]])  # warm-up
    for language in ("nl", "en", "all"):
        texts = [r.text for r in records if language in ("all", r.language)][:n_texts]
        lengths = token_counts(encoder, texts)
        seconds = math.inf
        for _ in range(repeat):  # the best of a few: other work on the machine only slows
            started = time.perf_counter()
            encoder.encode(texts, kind="passage")
            seconds = min(seconds, time.perf_counter() - started)
        rate = forward_flops(lengths, layers) / seconds / 1e9
        print(
            f"encoding {language:>3}: {len(texts)} texts ({np.mean(lengths):.1f} tokens on "
            f"average) in {seconds:.2f}s = {len(texts) / seconds:.0f} texts/s, "
            f"{sum(lengths) / seconds:.0f} tokens/s, {rate:.0f} GFLOP/s = "
            f"{rate / rates[reference]:.0%} of the {reference} matmul rate "
            f"(cores {threads()}, load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )


def token_counts(encoder: Encoder, texts: Sequence[str]) -> list[int]:
    """Tokens each text is run with (the model's own tokeniser, specials included)."""
    if hasattr(encoder, "token_ids"):
        return [len(ids) for ids in encoder.token_ids(texts, "passage")]
    tokenizer = encoder.tokenizer  # type: ignore[attr-defined]
    return [len(e.ids) for e in tokenizer.encode_batch(list(texts))]


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
    parser.add_argument("--encode", type=int, default=600, help="texts per language")
    parser.add_argument("--model", default=None, help="a name in matching.semantic.MODELS")
    parser.add_argument("--batch-tokens", type=int, default=None, help="E5: tokens per batch")
    parser.add_argument("--repeat", type=int, default=3, help="encoding runs; the best counts")
    parser.add_argument("--encode-only", action="store_true", help="skip the re-match part")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    encode_rate(args.encode, args.model, args.batch_tokens, args.repeat)
    if args.encode_only:
        return
    print(
        f"{'members':>8} {'records':>8} {'decode s':>8} {'fit s':>8} {'+sem s':>8} "
        f"{'top10 ms':>9} {'+sem ms':>9} {'rematch s':>10} {'+sem s':>10} {'peak MB':>8}"
    )
    for size in sorted(int(s) for s in args.sizes.split(",")):
        rematch(size, args.seed)


if __name__ == "__main__":
    main()
