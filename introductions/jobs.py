"""Timed work of the introductions app, run by `kring worker`; and the round of stale
proposals `kring serve` runs itself on SQLite while no worker does (`introductions.rounds`)."""

import asyncio
import logging

from introductions.embedding_store import prune_embeddings
from introductions.mail_outbox import deliver_due, forget_settled
from introductions.rounds import STAND_IN_EVERY, Runner, serve_should_stand_in
from introductions.service import rematch_stale
from introductions.workflow import expire_due, send_reminders, withdraw_requests
from kring.jobs import Job
from matching.semantic import MODEL_VERSION


async def prune_stale_embeddings() -> int:
    """Embeddings of texts that were edited or deleted, and of other model versions."""
    return await prune_embeddings(MODEL_VERSION)


JOBS: dict[str, Job] = {
    "introduction reminders": send_reminders,
    "expired introductions": expire_due,
    "requests of closed challenges": withdraw_requests,
    "introduction mails to retry": deliver_due,
    "settled introduction mails": forget_settled,
    "stale proposals": rematch_stale,
    "stale embeddings": prune_stale_embeddings,
}


log = logging.getLogger("kring.introductions")


async def stand_in_round() -> int:
    """The worker's round of stale proposals, when no worker started one recently; answers
    how many challenges it matched."""
    if not await serve_should_stand_in():
        return 0
    return await rematch_stale(Runner.serve)


async def stand_in_forever() -> None:
    """`kring serve`'s background task: a new or edited challenge gets its proposals within
    a minute although no `kring worker` runs (the demo)."""
    while True:
        try:
            matched = await stand_in_round()
            if matched:
                log.info("stale proposals matched by kring serve: %s challenge(s)", matched)
        except Exception:
            log.exception("round of stale proposals in kring serve failed")
        await asyncio.sleep(STAND_IN_EVERY)
