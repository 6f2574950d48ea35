"""The stored sentence embeddings: read once per run, new ones written, stale ones pruned.

A run reads every stored vector of the current model (one query), encodes only texts whose
hash is missing, and stores a row for every (member, text) that has none yet (two members
with the same text share the encoding, each has a row). Rows belong to the member whose
text they encode, so
erasure deletes them with the member's other data (``privacy`` declaration in tables.py);
``prune_embeddings`` (a worker job) deletes rows whose text the member no longer has, and
rows of other model versions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from introductions.tables import Embedding
from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.tables import Challenge, Expertise, Member
from matching.semantic import QUERY_KEY, from_bytes, text_hash, to_bytes

INSERT_BATCH = 200
DELETE_BATCH = 500
"""Ids per IN list (deletes and member reads): keeps SQLite under its limit of bound
parameters per statement."""


@dataclass
class Stored:
    """The stored embeddings of one model: vectors by text hash, and who has a row."""

    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    rows: set[tuple[int, str]] = field(default_factory=set)


async def load_embeddings(model: str, member_ids: Collection[int] | None = None) -> Stored:
    """The stored embeddings of ``model``: all of them, or only these members' (a page that
    scores a few people reads a few rows, not the whole network's)."""
    query = Embedding.select(Embedding.member, Embedding.text_hash, Embedding.vector)
    rows: list[dict] = []
    if member_ids is None:
        rows = await query.where(Embedding.model == model)
    else:
        wanted = sorted(set(member_ids))
        for start in range(0, len(wanted), DELETE_BATCH):
            part = wanted[start : start + DELETE_BATCH]
            rows += await query.where((Embedding.model == model) & Embedding.member.is_in(part))
    stored = Stored()
    for row in rows:
        stored.vectors.setdefault(row["text_hash"], from_bytes(row["vector"]))
        stored.rows.add((row["member"], row["text_hash"]))
    return stored


async def save_embeddings(
    texts: Iterable[tuple[str, str]],
    vectors: Mapping[str, np.ndarray],
    stored: Stored,
    model: str,
) -> int:
    """A row for each (member id, text) without one whose vector is in ``vectors``; returns
    rows written. ``ON CONFLICT DO NOTHING``: a concurrent run storing the same is no error.
    Members erased since the run's snapshot get no row (what an erasure racing the check
    leaves, the worker's prune removes: the text is gone).
    """
    now = utc_now()
    rows: list[Embedding] = []
    for member_id, text in texts:
        key = (int(member_id), text_hash(text or ""))
        if key in stored.rows or key[1] not in vectors:
            continue
        stored.rows.add(key)
        rows.append(
            Embedding(
                member=key[0],
                text_hash=key[1],
                model=model,
                vector=to_bytes(vectors[key[1]]),
                created_at=now,
            )
        )
    owners = sorted({row.member for row in rows})
    erased: set[int] = set()
    for start in range(0, len(owners), DELETE_BATCH):
        erased.update(
            row["id"]
            for row in await Member.select(Member.id).where(
                Member.id.is_in(owners[start : start + DELETE_BATCH])
                & (Member.status == MemberStatus.erased)
            )
        )
    rows = [row for row in rows if row.member not in erased]
    for start in range(0, len(rows), INSERT_BATCH):
        await Embedding.insert(*rows[start : start + INSERT_BATCH]).on_conflict(action="DO NOTHING")
    return len(rows)


async def current_texts() -> set[tuple[int, str]]:
    """(member, text hash) of every expertise and challenge text that exists, in any state; a
    challenge's text also as a query (``Embeddings.key``: a model with kinds hashes
    ``"query: " + text``)."""
    current: set[tuple[int, str]] = set()
    for table in (Expertise, Challenge):
        rows = await table.select(table.member, table.title, table.body)
        for row in rows:
            text = f"{row['title']}\n{row['body']}"
            current.add((row["member"], text_hash(text)))
            if table is Challenge:
                current.add((row["member"], text_hash(QUERY_KEY + text)))
    return current


async def prune_embeddings(model: str | None = None) -> int:
    """Delete embeddings no current text of their member refers to (edited or deleted texts)
    and, given ``model``, those of any other model version; returns how many."""
    current = await current_texts()
    stale = [
        row["id"]
        for row in await Embedding.select(
            Embedding.id, Embedding.member, Embedding.text_hash, Embedding.model
        )
        if (row["member"], row["text_hash"]) not in current
        or (model is not None and row["model"] != model)
    ]
    for start in range(0, len(stale), DELETE_BATCH):
        await Embedding.delete().where(Embedding.id.is_in(stale[start : start + DELETE_BATCH]))
    return len(stale)
