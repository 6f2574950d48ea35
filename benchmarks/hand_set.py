"""The bilingual hand-labelled matching set (``data/quality_hand_set.json``) as labelled sets.

Every expertise record and every challenge is written in Dutch and in English, so one file
gives four sets with the same labels: Dutch challenges against Dutch expertise, English
against English, and both cross-language cases. That separates what a scorer loses to the
language from what it loses to the wording. Challenges of kind "meaning" share (almost) no
content word and no tag with their best expert: what TF-IDF and tags cannot find.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from typing import Any

from matching.records import ExpertiseRecord
from matching.tags import tag_score
from matching.text import analyse

LANGUAGES = ("nl", "en")
KINDS = ("words", "meaning")
GAINS = (1.0, 2.0)
DATA = Path(__file__).resolve().parent / "data" / "quality_hand_set.json"


@dataclasses.dataclass
class LabelledSet:
    """Records, challenges (text, tags, language or None) and per challenge member → gain."""

    records: list[ExpertiseRecord]
    challenges: list[tuple[str, tuple[str, ...], str | None]]
    gains: list[dict[str, float]]


@dataclasses.dataclass(frozen=True)
class HandRecord:
    texts: dict[str, str]
    tags: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class HandExpert:
    expert_id: str
    records: tuple[HandRecord, ...]


@dataclasses.dataclass(frozen=True)
class HandChallenge:
    challenge_id: str
    kind: str
    texts: dict[str, str]
    tags: tuple[str, ...]
    gains: dict[str, float]


@dataclasses.dataclass(frozen=True)
class HandSet:
    experts: dict[str, HandExpert]
    challenges: tuple[HandChallenge, ...]


class HandSetError(ValueError):
    """The file breaks one of its promises; the message lists every problem found."""


def _texts(raw: dict[str, Any], where: str, problems: list[str]) -> dict[str, str]:
    texts = {}
    for lang in LANGUAGES:
        text = raw.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: no {lang!r} text")
        else:
            texts[lang] = text.strip()
    return texts


def _tags(raw: dict[str, Any], where: str, problems: list[str]) -> tuple[str, ...]:
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        problems.append(f"{where}: tags must be a list of non-empty strings")
        return ()
    return tuple(tags)


def parse(raw: dict[str, Any]) -> HandSet:
    """Validate the decoded JSON and build the set; raises HandSetError listing all problems."""
    problems: list[str] = []
    experts: dict[str, HandExpert] = {}
    for i, entry in enumerate(raw.get("experts") or []):
        expert_id = entry.get("id")
        where = f"expert {expert_id or f'#{i}'}"
        if not isinstance(expert_id, str) or not expert_id:
            problems.append(f"{where}: no id")
            continue
        if expert_id in experts:
            problems.append(f"{where}: duplicate expert id")
        records = tuple(
            HandRecord(_texts(r, f"{where} record {j}", problems), _tags(r, where, problems))
            for j, r in enumerate(entry.get("records") or [])
        )
        if not records:
            problems.append(f"{where}: no expertise records")
        experts[expert_id] = HandExpert(expert_id, records)
    if not experts:
        problems.append("no experts")
    challenges: list[HandChallenge] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw.get("challenges") or []):
        challenge_id = entry.get("id")
        where = f"challenge {challenge_id or f'#{i}'}"
        if not isinstance(challenge_id, str) or not challenge_id:
            problems.append(f"{where}: no id")
            continue
        if challenge_id in seen:
            problems.append(f"{where}: duplicate challenge id")
        seen.add(challenge_id)
        kind = entry.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}: kind must be one of {KINDS}, not {kind!r}")
        gains = {str(m): float(g) for m, g in (entry.get("gains") or {}).items()}
        unknown = sorted(set(gains) - set(experts))
        if unknown:
            problems.append(f"{where}: unknown expert ids in gains: {', '.join(unknown)}")
        if any(g not in GAINS for g in gains.values()):
            problems.append(f"{where}: gains must be 1 or 2 (absent members have gain 0)")
        if 2.0 not in gains.values():
            problems.append(f"{where}: no expert with gain 2")
        texts = _texts(entry, where, problems)
        challenges.append(
            HandChallenge(challenge_id, kind, texts, _tags(entry, where, problems), gains)
        )
    if not challenges:
        problems.append("no challenges")
    if problems:
        raise HandSetError("quality hand set: " + "; ".join(problems))
    return HandSet(experts, tuple(challenges))


@functools.cache
def load(path: Path = DATA) -> HandSet:
    """The validated set from ``path`` (read once per process)."""
    return parse(json.loads(path.read_text(encoding="utf-8")))


def bilingual_set(
    challenge_lang: str,
    expertise_lang: str,
    kind: str | None = None,
    *,
    hand: HandSet | None = None,
) -> LabelledSet:
    """Challenges in ``challenge_lang`` (only those of ``kind`` when given) against every
    expert's records in ``expertise_lang``; languages are passed on to the engine."""
    if challenge_lang not in LANGUAGES or expertise_lang not in LANGUAGES:
        raise ValueError(f"languages are {LANGUAGES}, not {challenge_lang!r}/{expertise_lang!r}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind is one of {KINDS} or None, not {kind!r}")
    hand = hand or load()
    records = [
        ExpertiseRecord(
            f"{expert.expert_id}-{i}",
            expert.expert_id,
            record.texts[expertise_lang],
            record.tags,
            expertise_lang,
        )
        for expert in hand.experts.values()
        for i, record in enumerate(expert.records)
    ]
    chosen = [c for c in hand.challenges if kind is None or c.kind == kind]
    return LabelledSet(
        records,
        [(c.texts[challenge_lang], c.tags, challenge_lang) for c in chosen],
        [dict(c.gains) for c in chosen],
    )


def shared_words(challenge: HandChallenge, expert: HandExpert, language: str) -> set[str]:
    """Content stems the challenge shares with any of the expert's records in ``language``."""
    words = set(analyse(challenge.texts[language], language))
    return {s for r in expert.records for s in analyse(r.texts[language], language) if s in words}


def shares_a_tag(challenge: HandChallenge, expert: HandExpert) -> bool:
    """Whether any challenge tag matches a tag of the expert (aliases and typos included)."""
    return any(tag_score(challenge.tags, r.tags) > 0 for r in expert.records)
