"""The stored sentence embeddings: read once per run, new ones written, stale ones pruned.

A run reads every stored vector of the current model (one query), encodes only texts whose
hash is missing, and stores those. Rows belong to the member whose text they encode, so
erasure deletes them with the member's other data (``privacy`` declaration in tables.py);
``prune_embeddings`` (a worker job) deletes rows whose text the member no longer has, and
rows of other model versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from kring.clock import utc_now
from kring.tables import Challenge, Expertise
from matching.semantic import from_bytes, text_hash, to_bytes
from matching.tables import Embedding

INSERT_BATCH = 200
DELETE_BATCH = 500


async def load_embeddings(model: str) -> dict[str, np.ndarray]:
    """Text hash → vector of every stored embedding of ``model``."""
    rows = await Embedding.select(Embedding.text_hash, Embedding.vector).where(
        Embedding.model == model
    )
    return {row["text_hash"]: from_bytes(row["vector"]) for row in rows}


def owners(texts: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Text hash → member id from (member id, text) pairs; the first owner wins."""
    out: dict[str, int] = {}
    for member_id, text in texts:
        out.setdefault(text_hash(text or ""), int(member_id))
    return out


async def save_embeddings(
    vectors: Mapping[str, np.ndarray], owner_of: Mapping[str, int], model: str
) -> int:
    """Store new vectors (those without a known owner are skipped); returns rows written.

    ``ON CONFLICT DO NOTHING``: a concurrent run storing the same text is no error.
    """
    now = utc_now()
    rows = [
        Embedding(
            member=owner_of[digest],
            text_hash=digest,
            model=model,
            vector=to_bytes(vector),
            created_at=now,
        )
        for digest, vector in vectors.items()
        if digest in owner_of
    ]
    for start in range(0, len(rows), INSERT_BATCH):
        await Embedding.insert(*rows[start : start + INSERT_BATCH]).on_conflict(action="DO NOTHING")
    return len(rows)


async def current_texts() -> set[tuple[int, str]]:
    """(member, text hash) of every expertise and challenge text that exists, in any state."""
    current: set[tuple[int, str]] = set()
    for table in (Expertise, Challenge):
        rows = await table.select(table.member, table.title, table.body)
        current.update((row["member"], text_hash(f"{row['title']}\n{row['body']}")) for row in rows)
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
