"""Library search and "for you" at 100,000 items, against a plain LIKE scan.

Run: `.venv/bin/python benchmarks/library_search.py [--size N]` (a fresh SQLite file in a temp
folder; set KRING_DATABASE_URL to a postgres:// URL of an EMPTY scratch database, e.g.
postgres://postgres@127.0.0.1:5432/kring_bench, to measure there: its tables are dropped and
made again). Items are written in Dutch and English from the demo's vocabulary
(`assembly/demo_words.py`: titles, problems and results of its topics, with their tags). Then
~50 queries of one to three words, each timed as the page does it (`search_items`: the first
page of 20, best first, and the count), and as the baseline does it: `LIKE '%word%'` on title,
summary and body for every word, newest first, with the count. Median and p95 of each, and
their ratio; then "for you" for 20 members' challenges.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault(
    "KRING_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='kring-bench-')}/bench.sqlite"
)
os.environ.setdefault("KRING_SECRET_KEY", "benchmark-secret-key")
os.environ.setdefault("KRING_SEMANTIC", "off")

QUERIES = 50
BATCH = 1000
KINDS = ("article", "slides", "guide", "template", "link")


def _texts(rng: random.Random, n: int) -> list[dict[str, Any]]:
    from assembly.demo_words import TOPICS

    topics = list(TOPICS.values())
    items = []
    for i in range(n):
        topic = rng.choice(topics)
        language = "nl" if rng.random() < 0.6 else "en"
        titles = topic.expertise_titles_nl + topic.challenge_titles_nl
        if language == "en":
            titles = topic.expertise_titles_en + topic.challenge_titles_en
        problems = topic.problems_nl if language == "nl" else topic.problems_en
        results = topic.results_nl if language == "nl" else topic.results_en
        body = " ".join(rng.sample(problems, min(2, len(problems))) + list(results)) * 2
        tags = list(topic.core_tags) + rng.sample(topic.related_tags, 2)
        items.append(
            {
                "kind": KINDS[i % len(KINDS)],
                "title": f"{rng.choice(titles)} ({i})",
                "summary": rng.choice(problems),
                "body": body,
                "tags": tags,
                "language": language,
            }
        )
    return items


async def populate(size: int, rng: random.Random) -> list[dict[str, Any]]:
    from piccolo.engine import engine_finder

    from assembly.migrate import migrate
    from kring.clock import utc_now
    from kring.database import is_postgres
    from library.analysis import index_text
    from library.tables import LibraryItem

    engine = engine_finder()
    if is_postgres(engine):
        await engine.run_ddl("DROP SCHEMA public CASCADE")
        await engine.run_ddl("CREATE SCHEMA public")
    await migrate()
    texts = _texts(rng, size)
    start = utc_now() - timedelta(days=3650)
    began = time.perf_counter()
    for first in range(0, size, BATCH):
        rows = []
        for offset, data in enumerate(texts[first : first + BATCH]):
            moment = start + timedelta(minutes=first + offset)
            search_text = index_text(
                data["title"], data["summary"], data["body"], data["tags"], data["language"]
            )
            rows.append(
                LibraryItem(**data, search_text=search_text, published_at=moment, updated_at=moment)
            )
        await LibraryItem.insert(*rows)
    if is_postgres(engine):
        await engine.run_ddl("VACUUM ANALYZE library_item")
    print(f"filled {size} items in {time.perf_counter() - began:.0f} s")
    return texts


def _queries(rng: random.Random, texts: list[dict[str, Any]]) -> list[str]:
    from matching.text import surface_tokens

    queries = []
    while len(queries) < QUERIES:
        words = [w for w in surface_tokens(rng.choice(texts)["body"]) if len(w) > 4]
        if words:
            queries.append(" ".join(rng.sample(words, min(len(words), rng.choice((1, 2, 3))))))
    return queries


async def _like(text: str) -> int:
    """The baseline: every word somewhere in title, summary or body, newest first."""
    from kring.database import fetch, is_postgres
    from library.tables import LibraryItem

    like = "ILIKE" if is_postgres(LibraryItem._meta.db) else "LIKE"
    words = text.split()
    where = " AND ".join(
        f"(i.title {like} {{}} OR i.summary {like} {{}} OR i.body {like} {{}})" for _ in words
    )
    args = [f"%{w}%" for w in words for _ in range(3)]
    await fetch(
        LibraryItem,
        f"SELECT i.id, i.title FROM library_item AS i WHERE i.retired_at IS NULL AND {where} "
        "ORDER BY i.published_at DESC, i.id DESC LIMIT 20",
        *args,
    )
    rows = await fetch(
        LibraryItem,
        f"SELECT count(*) AS n FROM library_item AS i WHERE i.retired_at IS NULL AND {where}",
        *args,
    )
    return int(rows[0]["n"])


async def _timed(call: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = await call
    return (time.perf_counter() - began) * 1000, result


def _summary(name: str, times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(f"{name:<28} median {median:8.1f} ms   p95 {p95:8.1f} ms")
    return median, p95


async def main(size: int) -> None:
    from kring.choices import Role
    from kring.principal import Principal
    from kring.settings import get_settings
    from kring.tables import Challenge, Member
    from library.for_you import for_you
    from library.search import search_items

    rng = random.Random(20)
    database = get_settings().database_url.split("://")[0]
    print(f"library search on {database}, {size} items")
    texts = await populate(size, rng)
    queries = _queries(rng, texts)
    await search_items(queries[0])  # warm caches and connections
    fts, like, found = [], [], []
    for query in queries:
        took, results = await _timed(search_items(query))
        fts.append(took)
        found.append(results.total)
        took, _ = await _timed(_like(query))
        like.append(took)
    print(f"{len(queries)} queries, matches per query: median {statistics.median(found):.0f}")
    fts_median, fts_p95 = _summary("full-text (page + count)", fts)
    like_median, like_p95 = _summary("LIKE scan (page + count)", like)
    ratio, ratio_p95 = like_median / fts_median, like_p95 / fts_p95
    print(f"ratio LIKE / full-text: median {ratio:.0f}x, p95 {ratio_p95:.0f}x")
    member = Member(first_name="Bench", last_name="Mark", email="bench@example.be")
    await member.save()
    viewer = Principal(1, Role.member, member.id, "bench@example.be", "Bench", "session")
    times = []
    for data in rng.sample(texts, 20):
        await Challenge.delete().where(Challenge.member == member.id)
        await Challenge(
            member=member.id,
            title=data["title"].split(" (")[0],
            body=data["summary"],
            tags=data["tags"][:2],
            language=data["language"],
        ).save()
        took, _ = await _timed(for_you(viewer))
        times.append(took)
    _summary("for you (1 challenge)", times)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().size))
