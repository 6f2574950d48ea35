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
from functools import cached_property, lru_cache, partial
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import snowballstemmer
from scipy import sparse

from matching.compounds import MIN_COMPOUND, MIN_PART, Decompounder, learn_heads

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

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
        # Negations and auxiliary forms, as 'iemand', 'niets' and 'kan' above: 'documenten
        # die niemand nog leest' made 'niemand' a reason to read a library item.
        "niemand",
        "nergens",
        "nooit",
        "niks",
        "hebt",
        "hadden",
        "kun",
        "kunt",
        "konden",
        "mag",
        "mogen",
        "mocht",
        "moeten",
        "moest",
        "moesten",
        "wilt",
        "willen",
        "wilde",
        "zult",
        "zullen",
        "zouden",
        "werden",
        "geworden",
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
        "like",  # "would like to": cited as a reason in explanations, never one
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

_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+")
"""Runs of letters and runs of digits: 'iso9001' gives 'iso' and '9001'."""


class _WithoutMarks(dict[int, int | None]):
    """``str.translate`` table that drops combining marks and keeps every other character,
    filled as characters are met (the whole of Unicode would take a second to scan)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case and strip accents so 'efficiëntie' and 'efficientie' meet.

    ASCII text has neither decompositions nor marks, so it is only lower-cased: a fit of
    200,000 records spent half its time walking characters one by one here."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_WITHOUT_MARKS)


def surface_tokens(text: str) -> list[str]:
    """Folded word tokens; 'ISO9001' splits into 'iso', '9001' like 'ISO 9001' does."""
    return _TOKEN_RE.findall(fold(text))


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


_LATIN_PLURALS = ("toren", "soren")


def word_stem(token: str, language: str) -> str:
    """``stem``, except that Dutch plurals of Latin nouns in -tor and -sor lose 'en' first:
    the Dutch snowball stemmer gives 'auditoren' → 'auditoor' (as 'sporen' → 'spoor') while
    'auditor' stays 'auditor'. Memoised per token (``analyse`` reads the memo first)."""
    memo = _WORD_STEMS[language]
    found = memo.get(token)
    if found is None:
        cut = language == "nl" and len(token) > 7 and token.endswith(_LATIN_PLURALS)
        found = stem(token[:-2] if cut else token, language)
        if len(memo) < 500_000:
            memo[token] = found
    return found


_WORD_STEMS: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}


class Stems(list[str]):
    """The stems of one text, and the language they were stemmed in (``TextSpace`` splits
    Dutch compounds only)."""

    __slots__ = ("language",)

    def __init__(self, stems: Iterable[str] = (), language: str | None = None) -> None:
        super().__init__(stems)
        self.language = language


def analyse(text: str, language: str | None = None) -> Stems:
    """Stems of the content words of ``text``, in order."""
    tokens = surface_tokens(text)
    lang = resolve_language(language, tokens)
    stops, memo = STOP_WORDS[lang], _WORD_STEMS[lang]
    kept = (t for t in tokens if t not in stops and len(t) > 1)
    return Stems((memo.get(t) or word_stem(t, lang) for t in kept), lang)


def surface_forms(text: str, language: str | None = None) -> dict[str, str]:
    """Map each stem in ``text`` to its most frequent original word, for explanations."""
    original = re.findall(r"\w+", text)
    tokens = surface_tokens(text)
    lang = resolve_language(language, tokens)
    counts: dict[str, Counter[str]] = {}
    parts: dict[str, str] = {}
    stops = STOP_WORDS[lang]
    for word in original:
        for token in surface_tokens(word):
            if token in stops or len(token) < 2:
                continue
            shown = word if len(surface_tokens(word)) == 1 else token
            counts.setdefault(word_stem(token, lang), Counter())[shown] += 1
            if lang == "nl":
                for part in _candidate_parts(token):
                    parts.setdefault(part, shown)
    forms = {s: c.most_common(1)[0][0] for s, c in counts.items()}
    return {**parts, **forms}


@lru_cache(maxsize=20_000)
def _candidate_parts(token: str) -> frozenset[str]:
    """Every stem a compound split of ``token`` could yield (any piece of at least
    ``MIN_PART`` letters), so that an explanation can show the compound the expert wrote for
    a part it shares ('veil' → 'voedselveiligheid')."""
    if len(token) < MIN_COMPOUND or not token.isalpha():
        return frozenset()
    n = len(token)
    return frozenset(
        word_stem(token[i:j], "nl")
        for i in range(0, n - MIN_PART + 1)
        for j in range(i + MIN_PART, n + 1)
        if (i, j) != (0, n)
    )


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
    """How texts become vectors; defaults chosen in benchmarks/matching_quality.py.

    ``compound_weight``: the count each part of a Dutch compound adds beside the compound
    itself (0 turns splitting off; sublinear TF weighs a count c as 1 + ln c, so 0.75 weighs
    0.71 of a whole word, and a count under 1/e would weigh less than nothing); see
    ``matching/compounds.py``."""

    ngram_max: int = 1
    char_weight: float = 0.0
    char_ngram: tuple[int, int] = (3, 5)
    min_df: int = 1
    compound_weight: float = 0.75

    def __post_init__(self) -> None:
        if self.compound_weight and self.compound_weight < 1 / np.e:
            raise ValueError(f"compound_weight is 0 or at least 1/e, not {self.compound_weight}")


def _identity(features: list[str]) -> list[str]:
    return features


class TextSpace:
    """TF-IDF word space (and optional char space) fitted on a corpus of stem lists.

    Vectors are L2-normalised per space; similarity is the weighted sum of the per-space
    cosines, so the char space can add recall without swamping word evidence. The word space
    is scikit-learn's TF-IDF (smooth IDF, sublinear TF) over counts made here, so that the
    parts of a Dutch compound can count less than a whole word; the parts are found against
    the fitted vocabulary, for a challenge too ("voedselveiligheid" finds "veiligheid").
    """

    def __init__(self, config: TextConfig = TextConfig()) -> None:
        self.config = config
        self.word = self._transformer()
        self.vocabulary: dict[str, int] = {}
        self.decompounder: Decompounder | None = None
        self.char: TfidfVectorizer | None = self._vectorizer() if config.char_weight > 0 else None
        self.empty = False

    def _transformer(self) -> TfidfTransformer:
        from sklearn.feature_extraction.text import TfidfTransformer

        return TfidfTransformer(sublinear_tf=True)

    def _vectorizer(self) -> TfidfVectorizer:
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=self.config.min_df, dtype=np.float32
        )

    def _counts(self, corpus: Sequence[Sequence[str]], fit: bool) -> sparse.csr_matrix:
        """Term counts per text (Dutch compounds add their parts at ``compound_weight``);
        fitting sets the vocabulary (sorted, as scikit-learn's vectorizers keep it),
        transforming ignores terms it does not know."""
        split = self.decompounder
        terms: list[str] = []
        lengths: list[int] = []
        part_terms: list[str] = []
        part_rows: list[int] = []
        for row, stems in enumerate(corpus):
            features = word_features(stems, self.config.ngram_max)
            terms.extend(features)
            lengths.append(len(features))
            if split is not None and getattr(stems, "language", None) == "nl":
                for s in stems:
                    parts = split.parts(s)
                    if parts:
                        part_terms.extend(parts)
                        part_rows.extend([row] * len(parts))
        if fit:
            self.vocabulary = {t: i for i, t in enumerate(sorted({*terms, *part_terms}))}
        shape = (len(lengths), len(self.vocabulary))
        counts = self._matrix(
            terms, np.repeat(np.arange(len(lengths), dtype=np.int32), lengths), 1.0, shape
        )
        if part_terms:
            parts_matrix = self._matrix(
                part_terms, np.array(part_rows, dtype=np.int32), self.config.compound_weight, shape
            )
            counts = sparse.csr_matrix(counts + parts_matrix)
        return counts

    def _matrix(
        self, terms: list[str], rows: np.ndarray, value: float, shape: tuple[int, int]
    ) -> sparse.csr_matrix:
        """``value`` for every (row, term) pair, summed per cell; unknown terms are left out."""
        vocabulary = self.vocabulary
        columns = np.fromiter(
            (vocabulary.get(t, -1) for t in terms), dtype=np.int32, count=len(terms)
        )
        known = columns >= 0
        if not known.all():
            rows, columns = rows[known], columns[known]
        values = np.full(len(columns), value, dtype=np.float32)
        counts = sparse.csr_matrix((values, (rows, columns)), shape=shape)
        counts.sum_duplicates()
        return counts

    def _drop_rare(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Without terms in fewer than ``min_df`` texts (as scikit-learn's ``min_df``)."""
        if self.config.min_df <= 1:
            return counts
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = np.flatnonzero(df >= self.config.min_df)
        terms = list(self.vocabulary)
        self.vocabulary = {terms[i]: n for n, i in enumerate(keep)}
        return counts[:, keep]

    def fit_transform(self, corpus: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Fit IDF on the stems of ``corpus`` and return its stacked vectors."""
        self.decompounder = None
        if self.config.compound_weight > 0 and any(
            getattr(stems, "language", None) == "nl" for stems in corpus
        ):
            known = Counter(chain.from_iterable(map(set, corpus)))
            dutch_stem = partial(word_stem, language="nl")
            dutch = set(
                chain.from_iterable(s for s in corpus if getattr(s, "language", None) == "nl")
            )
            heads = learn_heads(dutch, dutch_stem, known)
            self.decompounder = Decompounder(known, dutch_stem, STOP_WORDS["nl"], heads)
        counts = self._counts(corpus, fit=True)
        self.empty = not self.vocabulary
        if self.empty:
            return sparse.csr_matrix((len(corpus), 0), dtype=np.float32)
        word = self.word.fit_transform(self._drop_rare(counts))
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
        word = self.word.transform(self._counts(docs, fit=False))
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
        return np.array(list(self.vocabulary), dtype=object)
