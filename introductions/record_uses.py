"""A challenge someone was asked about stays: deleting it would take the introduction out of
the expert's history too. Proposals nobody acted on go with it."""

from __future__ import annotations

from introductions.tables import Introduction, IntroductionState
from kring.vocabulary import N_


async def asked_about(kind: str, record_id: int) -> str | None:
    if kind != "challenge":
        return None
    asked = await Introduction.exists().where(
        (Introduction.challenge == record_id) & (Introduction.state != IntroductionState.proposed)
    )
    if asked:
        return N_(
            "Someone was already asked to meet you about this challenge, so it stays in both "
            "your histories. Close it instead."
        )
    return None


USES = (asked_about,)
