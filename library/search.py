"""Searching the library: one query, two databases' full-text indexes.

The words were stemmed in Python (`library.analysis`); SQLite matches them in the FTS5 table
and ranks by bm25, PostgreSQL in the GIN-indexed `tsvector` and ranks by `ts_rank` (normalised
by length, as bm25 is). Ties, and lists without words, go newest first. Kind, language and
retirement are plain columns; a tag is a token of the index, so filtering on it uses the index
too. `benchmarks/library_search.py` measures this at 100,000 items.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from piccolo.engine import engine_finder

from kring.database import fetch, is_postgres
from library.analysis import Query, parse_query, query_words, tag_token
from library.tables import LibraryItem

PER_PAGE = 20
MAX_PAGE = 500
SHORTLIST_WORDS = 24
"""A challenge's first words that may pick "for you" candidates: its title and the start of
its text say what it is about."""
RAREST_WORDS = 8
"""Of those, the words (stems and tag tokens) held by the fewest items pick the candidates: an
OR of common words matches most of the library and ranking that many rows took 0.4 s (SQLite)
to 1 s (PostgreSQL) at 100,000 items, while bm25 ranks items by their rare words anyway."""

COLUMNS = (
    "i.id, i.kind, i.title, i.summary, i.tags, i.language, i.link, i.contributor, "
    "i.published_at, i.retired_at, "
    "(SELECT a.filename FROM library_attachment AS a WHERE a.item = i.id) AS filename"
)
_SQLITE_FROM = "library_item_fts JOIN library_item AS i ON i.id = library_item_fts.rowid"
_SQLITE_MATCH = "library_item_fts MATCH {}"
_POSTGRES_MATCH = "i.search_vector @@ to_tsquery('simple', {})"
_NEWEST = "i.published_at DESC, i.id DESC"
_SQL_HAS_TAG = {
    False: "EXISTS (SELECT 1 FROM json_each(i.tags) AS t WHERE t.value = {})",
    True: "{} = ANY(i.tags)",
}
"""A tag of no letter or digit search can index ('%', 'ß') has no token of its own: it is
matched as it is stored (lower case, spaces collapsed), or its filter would match every item."""


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    language: str | None = None
    tag: str = ""
    include_retired: bool = False
    """Organisers see retired items too (marked); members never."""


@dataclass(frozen=True)
class Results:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    unsearchable: bool = False
    """Words were typed, but none that search can use (only stop words or punctuation)."""
    words: tuple[str, ...] = field(default=())
    left_out: tuple[str, ...] = field(default=())
    """Words typed beyond the first `MAX_QUERY_WORDS`: not searched (the reader is told)."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def plain_tags(value: Any) -> list[str]:
    """Tags as a list, whichever way the driver handed them over."""
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value or [])


def _shaped(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "tags": plain_tags(row["tags"])} for row in rows]


def _conditions(filters: Filters) -> tuple[list[str], list[Any]]:
    where, args = [], []
    if not filters.include_retired:
        where.append("i.retired_at IS NULL")
    if filters.kind:
        where.append("i.kind = {}")
        args.append(filters.kind)
    if filters.language:
        where.append("i.language = {}")
        args.append(filters.language)
    if filters.tag and not tag_token(filters.tag):
        where.append(_SQL_HAS_TAG[is_postgres(engine_finder())])
        args.append(" ".join(filters.tag.lower().split()))
    return where, args


async def _matching(
    query: Query, filters: Filters, limit: int, offset: int, *, ranked: bool, count: bool = True
) -> tuple[list[dict[str, Any]], int]:
    """The page of items matching `query` (its words, or only its tag) and their number."""
    where, args = _conditions(filters)
    postgres = is_postgres(engine_finder())
    if postgres:
        where.insert(0, _POSTGRES_MATCH)
        args.insert(0, query.tsquery())
        source = "library_item AS i"
        rank = "ts_rank(i.search_vector, to_tsquery('simple', {})) DESC, " if ranked else ""
        rank_args = [query.tsquery()] if ranked else []
    else:
        where.insert(0, _SQLITE_MATCH)
        args.insert(0, query.fts5())
        source = _SQLITE_FROM
        rank = "bm25(library_item_fts), " if ranked else ""
        rank_args = []
    condition = " AND ".join(where)
    # Only fixed fragments are joined here; every value is a parameter.
    rows = await fetch(
        LibraryItem,
        f"SELECT {COLUMNS} FROM {source} WHERE {condition} "  # noqa: S608
        f"ORDER BY {rank}{_NEWEST} LIMIT {{}} OFFSET {{}}",
        *args,
        *rank_args,
        limit,
        offset,
    )
    total = 0
    if count:
        counted = await fetch(
            LibraryItem,
            f"SELECT count(*) AS n FROM {source} WHERE {condition}",  # noqa: S608
            *args,
        )
        total = int(counted[0]["n"])
    return _shaped(rows), total


async def _newest(filters: Filters, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    where, args = _conditions(filters)
    condition = " AND ".join(where) or "1 = 1"
    rows = await fetch(
        LibraryItem,
        f"SELECT {COLUMNS} FROM library_item AS i WHERE {condition} "  # noqa: S608
        f"ORDER BY {_NEWEST} LIMIT {{}} OFFSET {{}}",
        *args,
        limit,
        offset,
    )
    counted = await fetch(
        LibraryItem,
        f"SELECT count(*) AS n FROM library_item AS i WHERE {condition}",  # noqa: S608
        *args,
    )
    return _shaped(rows), int(counted[0]["n"])


async def search_items(
    text: str, filters: Filters = Filters(), page: int = 1, per_page: int = PER_PAGE
) -> Results:
    """One page of the items that hold every word of `text` (in either language's stem),
    best first; without words, the newest first."""
    query = parse_query(text, filters.tag)
    offset = (page - 1) * per_page
    if text.strip() and not query.words:
        return Results([], 0, page, per_page, unsearchable=True)
    if query.empty:
        rows, total = await _newest(filters, per_page, offset)
    else:
        rows, total = await _matching(query, filters, per_page, offset, ranked=bool(query.words))
    words = tuple(stems[0] for stems in query.words)
    return Results(rows, total, page, per_page, words=words, left_out=query.left_out)


async def shortlist(text: str, tags: Sequence[str], limit: int) -> list[int]:
    """Ids of the current items that share most with these words and tags (any of the rarest
    ones), best first: the candidates "for you" ranks with the matching engine."""
    query = any_of(text, tags)
    if query is None:
        return []
    alternatives = query.words[0]
    counts = await item_counts(alternatives) if len(alternatives) > RAREST_WORDS else None
    if counts is not None:
        held = [i for i, token in enumerate(alternatives) if counts[token]]
        rarest = sorted(held, key=lambda i: (counts[alternatives[i]], i))[:RAREST_WORDS]
        if not rarest:
            return []
        query = Query(words=(tuple(alternatives[i] for i in sorted(rarest)),))
    rows, _ = await _matching(query, Filters(), limit, 0, ranked=True, count=False)
    return [row["id"] for row in rows]


async def item_counts(tokens: Sequence[str]) -> dict[str, int] | None:
    """How many items hold each index token. On PostgreSQL an estimate from `ANALYZE`'s most
    common words, where a word not among them counts 1 (rarer than all of them, maybe in
    none), and None before the table was first analysed (a small library, cheap to search)."""
    if is_postgres(engine_finder()):
        rows = await fetch(
            LibraryItem,
            "SELECT most_common_elems::text AS words, most_common_elem_freqs AS shares, "
            "(SELECT reltuples FROM pg_class WHERE oid = 'library_item'::regclass) AS n "
            "FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = 'library_item' AND attname = 'search_vector'",
        )
        if not rows:
            return None
        counts = dict.fromkeys(tokens, 1)
        if rows[0]["words"] is not None:
            words = rows[0]["words"].strip("{}").split(",")
            shares, n = rows[0]["shares"], int(rows[0]["n"])
            for word, share in zip(words, shares, strict=False):
                if word in counts:
                    counts[word] = max(1, round(share * n))
        return counts
    marks = ", ".join("{}" for _ in tokens)
    rows = await fetch(
        LibraryItem,
        f"SELECT term, doc FROM library_item_vocab WHERE term IN ({marks})",  # noqa: S608
        *tokens,
    )
    return {**dict.fromkeys(tokens, 0), **{row["term"]: int(row["doc"]) for row in rows}}


def any_of(text: str, tags: Sequence[str], max_words: int = SHORTLIST_WORDS) -> Query | None:
    """A query matching an item with any of the words or tags (one OR group)."""
    stems = tuple(dict.fromkeys(s for group in query_words(text, max_words) for s in group))
    tag_tokens = tuple(dict.fromkeys(t for tag in tags if (t := tag_token(tag))))
    alternatives = stems + tag_tokens
    return Query(words=(alternatives,)) if alternatives else None
