"""What full-text search compares: an item's words and a query's words, folded and stemmed the
same way on both databases.

An item is analysed once, when it is saved (`matching.text`: accents folded, the stop words of
its language dropped); each word is kept as its Dutch and its English snowball stem (once when
they agree), since Dutch texts are full of English words ("audits") and a query may be in
either language. Title and tags count twice so that they weigh more. Each tag also becomes one
token of its own (`tg` + its canonical key), which the tag filter matches. A query word
matches either of its two stems. Tokens are only `[a-z0-9]`, so nothing a visitor types
reaches FTS5's or PostgreSQL's query syntax.

Words and tags beyond a-z keep what tells them apart: a word in letters that fold to no a-z
(Cyrillic, Greek, Chinese; Latin letters such as ø and ł are spelt out first, `LETTERS`) is
one token of its own, its folded letters in hexadecimal after `u8` (letters and digits mixed,
which no plain word is); a tag whose signs matter (`c++` and `c#`, both `c` as a key) is `tx`
+ the hex of the tag without its spaces and hyphens. An accented form of a stop word ("één",
not "een") is a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from matching.tags import canonical_tag, tag_key
from matching.text import LANGUAGES, STOP_WORDS, fold, resolve_language, stem, surface_tokens

TAG_PREFIX = "tg"
SIGNED_TAG_PREFIX = "tx"
WORD_PREFIX = "u8"
MAX_QUERY_CHARACTERS = 1000
MAX_QUERY_WORDS = 12
MAX_WORD_LETTERS = 40
"""A word beyond a-z is indexed by its first 40 letters (its token stays far below the
2,047 bytes PostgreSQL allows a word)."""
LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss"})
"""Latin letters without an accent to fold away: 'Łódź' is found as 'lodz', 'Ørsted' as
'orsted', 'straße' as 'strasse'."""

_RUN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
"""A word, with the combining marks that stay apart after NFC: 'İ' lowercases to 'i' and a
combining dot, which split 'İzmir' into 'i' and 'zmir'; folding then drops the dot."""
_PIECE = re.compile(r"[a-z]+|[0-9]+|[^\W\d_a-z]+")
_TAG_SEPARATORS = re.compile(r"[\s_.\-/'’]+")


def tag_token(tag: str) -> str:
    """The token a tag is indexed as; '' for a tag of spaces and hyphens only."""
    key = tag_key(tag)
    signed = _TAG_SEPARATORS.sub("", fold(" ".join(tag.lower().split())))
    if key and key == signed:
        return f"{TAG_PREFIX}{canonical_tag(tag)}"
    return f"{SIGNED_TAG_PREFIX}{signed.encode().hex()}" if signed else ""


def words(text: str) -> list[tuple[str, bool, str]]:
    """The words of `text`, folded: `(token, as_written, shown)`, where `as_written` tells
    whether it may be a stop word (it is written as its token is, without accents), tokens
    beyond a-z are already `u8` + hex and stay unstemmed, and `shown` is the word to name to
    the reader."""
    found: list[tuple[str, bool, str]] = []
    for run in _RUN.findall(unicodedata.normalize("NFC", text.lower())):
        folded = fold(run).translate(LETTERS)
        for piece in _PIECE.findall(folded):
            if len(piece) < 2:
                continue
            if piece.isascii():
                found.append(
                    (piece, run == piece or run.isascii(), piece if run.isascii() else run)
                )
            else:
                letters = piece[:MAX_WORD_LETTERS].encode().hex()
                found.append((f"{WORD_PREFIX}{letters}", False, run))
    return found


def _stems(token: str, own: str | None) -> tuple[str, ...]:
    if token.startswith(WORD_PREFIX):
        return (token,)
    languages = (own, *LANGUAGES) if own else LANGUAGES
    return tuple(dict.fromkeys(stem(token, language) for language in languages))


def word_stems(text: str, language: str | None) -> list[str]:
    """Both stems of every content word of `text`, in order."""
    own = resolve_language(language, surface_tokens(text))
    found: list[str] = []
    for token, as_written, _ in words(text):
        if as_written and token in STOP_WORDS[own]:
            continue
        found.extend(_stems(token, own))
    return found


def index_text(
    title: str, summary: str, body: str, tags: Sequence[str], language: str | None
) -> str:
    """The `search_text` of an item."""
    tag_words = " ".join(tags)
    stems = [
        *word_stems(title, language) * 2,
        *word_stems(tag_words, language) * 2,
        *word_stems(summary, language),
        *word_stems(body, language),
    ]
    tag_tokens = dict.fromkeys(token for tag in tags if (token := tag_token(tag)))
    return " ".join([*stems, *tag_tokens])


@dataclass(frozen=True)
class Query:
    """A query as search runs it: per word, the stems that may match it (any one of them)."""

    words: tuple[tuple[str, ...], ...]
    tag: str = ""
    left_out: tuple[str, ...] = ()
    """Words typed beyond the first `MAX_QUERY_WORDS`, as typed (folded): not searched, and the
    reader is told so."""

    @property
    def empty(self) -> bool:
        return not self.words and not self.tag

    def fts5(self) -> str:
        """SQLite FTS5: every word (one of its stems), and the tag; tokens quoted."""
        parts = ["(" + " OR ".join(f'"{s}"' for s in stems) + ")" for stems in self.words]
        if self.tag:
            parts.append(f'"{self.tag}"')
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """PostgreSQL `to_tsquery('simple', …)`: the same expression."""
        parts = ["(" + " | ".join(stems) + ")" for stems in self.words]
        if self.tag:
            parts.append(self.tag)
        return " & ".join(parts)


def _stop_in_any(token: str) -> bool:
    return any(token in STOP_WORDS[language] for language in LANGUAGES)


def _searchable(text: str) -> dict[str, str]:
    """Each searchable word of `text` once, in order: its token and the word to show."""
    found = words(text[:MAX_QUERY_CHARACTERS])
    kept: dict[str, str] = {}
    for token, as_written, shown in found:
        if not (as_written and _stop_in_any(token)):
            kept.setdefault(token, shown)
    return kept


def query_words(text: str, limit: int = MAX_QUERY_WORDS) -> tuple[tuple[str, ...], ...]:
    """The first `limit` searchable words of `text`, each as its Dutch and English stem. Stop
    words of either language are left out (an item drops those of its own language)."""
    return tuple(_stems(t, None) for t in list(_searchable(text))[:limit])


def parse_query(text: str, tag: str = "") -> Query:
    """What was typed and the tag chosen, as search runs it: a query of stop words only has no
    words, and finds nothing; words beyond `MAX_QUERY_WORDS` are named in `left_out`."""
    kept = _searchable(text)
    return Query(
        words=tuple(_stems(t, None) for t in list(kept)[:MAX_QUERY_WORDS]),
        tag=tag_token(tag) if tag else "",
        left_out=tuple(dict.fromkeys(list(kept.values())[MAX_QUERY_WORDS:])),
    )
