"""Which model runs: the default, or KRING_SEMANTIC_MODEL; the stored-vector key (and so the
prune job's idea of "other versions") follows the choice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from matching.semantic import MODELS, load_encoder, model_name, model_version


def test_the_first_registered_model_is_the_default(monkeypatch):
    monkeypatch.delenv("KRING_SEMANTIC_MODEL", raising=False)
    assert model_name() == MODELS[0]
    assert {"minilm", "e5"} <= set(MODELS)


def test_the_setting_picks_a_model_and_an_unknown_one_is_an_error(monkeypatch, e5):
    monkeypatch.setenv("KRING_SEMANTIC", "on")
    monkeypatch.setenv("KRING_SEMANTIC_MODEL", "e5")
    assert load_encoder() is e5
    assert e5.version == model_version() and "nl" in e5.languages
    monkeypatch.setenv("KRING_SEMANTIC_MODEL", "gpt-9")
    with pytest.raises(ValueError, match="KRING_SEMANTIC_MODEL"):
        load_encoder()


def test_each_model_and_runtime_has_its_own_stored_vector_key():
    versions = [model_version(name) for name in MODELS]
    assert len(set(versions)) == len(versions)


def test_the_prune_jobs_current_version_follows_the_setting():
    code = "from introductions.jobs import MODEL_VERSION; print(MODEL_VERSION)"
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "KRING_SEMANTIC_MODEL": "e5"},
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == model_version("e5")
