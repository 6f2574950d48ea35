"""Timed work of the introductions app, run by `kring worker`."""

from introductions.embedding_store import prune_embeddings
from introductions.mail_outbox import deliver_due, forget_settled
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
