"""The bilingual hand-labelled quality set keeps the promises the --bilingual report relies on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from benchmarks.hand_set import (
    DATA,
    LANGUAGES,
    HandSetError,
    bilingual_set,
    load,
    parse,
    shared_words,
    shares_a_tag,
)


def test_the_set_has_enough_challenges_in_dutch_and_of_each_kind() -> None:
    hand = load()
    assert len(hand.challenges) >= 48
    assert sum(bool(c.texts.get("nl")) for c in hand.challenges) >= 40
    assert sum(c.kind == "meaning" for c in hand.challenges) >= 14
    assert 32 <= len(hand.experts) <= 40


def test_every_challenge_has_a_best_expert_and_only_known_experts() -> None:
    hand = load()
    for challenge in hand.challenges:
        assert 2.0 in challenge.gains.values(), challenge.challenge_id
        assert set(challenge.gains) <= set(hand.experts), challenge.challenge_id


def test_every_text_is_written_in_both_languages_at_a_realistic_length() -> None:
    hand = load()
    for expert in hand.experts.values():
        assert 1 <= len(expert.records) <= 2
        for record in expert.records:
            assert 1 <= len(record.tags) <= 3, expert.expert_id
            for lang in LANGUAGES:
                assert 15 <= len(record.texts[lang].split()) <= 45, (expert.expert_id, lang)
    for challenge in hand.challenges:
        for lang in LANGUAGES:
            assert 10 <= len(challenge.texts[lang].split()) <= 35, (challenge.challenge_id, lang)
        assert challenge.texts["nl"] != challenge.texts["en"]


def test_about_half_the_challenges_have_tags() -> None:
    challenges = load().challenges
    tagged = sum(bool(c.tags) for c in challenges)
    assert 0.35 <= tagged / len(challenges) <= 0.65


def test_meaning_challenges_share_no_word_and_no_tag_with_their_best_expert() -> None:
    hand = load()
    for challenge in (c for c in hand.challenges if c.kind == "meaning"):
        for expert_id, gain in challenge.gains.items():
            if gain != 2:
                continue
            expert = hand.experts[expert_id]
            assert not shares_a_tag(challenge, expert), challenge.challenge_id
            for lang in LANGUAGES:
                shared = shared_words(challenge, expert, lang)
                assert len(shared) <= 1, (challenge.challenge_id, lang, shared)


def test_bilingual_set_pairs_challenge_and_expertise_languages() -> None:
    cross = bilingual_set("nl", "en")
    hand = load()
    assert len(cross.challenges) == len(hand.challenges)
    assert {lang for _, _, lang in cross.challenges} == {"nl"}
    assert {r.language for r in cross.records} == {"en"}
    assert cross.challenges[0][0] == hand.challenges[0].texts["nl"]
    assert cross.records[0].text == next(iter(hand.experts.values())).records[0].texts["en"]
    meaning = bilingual_set("en", "en", "meaning")
    assert len(meaning.challenges) == sum(c.kind == "meaning" for c in hand.challenges)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda raw: raw["challenges"][0]["gains"].update(nobody=1), "unknown expert ids"),
        (lambda raw: raw["experts"][1].update(id=raw["experts"][0]["id"]), "duplicate expert"),
        (lambda raw: raw["challenges"][1].update(id=raw["challenges"][0]["id"]), "duplicate"),
        (lambda raw: raw["experts"][0]["records"][0].pop("en"), "no 'en' text"),
        (lambda raw: raw["challenges"][0].pop("nl"), "no 'nl' text"),
        (lambda raw: raw["challenges"][0].update(gains={"an": 1}), "no expert with gain 2"),
        (lambda raw: raw["challenges"][0].update(kind="vibes"), "kind must be one of"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_error(
    breakage: Callable[[dict[str, Any]], object], message: str
) -> None:
    raw = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))
    breakage(raw)
    with pytest.raises(HandSetError, match=message):
        parse(raw)
