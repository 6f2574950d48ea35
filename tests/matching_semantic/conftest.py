"""The sentence-embedding scorer on: skipped with a reason when the extra is not installed.

Each model is loaded once per session (``load_encoder`` is cached) and each test encodes
only a handful of texts."""

from __future__ import annotations

import importlib.util

import pytest

from matching.semantic import MODEL_PACKAGE, Encoder, SentenceEncoder, enabled, load_encoder

INSTALLED = importlib.util.find_spec(MODEL_PACKAGE) is not None


@pytest.fixture
def semantic_on(monkeypatch: pytest.MonkeyPatch) -> SentenceEncoder:
    if not INSTALLED:
        pytest.skip("the semantic extra is not installed (make install installs it)")
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    # These tests were written for all-MiniLM-L6-v2's behaviour (its floor, its English gate,
    # every text stored); the default model's are in test_e5_*.py and test_dutch_meaning.py.
    monkeypatch.setenv("KRING_SEMANTIC_MODEL", "minilm")
    encoder = load_encoder("minilm")
    assert isinstance(encoder, SentenceEncoder)
    return encoder


@pytest.fixture
def semantic_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_SEMANTIC", "off")


@pytest.fixture(scope="session")
def e5() -> Encoder:
    """multilingual-e5-small through onnxruntime (float32)."""
    return _loaded("e5")


def _loaded(name: str) -> Encoder:
    with pytest.MonkeyPatch.context() as patch:  # tests run with KRING_SEMANTIC=off
        patch.setenv("KRING_SEMANTIC", "on")
        if not enabled(name):
            pytest.skip("the semantic extra is not installed (make install installs it)")
        encoder = load_encoder(name)
    assert encoder is not None
    return encoder


@pytest.fixture(scope="session")
def e5_int8() -> Encoder:
    return _loaded("e5-int8")


@pytest.fixture(scope="session")
def e5_reference(e5):
    """The independent float64 forward pass over the same file (slow: one text ≈ 0.1 s)."""
    from tests.matching_semantic.e5_reference import ReferenceE5

    return ReferenceE5(e5.weights)
