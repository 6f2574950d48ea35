"""Tag matching: folding, a shipped synonym table and fuzzy matching with rapidfuzz.

Members type tags freely ('ISO9001', 'iso 9001', 'Kwaliteitszorg'), so tags are compared
on a folded key, mapped through ``data/tag_aliases.json`` to a canonical concept, and only
then fuzzily compared. Tags whose numbers differ never match: 'ISO 9001' is not 'ISO 14001'
even though the strings are close.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process

from matching.text import fold

FUZZY_CUTOFF = 0.86
"""Below this rapidfuzz ratio two different tags are unrelated (typos score ~0.9)."""

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_SPOKEN_SIGNS = re.compile(r"(?<=[a-z0-9+])\+|(?<=[a-z0-9])#")
"""A plus or hash that ends a name ('c++', 'c#', 'f#', 'a+') is part of it: spelt out, so that
'c++', 'c#' and 'c' stay three tags; a leading hash ('#lean') is only punctuation."""
_SIGN_WORDS = {"+": "plus", "#": "sharp"}
_TRAILING_SIGNS = re.compile(r"(?<=[a-z0-9])[\s+#]*[+#][\s+#]*$")
"""The signs that end a tag, with any spaces typed among them ('c #', 'c + +'): they belong to
the name before them, so the spaces are read away ('c#', 'c++') before the signs are spelt
out."""


def _closed_up(signs: re.Match[str]) -> str:
    return "".join(signs.group().split())


def _spelt_out(sign: re.Match[str]) -> str:
    return _SIGN_WORDS[sign.group()]


@lru_cache(maxsize=65_536)
def tag_key(tag: str) -> str:
    """Folded tag without spaces or punctuation: 'ISO-9001' -> 'iso9001', 'C++' ->
    'cplusplus'. (Memoised: a network's tags repeat, and a fit of 200,000 records asks for
    800,000 keys.)"""
    closed = _TRAILING_SIGNS.sub(_closed_up, fold(tag))
    return _NON_ALNUM.sub("", _SPOKEN_SIGNS.sub(_spelt_out, closed))


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Folded alias key -> folded canonical key, read from the packaged JSON."""
    raw = json.loads(resources.files("matching").joinpath("data/tag_aliases.json").read_text())
    table: dict[str, str] = {}
    for canonical, aliases in raw.items():
        if canonical.startswith("_"):
            continue
        key = tag_key(canonical)
        table[key] = key
        for alias in aliases:
            table.setdefault(tag_key(alias), key)
    return table


@lru_cache(maxsize=65_536)
def canonical_tag(tag: str) -> str:
    """Canonical folded key for ``tag`` (itself when the alias table does not know it)."""
    key = tag_key(tag)
    return alias_table().get(key, key)


def _digits(key: str) -> str:
    return " ".join(_DIGITS.findall(key))


def tag_similarity(a: str, b: str) -> float:
    """1.0 for the same concept, the fuzzy ratio for near spellings, else 0.0."""
    ka, kb = canonical_tag(a), canonical_tag(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if _digits(ka) != _digits(kb):
        return 0.0
    score = fuzz.ratio(ka, kb) / 100
    return score if score >= FUZZY_CUTOFF else 0.0


@dataclass(frozen=True, slots=True)
class TagMatch:
    """A challenge tag paired with the expert tag that matched it best."""

    challenge_tag: str
    expert_tag: str
    similarity: float


def match_tags(challenge_tags: Iterable[str], expert_tags: Sequence[str]) -> list[TagMatch]:
    """Best expert tag for each challenge tag that matches any, strongest first."""
    matches: list[TagMatch] = []
    for ct in dict.fromkeys(challenge_tags):
        best = max(
            ((tag_similarity(ct, et), et) for et in expert_tags), default=(0.0, ""), key=_first
        )
        if best[0] > 0:
            matches.append(TagMatch(ct, best[1], round(best[0], 3)))
    return sorted(matches, key=lambda m: -m.similarity)


def _first(pair: tuple[float, str]) -> float:
    return pair[0]


def tag_score(challenge_tags: Sequence[str], expert_tags: Sequence[str]) -> float:
    """Share of the challenge's tags the expert covers, weighted by match similarity."""
    distinct = list(dict.fromkeys(t for t in challenge_tags if tag_key(t)))
    if not distinct:
        return 0.0
    return sum(m.similarity for m in match_tags(distinct, expert_tags)) / len(distinct)


def similarity_to_vocabulary(tag: str, vocabulary: Sequence[str]) -> np.ndarray:
    """Vectorised ``tag_similarity`` of one tag against canonical vocabulary keys.

    ``vocabulary`` must already hold canonical keys (see ``canonical_tag``); the engine
    keeps one such vocabulary for all expertise tags so a query costs one rapidfuzz call.
    """
    key = canonical_tag(tag)
    out = np.zeros(len(vocabulary), dtype=np.float32)
    if not key or not vocabulary:
        return out
    ratios = process.cdist([key], vocabulary, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    out[:] = ratios[0] / 100
    out[out < FUZZY_CUTOFF] = 0.0
    digits = _digits(key)
    for i in np.flatnonzero(out):
        if vocabulary[i] == key:
            out[i] = 1.0
        elif _digits(vocabulary[i]) != digits:
            out[i] = 0.0
    return out
