"""What full-text search compares: an item's words and a query's words, folded and stemmed the
same way on both databases.

An item is analysed once, when it is saved (`matching.text`: accents folded, the stop words of
its language dropped); each word is kept as its Dutch and its English snowball stem (once when
they agree), since Dutch texts are full of English words ("audits") and a query may be in
either language. Title and tags count twice so that they weigh more. Each tag also becomes one
token of its own (`tg` + its canonical key), which the tag filter matches. A query word
matches either of its two stems. Tokens are only `[a-z0-9]`, so nothing a visitor types
reaches FTS5's or PostgreSQL's query syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matching.tags import canonical_tag, tag_key
from matching.text import LANGUAGES, STOP_WORDS, resolve_language, stem, surface_tokens

TAG_PREFIX = "tg"
MAX_QUERY_CHARACTERS = 1000
MAX_QUERY_WORDS = 12


def tag_token(tag: str) -> str:
    """The token a tag is indexed as; '' for a tag of punctuation only."""
    key = canonical_tag(tag) if tag_key(tag) else ""
    return f"{TAG_PREFIX}{key}" if key else ""


def word_stems(text: str, language: str | None) -> list[str]:
    """Both stems of every content word of `text`, in order."""
    tokens = surface_tokens(text)
    own = resolve_language(language, tokens)
    found: list[str] = []
    for token in tokens:
        if len(token) < 2 or token in STOP_WORDS[own]:
            continue
        found.extend(dict.fromkeys(stem(token, lang) for lang in (own, *LANGUAGES)))
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


def query_words(text: str, limit: int = MAX_QUERY_WORDS) -> tuple[tuple[str, ...], ...]:
    """The first `limit` searchable words of `text`, each as its Dutch and English stem. Stop
    words of either language are left out (an item drops those of its own language)."""
    tokens = [t for t in surface_tokens(text[:MAX_QUERY_CHARACTERS]) if len(t) > 1]
    kept = [t for t in dict.fromkeys(tokens) if not _stop_in_any(t)]
    return tuple(
        tuple(dict.fromkeys(stem(t, language) for language in LANGUAGES)) for t in kept[:limit]
    )


def parse_query(text: str, tag: str = "") -> Query:
    """What was typed and the tag chosen, as search runs it: a query of stop words only has no
    words, and finds nothing."""
    return Query(words=query_words(text), tag=tag_token(tag) if tag else "")
