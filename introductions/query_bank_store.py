"""The last re-match's query bank, kept so that a page scoring a few challenges ("who to
meet") centres them as the re-match did, without reading every open challenge's vector."""

from __future__ import annotations

import numpy as np

from introductions.tables import QueryBankMean
from kring.clock import utc_now
from kring.database import write_transaction
from matching.semantic_scoring import QueryBank
from matching.text import LANGUAGES


async def save_query_bank(bank: QueryBank | None, model: str) -> None:
    """Replace the model's rows with the bank's languages that have a mean (none when the
    run fitted no bank: the pages then score uncentred, as the run did)."""
    now = utc_now()
    rows = []
    if bank is not None:
        rows = [
            QueryBankMean(
                model=model,
                language=language,
                mean=np.asarray(bank.means[code], dtype="<f8").tobytes(),
                questions=int(bank.counts[code]),
                computed_at=now,
            )
            for code, language in enumerate(LANGUAGES)
            if bank.counts[code] > 0
        ]
    async with write_transaction(QueryBankMean._meta.db):
        await QueryBankMean.delete().where(QueryBankMean.model == model)
        if rows:
            await QueryBankMean.insert(*rows)


async def load_query_bank(model: str) -> QueryBank | None:
    """The model's last bank, or None when no run stored one."""
    rows = await QueryBankMean.select().where(QueryBankMean.model == model)
    if not rows:
        return None
    means: np.ndarray | None = None
    counts = np.zeros(len(LANGUAGES), dtype=np.int64)
    for row in rows:
        if row["language"] not in LANGUAGES:
            continue
        vector = np.frombuffer(row["mean"], dtype="<f8")
        if means is None:
            means = np.zeros((len(LANGUAGES), len(vector)), dtype=np.float64)
        if len(vector) != means.shape[1]:
            return None  # rows of mixed shapes: not a bank this model can use
        code = LANGUAGES.index(row["language"])
        means[code], counts[code] = vector, row["questions"]
    return None if means is None else QueryBank(means, counts)
