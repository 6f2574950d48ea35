"""Text analysis for matching: tokenising, stop words, stemming and TF-IDF spaces.

Texts are analysed once into a list of stems (Dutch or English snowball stemmer, chosen per
text) so the same analysis feeds the word space, the optional char-n-gram space and the
explanations (which map stems back to the surface words the expert actually wrote).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import snowballstemmer
from scipy import sparse

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

LANGUAGES = ("nl", "en")

DUTCH_STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "jij",
        "jullie",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "onze",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "welke",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "binnen",
        "via",
        "per",
        "hoe",
        "waar",
        "wanneer",
        "graag",
        "zoeken",
        "zoek",
        "zoekt",
        "hulp",
        "iemand",
        "welk",
        "elk",
        "elke",
        "onze",
        "ons",
        "bent",
        "waarbij",
        "daarbij",
        "hierbij",
        "ervaring",
        "jaar",
        "jaren",
        "sinds",
        "rond",
    ]
)
ENGLISH_EXTRA_STOP_WORDS = frozenset(
    [
        "looking",
        "help",
        "need",
        "needs",
        "experience",
        "years",
        "year",
        "around",
        "using",
        "use",
        "used",
        "want",
    ]
)


class _StopWords(Mapping[str, frozenset[str]]):
    """The stop words per language. scikit-learn's English list is read on first use: importing
    scikit-learn takes over a second, which every `kring` command would pay at start."""

    @cached_property
    def _lists(self) -> dict[str, frozenset[str]]:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return {
            "nl": DUTCH_STOP_WORDS,
            "en": frozenset(ENGLISH_STOP_WORDS) | ENGLISH_EXTRA_STOP_WORDS,
        }

    def __getitem__(self, language: str) -> frozenset[str]:
        return self._lists[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


STOP_WORDS: Mapping[str, frozenset[str]] = _StopWords()
_STEMMER_NAMES = {"nl": "dutch", "en": "english"}

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


def fold(text: str) -> str:
    """Lower-case and strip accents so 'efficiëntie' and 'efficientie' meet."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def surface_tokens(text: str) -> list[str]:
    """Folded word tokens; 'ISO9001' splits into 'iso', '9001' like 'ISO 9001' does."""
    return _TOKEN_RE.findall(_LETTER_DIGIT_RE.sub(" ", fold(text)))


def detect_language(tokens: Sequence[str]) -> str:
    """Guess nl/en by counting stop words; ties go to Dutch (a Flemish network)."""
    nl = sum(1 for t in tokens if t in DUTCH_STOP_WORDS)
    english = STOP_WORDS["en"]
    en = sum(1 for t in tokens if t in english)
    return "en" if en > nl else "nl"


@lru_cache(maxsize=2)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMER_NAMES[language])


_STEM_CACHE: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}


def stem(token: str, language: str) -> str:
    """Stem with a per-language memo: snowball costs ~40 µs a word, the dict ~50 ns."""
    cache = _STEM_CACHE[language]
    stemmed = cache.get(token)
    if stemmed is None:
        stemmed = token if token.isdigit() else _stemmer(language).stemWord(token)
        if len(cache) < 500_000:
            cache[token] = stemmed
    return stemmed


def resolve_language(language: str | None, tokens: Sequence[str]) -> str:
    return language if language in LANGUAGES else detect_language(tokens)


def analyse(text: str, language: str | None = None) -> list[str]:
    """Stems of the content words of ``text``, in order."""
    tokens = surface_tokens(text)
    lang = resolve_language(language, tokens)
    stops = STOP_WORDS[lang]
    return [stem(t, lang) for t in tokens if t not in stops and len(t) > 1]


def surface_forms(text: str, language: str | None = None) -> dict[str, str]:
    """Map each stem in ``text`` to its most frequent original word, for explanations."""
    original = re.findall(r"\w+", text)
    tokens = surface_tokens(text)
    lang = resolve_language(language, tokens)
    counts: dict[str, Counter[str]] = {}
    stops = STOP_WORDS[lang]
    for word in original:
        for token in surface_tokens(word):
            if token in stops or len(token) < 2:
                continue
            shown = word if len(surface_tokens(word)) == 1 else token
            counts.setdefault(stem(token, lang), Counter())[shown] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def word_features(stems: Sequence[str], ngram_max: int = 2) -> list[str]:
    """Unigrams plus adjacent-stem n-grams ('iso 9001', 'risico analys')."""
    features = list(stems)
    for n in range(2, ngram_max + 1):
        features.extend(" ".join(stems[i : i + n]) for i in range(len(stems) - n + 1))
    return features


_CHAR_CACHE: dict[tuple[str, int, int], tuple[str, ...]] = {}


def char_features(stems: Sequence[str], n_min: int = 3, n_max: int = 5) -> list[str]:
    """Char n-grams of each stem (cached per stem); they bridge Dutch compounds."""
    features: list[str] = []
    for s in stems:
        key = (s, n_min, n_max)
        grams = _CHAR_CACHE.get(key)
        if grams is None:
            padded = f" {s} "
            grams = tuple(
                padded[i : i + n]
                for n in range(n_min, n_max + 1)
                for i in range(len(padded) - n + 1)
            )
            if len(_CHAR_CACHE) < 500_000:
                _CHAR_CACHE[key] = grams
        features.extend(grams)
    return features


@dataclass(frozen=True, slots=True)
class TextConfig:
    """How texts become vectors; defaults chosen in benchmarks/matching_quality.py."""

    ngram_max: int = 1
    char_weight: float = 0.0
    char_ngram: tuple[int, int] = (3, 5)
    min_df: int = 1


def _identity(features: list[str]) -> list[str]:
    return features


class TextSpace:
    """TF-IDF word space (and optional char space) fitted on a corpus of stem lists.

    Vectors are L2-normalised per space; similarity is the weighted sum of the per-space
    cosines, so the char space can add recall without swamping word evidence.
    """

    def __init__(self, config: TextConfig = TextConfig()) -> None:
        self.config = config
        self.word = self._vectorizer()
        self.char: TfidfVectorizer | None = self._vectorizer() if config.char_weight > 0 else None
        self.empty = False

    def _vectorizer(self) -> TfidfVectorizer:
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=self.config.min_df, dtype=np.float32
        )

    def fit_transform(self, corpus: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Fit IDF on the stems of ``corpus`` and return its stacked vectors."""
        word_docs = [word_features(s, self.config.ngram_max) for s in corpus]
        self.empty = not any(word_docs)
        if self.empty:
            return sparse.csr_matrix((len(word_docs), 0), dtype=np.float32)
        word = self.word.fit_transform(word_docs)
        if self.char is None:
            return sparse.csr_matrix(word)
        lo, hi = self.config.char_ngram
        char = self.char.fit_transform([char_features(s, lo, hi) for s in corpus])
        return self._stack(word, char)

    def transform(self, corpus: Iterable[Sequence[str]]) -> sparse.csr_matrix:
        """Vectorise with the frozen vocabulary and IDF (unknown terms are ignored)."""
        docs = list(corpus)
        if self.empty:
            return sparse.csr_matrix((len(docs), 0), dtype=np.float32)
        word = self.word.transform([word_features(s, self.config.ngram_max) for s in docs])
        if self.char is None:
            return sparse.csr_matrix(word)
        lo, hi = self.config.char_ngram
        char = self.char.transform([char_features(s, lo, hi) for s in docs])
        return self._stack(word, char)

    def _stack(self, word: sparse.spmatrix, char: sparse.spmatrix) -> sparse.csr_matrix:
        """Concatenate spaces scaled by sqrt weights so a dot product mixes the cosines."""
        w = self.config.char_weight
        return sparse.hstack(
            [word * np.float32(np.sqrt(1 - w)), char * np.float32(np.sqrt(w))], format="csr"
        )

    def word_names(self) -> np.ndarray:
        """Feature names of the word space (its columns come first in every vector)."""
        if self.empty:
            return np.array([], dtype=object)
        return self.word.get_feature_names_out()
