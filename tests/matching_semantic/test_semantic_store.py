"""Re-matching with the semantic extra: embeddings are stored once per text and model, the
run and the API say which scorer was used, and no embedding outlives its text or member."""

from __future__ import annotations

from introductions.embedding_store import load_embeddings, prune_embeddings
from introductions.service import primed_embeddings, proposal_overview, rematch
from introductions.tables import Embedding, MatchingRun
from kring.tables import Expertise
from matching.engine import TFIDF_SCORER
from matching.semantic import SentenceEncoder, from_bytes, text_hash
from privacy.erasure import erase_member
from tests.conftest import run
from tests.matching_db.network import (
    asker,
    expert,
    principal,
    proposed_experts,
)


def _embeddings() -> list[dict]:
    return run(Embedding.select().order_by(Embedding.id))


def _scorer(challenge_id: int) -> str:
    return run(MatchingRun.select(MatchingRun.scorer).where(MatchingRun.challenge == challenge_id))[
        0
    ]["scorer"]


def test_a_rematch_stores_each_text_once_and_the_next_run_reuses_them(semantic_on):
    owner = asker()
    first_expert = expert()
    run(rematch())
    stored = _embeddings()
    # The asker's challenge, the noise member's and the expert's expertise: three texts.
    assert len(stored) == 3
    assert {row["model"] for row in stored} == {SentenceEncoder.version}
    assert all(from_bytes(row["vector"]).shape == (384,) for row in stored)
    assert first_expert in proposed_experts(owner.challenge_id)
    assert _scorer(owner.challenge_id) == f"{SentenceEncoder.version}+tfidf+tags"
    overview = run(proposal_overview(principal(owner.member_id), owner.challenge_id))
    assert overview["scorer"] == f"{SentenceEncoder.version}+tfidf+tags"

    run(rematch())
    assert _embeddings() == stored  # same rows, same ids: nothing encoded again


def test_without_the_extra_a_run_says_tfidf_and_stores_no_embedding(semantic_off):
    owner = asker()
    member = expert()
    run(rematch())
    assert proposed_experts(owner.challenge_id) == [member]
    assert _scorer(owner.challenge_id) == TFIDF_SCORER
    assert _embeddings() == []


def test_erasure_deletes_the_members_embeddings_and_no_one_elses(semantic_on):
    owner = asker()
    erased = expert()
    kept = expert()  # the same text as `erased`: encoded once, a row for each
    run(rematch())
    rows = _embeddings()
    assert {erased, kept, owner.member_id} <= {row["member"] for row in rows}
    assert len({row["text_hash"] for row in rows}) == len(rows) - 1
    run(erase_member(erased))
    left = {row["member"] for row in _embeddings()}
    assert erased not in left and {kept, owner.member_id} <= left


def test_pruning_drops_embeddings_of_edited_texts_and_other_models(semantic_on):
    owner = asker()
    member = expert()
    run(rematch())
    before = {(row["member"], row["text_hash"]) for row in _embeddings()}
    run(
        Expertise.update({Expertise.title: "Interne audits ISO 9001 en ISO 14001"}).where(
            Expertise.member == member
        )
    )
    run(
        Embedding.update({Embedding.model: "an-older-model"}).where(
            Embedding.member == owner.member_id
        )
    )
    assert run(prune_embeddings(SentenceEncoder.version)) == 2
    after = {(row["member"], row["text_hash"]) for row in _embeddings()}
    assert after == before - {
        (member, text_hash("ISO 9001 certificering en interne audits bij kmo's\n")),
        (
            owner.member_id,
            text_hash("Wie helpt ons met ISO 9001 certificering en interne audits?\n"),
        ),
    }
    run(rematch())
    assert (member, text_hash("Interne audits ISO 9001 en ISO 14001\n")) in {
        (row["member"], row["text_hash"]) for row in _embeddings()
    }


def test_a_run_stores_nothing_for_a_member_erased_since_its_snapshot(semantic_on):
    from introductions.embedding_store import Stored, save_embeddings
    from matching.semantic import Embeddings, default_encoder

    owner = asker()
    gone = expert()
    run(erase_member(gone))
    text = "ISO 9001 certificering en interne audits bij kmo's\n"
    embeddings = Embeddings(default_encoder())
    embeddings.vectors([text])
    written = run(
        save_embeddings(
            [(str(gone), text), (str(owner.member_id), text)],
            embeddings.known,
            Stored(),
            SentenceEncoder.version,
        )
    )
    assert written == 1
    assert [row["member"] for row in _embeddings()] == [owner.member_id]


def test_a_page_reads_only_the_vectors_of_the_people_it_scores(semantic_on):
    """Who-to-meet primes the scorer with the people on one list, not the whole network."""
    owner = asker()
    first_expert = expert()
    run(rematch())
    every = {row["member"] for row in _embeddings()}
    assert {owner.member_id, first_expert} < every  # the noise member has one too
    stored = run(load_embeddings(SentenceEncoder.version, [first_expert]))
    assert {member for member, _ in stored.rows} == {first_expert}
    assert set(stored.vectors) == {digest for _, digest in stored.rows}
    primed = run(primed_embeddings([owner.member_id]))
    assert primed is not None and set(primed[0].known) == set(
        run(load_embeddings(SentenceEncoder.version, [owner.member_id])).vectors
    )
