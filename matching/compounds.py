"""Dutch compound splitting against the vocabulary of the corpus itself.

Dutch writes "voedselveiligheid" where English writes "food safety", so a Dutch challenge and a
Dutch record about the same thing often share no whole word, and a related expert who wrote
"veiligheid" is missed. A stem splits into a head that is a word of the corpus, an optional
linking "s", "e" or "en", and a tail that is a word of the corpus or splits again
("kwaliteitshandboek" → "kwaal" (kwaliteit) + "handboek"). Known words come from the corpus,
not from a dictionary, so the split follows the network's own vocabulary and needs no data file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping

LINKS = ("", "s", "e", "en")
MIN_PART = 4
"""Shorter heads and tails ('zorg' is the shortest that helps) split too eagerly: 'ver', 'ont'."""
MIN_COMPOUND = 2 * MIN_PART
MIN_LEARNED_HEAD = 6
MIN_HEAD_USES = 3
"""A head learned from the corpus (``learn_heads``) has at least 6 letters and 3 different
continuations: 'kwaliteits', 'veiligheids', 'risico', 'proces' in the hand-labelled set."""


class Decompounder:
    """Splits stems into the corpus words they are made of.

    ``known`` maps each stem of the corpus to its document frequency; ``stem`` stems a head or
    tail cut from a stem (the head of a compound is not stemmed by itself: 'kwaliteit' of
    'kwaliteitshandboek' stems to 'kwaal'); ``stop_words`` never count as parts; ``heads`` are
    the learned heads of ``learn_heads``, tried when no split into known words exists. Of
    several splits the one whose parts have the highest geometric mean document frequency
    wins (Koehn and Knight, 2003). Results are memoised per stem.
    """

    def __init__(
        self,
        known: Mapping[str, int],
        stem: Callable[[str], str],
        stop_words: Collection[str] = (),
        heads: Mapping[str, str] | None = None,
    ) -> None:
        self.known = known
        self.stem = stem
        self.stop_words = stop_words
        self.heads = heads or {}
        self._memo: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The known words ``word`` is made of; empty when it is not such a compound."""
        found = self._memo.get(word)
        if found is None:
            found = self._split(word) if len(word) >= MIN_COMPOUND and word.isalpha() else ()
            if len(self._memo) < 1_000_000:
                self._memo[word] = found
        return found

    def _word(self, piece: str) -> str | None:
        """``piece`` as a known stem, or None; also found through its plural in -s, which the
        Dutch stemmer keeps for loanwords ('leveranciersaudit' finds 'audits')."""
        if piece in self.stop_words:
            return None
        if piece in self.known:
            return piece
        stemmed = self.stem(piece)
        if len(stemmed) >= MIN_PART - 1 and stemmed in self.known:
            return stemmed
        plural = f"{piece}s"
        return plural if plural in self.known else None

    def _split(self, word: str) -> tuple[str, ...]:
        best_score, best = -math.inf, ()
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head = self._word(word[:i])
            if head is None:
                continue
            for link in LINKS:
                rest = word[i + len(link) :]
                if len(rest) < MIN_PART or not word.startswith(link, i):
                    continue
                tail = self._word(rest)
                tails = (tail,) if tail is not None else self.parts(rest)
                if not tails:
                    continue
                pieces = (head, *tails)
                score = sum(math.log(self.known.get(p, 1)) for p in pieces) / len(pieces)
                if score > best_score:
                    best_score, best = score, pieces
        if best:
            return best
        return self._split_learned(word)

    def _split_learned(self, word: str) -> tuple[str, ...]:
        """A compound whose head the corpus only uses in compounds: the longest learned head,
        then the tail as a known word, split again, or left whole."""
        for i in range(len(word) - MIN_PART, MIN_LEARNED_HEAD - 1, -1):
            head = self.heads.get(word[:i])
            if head is not None:
                tail = self._word(word[i:])
                return (head, tail) if tail is not None else (head, *self.parts(word[i:]))
        return ()


def learn_heads(
    words: Iterable[str], stem: Callable[[str], str], known: Collection[str]
) -> dict[str, str]:
    """Heads the corpus uses in compounds, even if never alone ('kwaliteits' in
    'kwaliteitssysteem', 'kwaliteitshandboek', 'kwaliteitszorg'): a prefix of at least
    ``MIN_LEARNED_HEAD`` letters that words continue with at least ``MIN_HEAD_USES`` different
    letters (the start of one word, such as 'verbet', is continued by one letter). Each maps
    to the stem it stands for, a linking 's' dropped ('kwaliteits' → 'kwaal'), so a challenge
    that says 'kwaliteit' finds the expert who only wrote 'kwaliteitshandboek'."""
    following: dict[str, set[str]] = {}
    for word in words:
        if len(word) < MIN_LEARNED_HEAD + MIN_PART or not word.isalpha():
            continue
        for i in range(MIN_LEARNED_HEAD, len(word) - MIN_PART + 1):
            following.setdefault(word[:i], set()).add(word[i])
    heads = {}
    for prefix, letters in following.items():
        if len(letters) < MIN_HEAD_USES:
            continue
        plain = prefix[:-1] if prefix.endswith("s") and len(prefix) > MIN_LEARNED_HEAD else prefix
        stems = [stem(plain), stem(prefix)]
        heads[prefix] = next((s for s in stems if s in known), stems[0])
    return heads
