"""A re-match with the multilingual model stores passages only, under its own version."""

from __future__ import annotations

import numpy as np
import pytest

from introductions.service import rematch
from introductions.tables import Embedding
from kring.tables import Challenge
from matching.semantic import from_bytes, text_hash
from tests.conftest import run
from tests.matching_db.network import asker, colleague_free_member, expertise


@pytest.fixture
def e5_on(monkeypatch, e5):
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    monkeypatch.setenv("KRING_SEMANTIC_MODEL", "e5")
    return e5


def test_a_rematch_stores_the_records_as_passages_and_no_query(e5_on):
    owner = asker()
    member, _, _ = colleague_free_member()
    text = "Kwaliteitsmanagement: ISO 9001 en interne audits"
    expertise(member, text, ("ISO9001",))
    challenge = run(Challenge.select(Challenge.title).where(Challenge.id == owner.challenge_id))
    calls: list[int] = []
    run(rematch(progress=lambda done, total: calls.append(total)))
    rows = run(Embedding.select())
    assert {row["model"] for row in rows} == {e5_on.version}
    by_hash = {row["text_hash"]: from_bytes(row["vector"]) for row in rows}
    assert text_hash(f"{challenge[0]['title']}\n") not in by_hash
    np.testing.assert_allclose(
        by_hash[text_hash(f"{text}\n")], e5_on.encode([f"{text}\n"], kind="passage")[0], atol=1e-5
    )
    assert calls and calls[-1] == 3  # two records, one query

    calls.clear()
    run(rematch(progress=lambda done, total: calls.append(total)))
    assert calls == [1]  # records come from the table; the query is encoded again
