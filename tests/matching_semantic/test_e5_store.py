"""A re-match with the multilingual model stores records as passages and challenges as queries
(keyed by the hash of ``query: `` + text), under its own version."""

from __future__ import annotations

import numpy as np
import pytest

from introductions.embedding_store import prune_embeddings
from introductions.service import rematch
from introductions.tables import Embedding
from kring.tables import Challenge
from matching.semantic import QUERY_KEY, from_bytes, text_hash
from tests.conftest import run
from tests.matching_db.network import asker, colleague_free_member, expertise


@pytest.fixture
def e5_on(monkeypatch, e5):
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    monkeypatch.setenv("KRING_SEMANTIC_MODEL", "e5")
    return e5


def test_a_rematch_stores_the_records_as_passages_and_the_challenge_as_a_query(e5_on):
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
    asked = f"{challenge[0]['title']}\n"
    assert text_hash(asked) not in by_hash
    np.testing.assert_allclose(
        by_hash[text_hash(QUERY_KEY + asked)], e5_on.encode([asked], kind="query")[0], atol=1e-5
    )
    np.testing.assert_allclose(
        by_hash[text_hash(f"{text}\n")], e5_on.encode([f"{text}\n"], kind="passage")[0], atol=1e-5
    )
    assert calls and calls[-1] == 3  # two records, one query

    calls.clear()
    run(rematch(progress=lambda done, total: calls.append(total)))
    assert calls == []  # records and the query come from the table: nothing is encoded


def test_pruning_keeps_a_challenges_query_row_until_its_text_changes(e5_on):
    owner = asker()
    member, _, _ = colleague_free_member()
    expertise(member, "Kwaliteitsmanagement: ISO 9001 en interne audits", ("ISO9001",))
    run(rematch())
    asked = run(Challenge.select(Challenge.title).where(Challenge.id == owner.challenge_id))
    query_row = (owner.member_id, text_hash(QUERY_KEY + f"{asked[0]['title']}\n"))
    rows = {(row["member"], row["text_hash"]) for row in run(Embedding.select())}
    assert query_row in rows
    assert run(prune_embeddings(e5_on.version)) == 0
    run(
        Challenge.update({Challenge.title: "Wie helpt ons met ISO 14001?"}).where(
            Challenge.id == owner.challenge_id
        )
    )
    assert run(prune_embeddings(e5_on.version)) == 1
    after = {(row["member"], row["text_hash"]) for row in run(Embedding.select())}
    assert after == rows - {query_row}
