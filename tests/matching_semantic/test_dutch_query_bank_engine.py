"""The engine's query bank with multilingual-e5-small on the bilingual hand set: Dutch
challenges centred on the mean of the open Dutch challenges order their experts better by
meaning (README, "Semantic matching", Dutch)."""

from __future__ import annotations

import numpy as np

from benchmarks.hand_set import bilingual_set
from matching.engine import Engine
from matching.semantic import Embeddings, Encoder


def _pairwise_error(scores: np.ndarray, gain: np.ndarray) -> float:
    """Share of (higher gain, lower gain) member pairs ordered wrongly (ties count half)."""
    higher = gain[:, None] > gain[None, :]
    wrong = (scores[:, None] < scores[None, :]) + 0.5 * (scores[:, None] == scores[None, :])
    return float(wrong[higher].sum() / higher.sum())


def _semantic_error(engine: Engine, language: str) -> float:
    data = bilingual_set(language, language)
    errors = []
    for (text, _, _), gains in zip(data.challenges, data.gains, strict=True):
        scores = engine.semantic_scores(text)
        assert scores is not None
        gain = np.array([gains.get(m, 0.0) for m in engine.member_ids])
        errors.append(_pairwise_error(scores, gain))
    return float(np.mean(errors))


def test_dutch_challenges_order_better_centred_on_the_open_challenges(e5_int8: Encoder) -> None:
    data = bilingual_set("nl", "nl")
    engine = Engine(data.records, embeddings=Embeddings(e5_int8))
    before = _semantic_error(engine, "nl")
    engine.fit_query_bank([text for text, _, _ in data.challenges])
    after = _semantic_error(engine, "nl")
    assert after < before - 0.015, (before, after)


def test_the_bank_leaves_challenges_of_a_language_it_has_too_few_of(e5_int8: Encoder) -> None:
    data = bilingual_set("nl", "nl")
    english = bilingual_set("en", "en")
    engine = Engine(data.records, embeddings=Embeddings(e5_int8))
    question = english.challenges[0][0]
    plain = engine.row_cosines(question).copy()
    engine.fit_query_bank([text for text, _, _ in data.challenges] + [question])
    np.testing.assert_array_equal(engine.row_cosines(question), plain)
    dutch = data.challenges[0][0]
    centred = engine.query_vectors([dutch])[0]
    assert np.linalg.norm(centred) < 0.6  # the shared direction of Dutch questions is gone
