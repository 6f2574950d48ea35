"""A challenge someone was asked about stays: deleting it would take the introduction out of
the expert's history too. Proposals nobody acted on go with it."""

from __future__ import annotations

from introductions.tables import Introduction, IntroductionState
from introductions.workflow import withdraw_requests
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


async def requests_withdrawn(kind: str, record_id: int) -> str | None:
    """Closing a challenge withdraws the requests that still wait for an expert's answer."""
    if kind != "challenge":
        return None
    withdrawn = await withdraw_requests(record_id)
    if withdrawn == 1:
        return N_(
            "Closed. The one request still waiting for an answer was withdrawn: the expert no "
            "longer sees it."
        )
    if withdrawn > 1:
        return N_(
            "Closed. The requests still waiting for an answer were withdrawn: the experts no "
            "longer see them."
        )
    return None


USES = (asked_about,)
CLOSED = (requests_withdrawn,)
