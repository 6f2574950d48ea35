"""Plain input records shared by the engine, eligibility and assignment."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Reason(StrEnum):
    """Why a challenge got fewer proposals than it asked for. Here, not in `assignment`, so the
    tables that store it load without the solver and scipy."""

    NO_ELIGIBLE_EXPERT = "no_eligible_expert"
    BELOW_THRESHOLD = "below_threshold"
    CAPACITY_EXHAUSTED = "capacity_exhausted"


@dataclass(frozen=True, slots=True)
class ExpertiseRecord:
    """One public expertise entry of a member; ``text`` is title and body together."""

    record_id: str
    member_id: str
    text: str
    tags: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Challenge:
    """A member's question looking for experts; ``demand`` overrides the run default."""

    challenge_id: str
    owner_id: str
    text: str = ""
    tags: tuple[str, ...] = ()
    is_open: bool = True
    language: str | None = None
    demand: int | None = None


@dataclass(frozen=True, slots=True)
class MemberScore:
    """A member's fit for one challenge, higher is better."""

    member_id: str
    score: float
    text_score: float = 0.0
    tag_score: float = 0.0
    extra: dict[str, float] = field(default_factory=dict, compare=False)
