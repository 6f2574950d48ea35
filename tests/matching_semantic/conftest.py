"""The sentence-embedding scorer on: skipped with a reason when the extra is not installed.

The model is loaded once per session (``default_encoder`` is cached) and each test encodes
only a handful of texts."""

from __future__ import annotations

import importlib.util

import pytest

from matching.semantic import MODEL_PACKAGE, SentenceEncoder, default_encoder

INSTALLED = importlib.util.find_spec(MODEL_PACKAGE) is not None


@pytest.fixture
def semantic_on(monkeypatch: pytest.MonkeyPatch) -> SentenceEncoder:
    if not INSTALLED:
        pytest.skip("the semantic extra is not installed (make install installs it)")
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    encoder = default_encoder()
    assert encoder is not None
    return encoder


@pytest.fixture
def semantic_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRING_SEMANTIC", "off")
